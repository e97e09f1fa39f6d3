import { Migration } from '@mikro-orm/migrations';

export class Migration20261125131324_cases extends Migration {

  override name = 'Migration20261125131324_cases';

  override up(): void | Promise<void> {
    this.addSql(`create table "moderation"."moderation_appeal" ("id" uuid not null, "action_id" uuid not null, "user_id" uuid not null, "statement" text not null, "status" text not null default 'PENDING', "decider_id" uuid null, "decision_note" text null, "created_at" timestamptz not null, "decided_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "moderation"."moderation_appeal" add constraint "moderation_appeal_action_id_unique" unique ("action_id");`);
    this.addSql(`create index "moderation_appeal_user_id_index" on "moderation"."moderation_appeal" ("user_id");`);
    this.addSql(`create index "moderation_appeal_status_created_at_index" on "moderation"."moderation_appeal" ("status", "created_at");`);

    this.addSql(`create table "moderation"."moderation_audit_log" ("id" uuid not null, "actor" varchar(64) not null, "action" varchar(64) not null, "target_type" varchar(32) not null, "target_id" varchar(64) not null, "before" jsonb null, "after" jsonb null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "moderation_audit_log_target_id_index" on "moderation"."moderation_audit_log" ("target_id");`);
    this.addSql(`create index "moderation_audit_log_created_at_index" on "moderation"."moderation_audit_log" ("created_at");`);

    this.addSql(`create table "moderation"."campaign_ref" ("campaign_id" uuid not null, "owner_id" uuid null, "last_seq" bigint not null default '0', primary key ("campaign_id"));`);

    this.addSql(`create table "moderation"."moderation_case_note" ("id" uuid not null, "case_id" uuid not null, "author_id" uuid not null, "body" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "moderation_case_note_case_id_index" on "moderation"."moderation_case_note" ("case_id");`);

    this.addSql(`create table "moderation"."classifier_threshold" ("category" text not null, "flag_at" double precision not null, "hide_at" double precision not null, "updated_by" uuid not null, "updated_at" timestamptz not null, primary key ("category"));`);

    this.addSql(`create table "moderation"."content_item" ("id" uuid not null, "campaign_id" uuid not null, "seq" bigint not null, "kind" text not null, "author_id" uuid null, "text" text not null, "occurred_at" timestamptz not null, "hidden_at" timestamptz null, "hidden_by" text null, "check_status" text not null, "check_attempts" int not null default 0, "next_check_at" timestamptz null, "scores" jsonb null, "checked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "content_item_author_id_index" on "moderation"."content_item" ("author_id");`);
    this.addSql(`create index "content_item_next_check_at_index" on "moderation"."content_item" ("next_check_at");`);
    this.addSql(`create index "content_item_campaign_id_seq_index" on "moderation"."content_item" ("campaign_id", "seq");`);

    this.addSql(`create table "moderation"."moderation_action" ("id" uuid not null, "type" text not null, "user_id" uuid not null, "campaign_id" uuid null, "content_id" uuid null, "case_id" uuid null, "policy" text not null, "statement" text not null, "moderator_id" uuid not null, "automated" boolean not null default false, "escalated_from_id" uuid null, "strikes" int not null, "starts_at" timestamptz not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "revoke_reason" varchar(32) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "moderation_action_user_id_index" on "moderation"."moderation_action" ("user_id");`);
    this.addSql(`create index "moderation_action_case_id_index" on "moderation"."moderation_action" ("case_id");`);
    this.addSql(`create index "moderation_action_created_at_index" on "moderation"."moderation_action" ("created_at");`);

    this.addSql(`create table "moderation"."moderation_case" ("id" uuid not null, "subject_type" text not null, "subject_id" uuid not null, "open_key" varchar(64) null, "user_id" uuid null, "campaign_id" uuid null, "status" text not null default 'OPEN', "tier" smallint not null, "categories" text[] not null, "report_count" int not null default 0, "flag_count" int not null default 0, "assignee_id" uuid null, "sla_due_at" timestamptz not null, "opened_at" timestamptz not null, "updated_at" timestamptz not null, "closed_at" timestamptz null, "closed_by" uuid null, "resolution" text null, primary key ("id"));`);
    this.addSql(`create index "moderation_case_subject_id_index" on "moderation"."moderation_case" ("subject_id");`);
    this.addSql(`alter table "moderation"."moderation_case" add constraint "moderation_case_open_key_unique" unique ("open_key");`);
    this.addSql(`create index "moderation_case_user_id_index" on "moderation"."moderation_case" ("user_id");`);
    this.addSql(`create index "moderation_case_assignee_id_index" on "moderation"."moderation_case" ("assignee_id");`);
    this.addSql(`create index "moderation_case_status_tier_sla_due_at_index" on "moderation"."moderation_case" ("status", "tier", "sla_due_at");`);

    this.addSql(`create table "moderation"."moderation_flag" ("id" uuid not null, "case_id" uuid not null, "content_id" uuid not null, "source" text not null, "rule_id" uuid null, "category" text not null, "score" double precision null, "hid" boolean not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "moderation_flag_case_id_index" on "moderation"."moderation_flag" ("case_id");`);
    this.addSql(`create index "moderation_flag_content_id_index" on "moderation"."moderation_flag" ("content_id");`);

    this.addSql(`create table "moderation"."moderation_rule" ("id" uuid not null, "name" varchar(80) not null, "kind" text not null, "pattern" varchar(200) not null, "category" text not null, "action" text not null, "applies_to" text not null default 'ALL', "enabled" boolean not null default true, "created_by" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`alter table "moderation"."report" drop constraint "report_reason_check";`);
    this.addSql(`alter table "moderation"."report" add "subject_type" text not null default 'USER', add "subject_id" uuid null, add "campaign_id" uuid null, add "evidence" jsonb null, add "case_id" uuid null;`);
    // reports filed before subjects existed were all about a user
    this.addSql(`update "moderation"."report" set "subject_id" = "user_id" where "subject_id" is null;`);
    this.addSql(`alter table "moderation"."report" alter column "subject_id" set not null;`);
    this.addSql(`alter table "moderation"."report" alter column "user_id" drop not null;`);
    this.addSql(`create index "report_case_id_index" on "moderation"."report" ("case_id");`);
    this.addSql(`alter table "moderation"."report" add constraint "report_subject_type_check" check ("subject_type" in ('USER', 'MESSAGE', 'CAMPAIGN', 'AI_OUTPUT'));`);
    this.addSql(`alter table "moderation"."report" add constraint "report_reason_check" check ("reason" in ('HARASSMENT', 'HATE', 'CHEATING', 'SPAM', 'INAPPROPRIATE_NAME', 'SEXUAL_CONTENT', 'SELF_HARM', 'OTHER', 'SEXUAL_MINORS', 'VIOLENCE', 'ILLICIT'));`);

    this.addSql(`alter table "moderation"."moderation_appeal" add constraint "moderation_appeal_status_check" check ("status" in ('PENDING', 'GRANTED', 'DENIED'));`);

    this.addSql(`create or replace function "moderation"."moderation_audit_log_moderation_audit_log_append_only_fn"() returns trigger as \$\$ begin raise exception 'moderation_audit_log is append-only' using errcode = '42501'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "moderation_audit_log_append_only" BEFORE UPDATE OR DELETE on "moderation"."moderation_audit_log" for each STATEMENT execute function "moderation"."moderation_audit_log_moderation_audit_log_append_only_fn"();`);
    // written by hand: the entity cannot declare it (the schema diff does not see TRUNCATE triggers)
    this.addSql(`create trigger "moderation_audit_log_no_truncate" BEFORE TRUNCATE on "moderation"."moderation_audit_log" for each STATEMENT execute function "moderation"."moderation_audit_log_moderation_audit_log_append_only_fn"();`);

    this.addSql(`alter table "moderation"."classifier_threshold" add constraint "classifier_threshold_category_check" check ("category" in ('harassment', 'hate', 'sexual', 'sexual/minors', 'self-harm', 'violence', 'illicit', 'spam'));`);

    this.addSql(`alter table "moderation"."content_item" add constraint "content_item_kind_check" check ("kind" in ('PLAYER_MESSAGE', 'AI_OUTPUT'));`);
    this.addSql(`alter table "moderation"."content_item" add constraint "content_item_hidden_by_check" check ("hidden_by" in ('rule', 'classifier', 'moderator'));`);
    this.addSql(`alter table "moderation"."content_item" add constraint "content_item_check_status_check" check ("check_status" in ('PENDING', 'DONE', 'SKIPPED', 'FAILED'));`);

    this.addSql(`alter table "moderation"."moderation_action" add constraint "moderation_action_type_check" check ("type" in ('WARN', 'MUTE', 'REMOVE_CONTENT', 'KICK', 'SUSPEND', 'BAN'));`);
    this.addSql(`alter table "moderation"."moderation_action" add constraint "moderation_action_policy_check" check ("policy" in ('HARASSMENT', 'HATE_SPEECH', 'SEXUAL_CONTENT', 'CHILD_SAFETY', 'SELF_HARM', 'VIOLENCE', 'ILLEGAL_ACTIVITY', 'SPAM', 'CHEATING', 'IMPERSONATION', 'REPEATED_VIOLATIONS', 'OTHER'));`);

    this.addSql(`alter table "moderation"."moderation_case" add constraint "moderation_case_subject_type_check" check ("subject_type" in ('USER', 'MESSAGE', 'CAMPAIGN', 'AI_OUTPUT'));`);
    this.addSql(`alter table "moderation"."moderation_case" add constraint "moderation_case_status_check" check ("status" in ('OPEN', 'RESOLVED', 'DISMISSED'));`);

    this.addSql(`alter table "moderation"."moderation_flag" add constraint "moderation_flag_source_check" check ("source" in ('RULE', 'CLASSIFIER'));`);
    this.addSql(`alter table "moderation"."moderation_flag" add constraint "moderation_flag_category_check" check ("category" in ('harassment', 'hate', 'sexual', 'sexual/minors', 'self-harm', 'violence', 'illicit', 'spam'));`);

    this.addSql(`alter table "moderation"."moderation_rule" add constraint "moderation_rule_kind_check" check ("kind" in ('KEYWORD', 'REGEX'));`);
    this.addSql(`alter table "moderation"."moderation_rule" add constraint "moderation_rule_category_check" check ("category" in ('harassment', 'hate', 'sexual', 'sexual/minors', 'self-harm', 'violence', 'illicit', 'spam'));`);
    this.addSql(`alter table "moderation"."moderation_rule" add constraint "moderation_rule_action_check" check ("action" in ('FLAG', 'HIDE'));`);
    this.addSql(`alter table "moderation"."moderation_rule" add constraint "moderation_rule_applies_to_check" check ("applies_to" in ('ALL', 'PLAYER_MESSAGE', 'AI_OUTPUT'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "moderation"."moderation_appeal" cascade;`);
    this.addSql(`drop trigger if exists "moderation_audit_log_no_truncate" on "moderation"."moderation_audit_log";`);
    this.addSql(`drop trigger if exists "moderation_audit_log_append_only" on "moderation"."moderation_audit_log";`);
    this.addSql(`drop function if exists "moderation"."moderation_audit_log_moderation_audit_log_append_only_fn"();`);
    this.addSql(`drop table if exists "moderation"."moderation_audit_log" cascade;`);
    this.addSql(`drop table if exists "moderation"."campaign_ref" cascade;`);
    this.addSql(`drop table if exists "moderation"."moderation_case_note" cascade;`);
    this.addSql(`drop table if exists "moderation"."classifier_threshold" cascade;`);
    this.addSql(`drop table if exists "moderation"."content_item" cascade;`);
    this.addSql(`drop table if exists "moderation"."moderation_action" cascade;`);
    this.addSql(`drop table if exists "moderation"."moderation_case" cascade;`);
    this.addSql(`drop table if exists "moderation"."moderation_flag" cascade;`);
    this.addSql(`drop table if exists "moderation"."moderation_rule" cascade;`);

    this.addSql(`drop index "moderation"."report_case_id_index";`);
    this.addSql(`alter table "moderation"."report" drop constraint "report_subject_type_check";`);
    this.addSql(`alter table "moderation"."report" drop constraint "report_reason_check";`);
    this.addSql(`alter table "moderation"."report" drop column "subject_type", drop column "subject_id", drop column "campaign_id", drop column "evidence", drop column "case_id";`);
    this.addSql(`alter table "moderation"."report" alter column "user_id" set not null;`);
    this.addSql(`alter table "moderation"."report" add constraint "report_reason_check" check ("reason" in ('HARASSMENT', 'HATE', 'CHEATING', 'SPAM', 'INAPPROPRIATE_NAME', 'SEXUAL_CONTENT', 'SELF_HARM', 'OTHER'));`);
  }

}
