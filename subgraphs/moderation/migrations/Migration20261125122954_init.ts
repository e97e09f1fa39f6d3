import { Migration } from '@mikro-orm/migrations';

export class Migration20261125122954_init extends Migration {

  override name = 'Migration20261125122954_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "moderation";`);
    this.addSql(`create table "moderation"."outbox_event" ("id" uuid not null, "subject" varchar(255) not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "outbox_event_published_at_index" on "moderation"."outbox_event" ("published_at");`);

    this.addSql(`create table "moderation"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);

    this.addSql(`create table "moderation"."report" ("id" uuid not null, "reporter_id" uuid not null, "user_id" uuid not null, "reason" text not null, "details" text not null, "status" text not null default 'OPEN', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "report_reporter_id_index" on "moderation"."report" ("reporter_id");`);
    this.addSql(`create index "report_user_id_index" on "moderation"."report" ("user_id");`);
    this.addSql(`alter table "moderation"."report" add constraint "report_reason_check" check ("reason" in ('HARASSMENT', 'HATE', 'CHEATING', 'SPAM', 'INAPPROPRIATE_NAME', 'SEXUAL_CONTENT', 'SELF_HARM', 'OTHER'));`);
    this.addSql(`alter table "moderation"."report" add constraint "report_status_check" check ("status" in ('OPEN', 'IN_REVIEW', 'ACTIONED', 'DISMISSED'));`);
  }

}
