import { Migration } from '@mikro-orm/migrations';

export class Migration20261125130610_lifecycle extends Migration {

  override name = 'Migration20261125130610_lifecycle';

  override up(): void | Promise<void> {
    this.addSql(`create table "campaigns"."block_view" ("blocker_id" uuid not null, "blocked_id" uuid not null, "active" boolean not null, "seq" bigint not null, "updated_at" timestamptz not null, primary key ("blocker_id", "blocked_id"));`);
    this.addSql(`create index "block_view_blocked_id_index" on "campaigns"."block_view" ("blocked_id");`);

    this.addSql(`create table "campaigns"."campaign_invitation" ("id" uuid not null, "campaign_id" uuid not null, "inviter_id" uuid not null, "invitee_id" uuid not null, "status" text not null default 'PENDING', "created_at" timestamptz not null, "responded_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "campaign_invitation_invitee_id_index" on "campaigns"."campaign_invitation" ("invitee_id");`);
    this.addSql(`alter table "campaigns"."campaign_invitation" add constraint "campaign_invitation_campaign_id_invitee_id_unique" unique ("campaign_id", "invitee_id");`);

    this.addSql(`create table "campaigns"."match_ticket" ("id" uuid not null, "user_id" uuid not null, "party_id" uuid null, "member_ids" jsonb not null, "timezone" varchar(64) not null, "language" varchar(35) not null, "llm_tier" text null, "status" text not null default 'WAITING', "campaign_id" uuid null, "created_at" timestamptz not null, "matched_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "match_ticket_user_id_index" on "campaigns"."match_ticket" ("user_id");`);
    this.addSql(`create index "match_ticket_status_created_at_index" on "campaigns"."match_ticket" ("status", "created_at");`);

    this.addSql(`create table "campaigns"."party_view" ("party_id" uuid not null, "leader_id" uuid null, "leader_seq" bigint not null default '0', "member_ids" jsonb not null, "members_seq" bigint not null default '0', "disbanded" boolean not null default false, "updated_at" timestamptz not null, primary key ("party_id"));`);

    this.addSql(`create table "campaigns"."player_view" ("user_id" uuid not null, "handle" varchar(40) not null, "seq" bigint not null default '0', primary key ("user_id"));`);

    this.addSql(`create table "campaigns"."registration" ("id" uuid not null, "campaign_id" uuid not null, "user_id" uuid not null, "status" text not null, "source" text not null, "group_id" uuid not null, "party_id" uuid null, "waitlist_position" int null, "held_at" timestamptz null, "hold_expires_at" timestamptz null, "paid_at" timestamptz null, "payment_id" varchar(120) null, "ended_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "registration_user_id_index" on "campaigns"."registration" ("user_id");`);
    this.addSql(`create index "registration_hold_expires_at_index" on "campaigns"."registration" ("hold_expires_at");`);
    this.addSql(`create index "registration_campaign_id_status_waitlist_position_index" on "campaigns"."registration" ("campaign_id", "status", "waitlist_position");`);
    this.addSql(`alter table "campaigns"."registration" add constraint "registration_campaign_id_user_id_unique" unique ("campaign_id", "user_id");`);

    this.addSql(`create table "campaigns"."submitted_action" ("campaign_id" uuid not null, "user_id" uuid not null, "action_id" uuid not null, "event_id" uuid not null, "text_hash" varchar(64) not null, "submitted_at" timestamptz not null, primary key ("campaign_id", "user_id", "action_id"));`);
    this.addSql(`create index "submitted_action_user_id_index" on "campaigns"."submitted_action" ("user_id");`);

    this.addSql(`alter table "campaigns"."campaign" add "difficulty" text not null default 'NORMAL', add "session_minutes" int not null default 180, add "language" varchar(35) not null default 'en', add "visibility" text not null default 'PUBLIC', add "schedule_weekday" varchar(9) null, add "schedule_time" varchar(5) null, add "timezone" varchar(64) not null default 'UTC', add "ends_at" timestamptz null, add "sessions" jsonb not null default '[]', add "skeleton_json" text null, add "seats_taken" int not null default 0, add "seats_left" int not null default 0, add "waitlist_counter" int not null default 0, add "current_session" int null, add "prose_status" text not null default 'PENDING', add "prose" text null, add "prose_model" varchar(120) null, add "prose_cost_micros" bigint null, add "prose_written_at" timestamptz null, add "prose_attempts" int not null default 0, add "prose_next_attempt_at" timestamptz null, add "prose_last_error" varchar(500) null, add "cancel_reason" varchar(500) null, add "status_changed_at" timestamptz null;`);
    this.addSql(`create index "campaign_starts_at_index" on "campaigns"."campaign" ("starts_at");`);
    this.addSql(`create index "campaign_prose_next_attempt_at_index" on "campaigns"."campaign" ("prose_next_attempt_at");`);
    this.addSql(`alter table "campaigns"."campaign" add constraint "campaign_difficulty_check" check ("difficulty" in ('EASY', 'NORMAL', 'HARD', 'BRUTAL'));`);
    this.addSql(`alter table "campaigns"."campaign" add constraint "campaign_visibility_check" check ("visibility" in ('PUBLIC', 'INVITE_ONLY'));`);
    this.addSql(`alter table "campaigns"."campaign" add constraint "campaign_prose_status_check" check ("prose_status" in ('PENDING', 'WRITTEN'));`);

    this.addSql(`alter table "campaigns"."campaign_invitation" add constraint "campaign_invitation_status_check" check ("status" in ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED'));`);

    this.addSql(`alter table "campaigns"."match_ticket" add constraint "match_ticket_llm_tier_check" check ("llm_tier" in ('PREMIUM', 'STANDARD', 'ECONOMY'));`);
    this.addSql(`alter table "campaigns"."match_ticket" add constraint "match_ticket_status_check" check ("status" in ('WAITING', 'MATCHED', 'CANCELLED'));`);

    this.addSql(`alter table "campaigns"."registration" add constraint "registration_status_check" check ("status" in ('WAITLISTED', 'HELD', 'PAID', 'LEFT', 'RELEASED', 'REFUNDED', 'CANCELLED'));`);
    this.addSql(`alter table "campaigns"."registration" add constraint "registration_source_check" check ("source" in ('JOIN', 'INVITATION', 'PARTY', 'MATCHMAKING'));`);

    // campaigns created before this migration: every seat free, prose to be written (the skeleton is regenerated from the seed)
    this.addSql(`update "campaigns"."campaign" set "seats_left" = "max_players" - "seats_taken", "prose_next_attempt_at" = now();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "campaigns"."block_view" cascade;`);
    this.addSql(`drop table if exists "campaigns"."campaign_invitation" cascade;`);
    this.addSql(`drop table if exists "campaigns"."match_ticket" cascade;`);
    this.addSql(`drop table if exists "campaigns"."party_view" cascade;`);
    this.addSql(`drop table if exists "campaigns"."player_view" cascade;`);
    this.addSql(`drop table if exists "campaigns"."registration" cascade;`);
    this.addSql(`drop table if exists "campaigns"."submitted_action" cascade;`);

    this.addSql(`drop index "campaigns"."campaign_starts_at_index";`);
    this.addSql(`drop index "campaigns"."campaign_prose_next_attempt_at_index";`);
    this.addSql(`alter table "campaigns"."campaign" drop constraint "campaign_difficulty_check";`);
    this.addSql(`alter table "campaigns"."campaign" drop constraint "campaign_visibility_check";`);
    this.addSql(`alter table "campaigns"."campaign" drop constraint "campaign_prose_status_check";`);
    this.addSql(`alter table "campaigns"."campaign" drop column "difficulty", drop column "session_minutes", drop column "language", drop column "visibility", drop column "schedule_weekday", drop column "schedule_time", drop column "timezone", drop column "ends_at", drop column "sessions", drop column "skeleton_json", drop column "seats_taken", drop column "seats_left", drop column "waitlist_counter", drop column "current_session", drop column "prose_status", drop column "prose", drop column "prose_model", drop column "prose_cost_micros", drop column "prose_written_at", drop column "prose_attempts", drop column "prose_next_attempt_at", drop column "prose_last_error", drop column "cancel_reason", drop column "status_changed_at";`);
  }

}
