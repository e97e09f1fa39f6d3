import { Migration } from '@mikro-orm/migrations';

export class Migration20261125122954_init extends Migration {

  override name = 'Migration20261125122954_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "campaigns";`);
    this.addSql(`create table "campaigns"."campaign" ("id" uuid not null, "owner_id" uuid not null, "title" varchar(120) not null, "seed" varchar(64) not null, "mode" text not null, "length_weeks" int not null, "play_hours_per_week" int not null, "max_players" int not null, "llm_tier" text not null, "starts_at" timestamptz not null, "status" text not null default 'DRAFT', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "campaign_owner_id_index" on "campaigns"."campaign" ("owner_id");`);
    this.addSql(`alter table "campaigns"."campaign" add constraint "campaign_mode_check" check ("mode" in ('WEEKLY', 'ONE_SHOT'));`);
    this.addSql(`alter table "campaigns"."campaign" add constraint "campaign_llm_tier_check" check ("llm_tier" in ('PREMIUM', 'STANDARD', 'ECONOMY'));`);
    this.addSql(`alter table "campaigns"."campaign" add constraint "campaign_status_check" check ("status" in ('DRAFT', 'REGISTRATION', 'MATCHING', 'SCHEDULED', 'RUNNING', 'COMPLETED', 'CANCELLED'));`);

    this.addSql(`create table "campaigns"."outbox_event" ("id" uuid not null, "subject" varchar(255) not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "outbox_event_published_at_index" on "campaigns"."outbox_event" ("published_at");`);

    this.addSql(`create table "campaigns"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

}
