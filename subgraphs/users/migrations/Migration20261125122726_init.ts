import { Migration } from '@mikro-orm/migrations';

export class Migration20261125122726_init extends Migration {

  override name = 'Migration20261125122726_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "users";`);
    this.addSql(`create table "users"."outbox_event" ("id" uuid not null, "subject" varchar(255) not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "outbox_event_published_at_index" on "users"."outbox_event" ("published_at");`);

    this.addSql(`create table "users"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);

    this.addSql(`create table "users"."refresh_token" ("id" uuid not null, "token_hash" varchar(64) not null, "family_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "users"."refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "refresh_token_family_id_index" on "users"."refresh_token" ("family_id");`);
    this.addSql(`create index "refresh_token_user_id_index" on "users"."refresh_token" ("user_id");`);

    this.addSql(`create table "users"."user_account" ("id" uuid not null, "email" varchar(254) not null, "handle" varchar(32) not null, "handle_key" varchar(32) not null, "password_hash" varchar(255) not null, "roles" text[] not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "users"."user_account" add constraint "user_account_email_unique" unique ("email");`);
    this.addSql(`alter table "users"."user_account" add constraint "user_account_handle_key_unique" unique ("handle_key");`);
  }

}
