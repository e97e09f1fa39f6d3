import { Migration } from '@mikro-orm/migrations';

export class Migration20261125124813_profile extends Migration {

  override name = 'Migration20261125124813_profile';

  override up(): void | Promise<void> {
    this.addSql(`create table "users"."user_profile" ("user_id" uuid not null, "display_name" varchar(40) null, "avatar_url" varchar(2048) null, "bio" varchar(500) null, "timezone" varchar(64) null, "language" varchar(35) null, "llm_tier" varchar(16) null, "notify_friend_requests" boolean not null default true, "notify_party_invites" boolean not null default true, "notify_campaign_updates" boolean not null default true, "notify_session_reminders" boolean not null default true, "notify_product_news" boolean not null default false, "visibility" varchar(16) not null default 'PUBLIC', "friend_request_policy" varchar(24) not null default 'EVERYONE', "updated_at" timestamptz not null, primary key ("user_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "users"."user_profile" cascade;`);
  }

}
