import { Migration } from '@mikro-orm/migrations';

export class Migration20261125124430_gdpr extends Migration {

  override name = 'Migration20261125124430_gdpr';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."data_export" ("id" uuid not null, "user_id" uuid not null, "status" text not null, "download_token_hash" varchar(64) not null, "requested_at" timestamptz not null, "ready_at" timestamptz null, "downloaded_at" timestamptz null, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "data_export_user_id_index" on "users"."data_export" ("user_id");`);

    this.addSql(`create table "users"."data_export_part" ("export_id" uuid not null, "service" varchar(40) not null, "data" jsonb not null, "received_at" timestamptz not null, primary key ("export_id", "service"));`);

    this.addSql(`create table "users"."erasure" ("user_id" uuid not null, "requested_at" timestamptz not null, "completed_at" timestamptz null, primary key ("user_id"));`);

    this.addSql(`create table "users"."erasure_ack" ("user_id" uuid not null, "service" varchar(40) not null, "completed_at" timestamptz not null, primary key ("user_id", "service"));`);

    this.addSql(`alter table "users"."data_export" add constraint "data_export_status_check" check ("status" in ('PENDING', 'READY', 'DOWNLOADED', 'EXPIRED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create table "users"."api_key" ("id" uuid not null, "owner_id" uuid not null, "name" varchar(80) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "scopes" text[] not null, "created_at" timestamptz(6) not null, "expires_at" timestamptz(6) null, "last_used_at" timestamptz(6) null, "revoked_at" timestamptz(6) null, primary key ("id"));`);
    this.addSql(`alter table "users"."api_key" add constraint "api_key_key_hash_unique" unique ("key_hash");`);
    this.addSql(`create index "api_key_owner_id_index" on "users"."api_key" ("owner_id");`);
  }

}
