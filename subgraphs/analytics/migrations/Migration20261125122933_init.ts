import { Migration } from '@mikro-orm/migrations';

export class Migration20261125122933_init extends Migration {

  override name = 'Migration20261125122933_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "analytics";`);
    this.addSql(`create table "analytics"."domain_event_fact" ("id" uuid not null, "type" varchar(100) not null, "occurred_at" timestamptz not null, "actor" varchar(100) not null, "data" jsonb not null, "received_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "domain_event_fact_type_index" on "analytics"."domain_event_fact" ("type");`);
    this.addSql(`create index "domain_event_fact_occurred_at_index" on "analytics"."domain_event_fact" ("occurred_at");`);

    this.addSql(`create table "analytics"."outbox_event" ("id" uuid not null, "subject" varchar(255) not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "outbox_event_published_at_index" on "analytics"."outbox_event" ("published_at");`);

    this.addSql(`create table "analytics"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

}
