import { Migration } from '@mikro-orm/migrations';

export class Migration20261125132235_sanctions extends Migration {

  override name = 'Migration20261125132235_sanctions';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."account_sanction" ("id" uuid not null, "user_id" uuid not null, "type" text not null, "policy" varchar(40) not null, "reason" text not null, "starts_at" timestamptz not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "received_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "account_sanction_user_id_index" on "users"."account_sanction" ("user_id");`);

    this.addSql(`alter table "users"."account_sanction" add constraint "account_sanction_type_check" check ("type" in ('SUSPEND', 'BAN'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "users"."account_sanction" cascade;`);
  }

}
