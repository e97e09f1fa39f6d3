import { Migration } from '@mikro-orm/migrations';

export class Migration20261125124103_apikeys extends Migration {

  override name = 'Migration20261125124103_apikeys';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."api_key" ("id" uuid not null, "owner_id" uuid not null, "name" varchar(80) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "scopes" text[] not null, "created_at" timestamptz not null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "api_key_owner_id_index" on "users"."api_key" ("owner_id");`);
    this.addSql(`alter table "users"."api_key" add constraint "api_key_key_hash_unique" unique ("key_hash");`);
  }

}
