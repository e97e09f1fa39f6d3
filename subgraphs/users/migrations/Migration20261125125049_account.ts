import { Migration } from '@mikro-orm/migrations';

export class Migration20261125125049_account extends Migration {

  override name = 'Migration20261125125049_account';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."account_token" ("id" uuid not null, "user_id" uuid not null, "purpose" varchar(32) not null, "token_hash" varchar(64) not null, "email" varchar(254) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "account_token_user_id_index" on "users"."account_token" ("user_id");`);
    this.addSql(`alter table "users"."account_token" add constraint "account_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "users"."audit_log" ("id" uuid not null, "actor" varchar(64) not null, "action" varchar(64) not null, "target_type" varchar(32) not null, "target_id" varchar(64) not null, "before" jsonb null, "after" jsonb null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "audit_log_target_id_index" on "users"."audit_log" ("target_id");`);
    this.addSql(`create index "audit_log_created_at_index" on "users"."audit_log" ("created_at");`);

    this.addSql(`create table "users"."auth_throttle" ("key" varchar(160) not null, "attempts" int not null, "last_attempt_at" timestamptz not null, primary key ("key"));`);
    this.addSql(`create index "auth_throttle_last_attempt_at_index" on "users"."auth_throttle" ("last_attempt_at");`);

    this.addSql(`create table "users"."email_verification" ("user_id" uuid not null, "email" varchar(254) not null, "verified_at" timestamptz not null, primary key ("user_id"));`);

    this.addSql(`create table "users"."mail_message" ("id" uuid not null, "user_id" uuid null, "kind" varchar(64) not null, "to" varchar(254) not null, "subject" varchar(255) not null, "text" text null, "created_at" timestamptz not null, "next_attempt_at" timestamptz not null, "claimed_until" timestamptz null, "attempts" int not null default 0, "sent_at" timestamptz null, "failed_at" timestamptz null, "last_error" varchar(500) null, primary key ("id"));`);
    this.addSql(`create index "mail_message_user_id_index" on "users"."mail_message" ("user_id");`);
    this.addSql(`create index "mail_message_next_attempt_at_index" on "users"."mail_message" ("next_attempt_at");`);
    this.addSql(`create index "mail_message_sent_at_index" on "users"."mail_message" ("sent_at");`);

    this.addSql(`create or replace function "users"."audit_log_audit_log_append_only_fn"() returns trigger as \$\$ begin raise exception 'audit_log is append-only' using errcode = '42501'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "audit_log_append_only" BEFORE UPDATE OR DELETE on "users"."audit_log" for each STATEMENT execute function "users"."audit_log_audit_log_append_only_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "users"."mail_message" cascade;`);
    this.addSql(`drop table if exists "users"."email_verification" cascade;`);
    this.addSql(`drop table if exists "users"."auth_throttle" cascade;`);
    this.addSql(`drop table if exists "users"."audit_log" cascade;`);
    this.addSql(`drop function if exists "users"."audit_log_audit_log_append_only_fn"();`);
    this.addSql(`drop table if exists "users"."account_token" cascade;`);
  }

}
