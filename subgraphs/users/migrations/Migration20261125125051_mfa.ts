import { Migration } from '@mikro-orm/migrations';

export class Migration20261125125051_mfa extends Migration {

  override name = 'Migration20261125125051_mfa';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."mfa_challenge" ("id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "failed_attempts" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "mfa_challenge_user_id_index" on "users"."mfa_challenge" ("user_id");`);
    this.addSql(`alter table "users"."mfa_challenge" add constraint "mfa_challenge_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "users"."mfa_recovery_code" ("id" uuid not null, "user_id" uuid not null, "code_hash" varchar(64) not null, "created_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "mfa_recovery_code_user_id_index" on "users"."mfa_recovery_code" ("user_id");`);
    this.addSql(`alter table "users"."mfa_recovery_code" add constraint "mfa_recovery_code_code_hash_unique" unique ("code_hash");`);

    this.addSql(`create table "users"."mfa_totp" ("user_id" uuid not null, "secret" varchar(255) not null, "created_at" timestamptz not null, "confirmed_at" timestamptz null, "last_used_step" int null, primary key ("user_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "users"."mfa_totp" cascade;`);
    this.addSql(`drop table if exists "users"."mfa_recovery_code" cascade;`);
    this.addSql(`drop table if exists "users"."mfa_challenge" cascade;`);
  }

}
