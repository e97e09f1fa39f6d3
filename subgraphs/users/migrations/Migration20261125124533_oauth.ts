import { Migration } from '@mikro-orm/migrations';

export class Migration20261125124533_oauth extends Migration {

  override name = 'Migration20261125124533_oauth';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."oauth_account" ("id" uuid not null, "user_id" uuid not null, "provider" varchar(16) not null, "subject" varchar(255) not null, "email" varchar(254) null, "display_name" varchar(128) null, "created_at" timestamptz not null, "last_used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "oauth_account_user_id_index" on "users"."oauth_account" ("user_id");`);
    this.addSql(`alter table "users"."oauth_account" add constraint "oauth_account_provider_subject_unique" unique ("provider", "subject");`);
    this.addSql(`alter table "users"."oauth_account" add constraint "oauth_account_user_provider_unique" unique ("user_id", "provider");`);

    this.addSql(`create table "users"."oauth_flow" ("id" uuid not null, "state_hash" varchar(64) not null, "provider" varchar(16) not null, "intent" varchar(16) not null, "user_id" uuid null, "redirect_uri" varchar(2048) not null, "code_verifier" varchar(128) null, "nonce" varchar(128) null, "created_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "users"."oauth_flow" add constraint "oauth_flow_state_hash_unique" unique ("state_hash");`);
    this.addSql(`create index "oauth_flow_expires_at_index" on "users"."oauth_flow" ("expires_at");`);

    this.addSql(`create table "users"."oauth_password_marker" ("user_id" uuid not null, "password_hash" varchar(255) not null, "created_at" timestamptz not null, primary key ("user_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "users"."oauth_password_marker" cascade;`);
    this.addSql(`drop table if exists "users"."oauth_flow" cascade;`);
    this.addSql(`drop table if exists "users"."oauth_account" cascade;`);
  }

}
