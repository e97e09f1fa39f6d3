import { Migration } from '@mikro-orm/migrations';

export class Migration20261125122919_init extends Migration {

  override name = 'Migration20261125122919_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "billing";`);
    this.addSql(`create table "billing"."outbox_event" ("id" uuid not null, "subject" varchar(255) not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "outbox_event_published_at_index" on "billing"."outbox_event" ("published_at");`);

    this.addSql(`create table "billing"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

}
