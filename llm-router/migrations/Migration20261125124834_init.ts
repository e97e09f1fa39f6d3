import { Migration } from '@mikro-orm/migrations';

export class Migration20261125124834_init extends Migration {

  override name = 'Migration20261125124834_init';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "llm_router";`);
    this.addSql(`create table "llm_router"."budget" ("scope" varchar(16) not null, "scope_id" varchar(128) not null, "limit_micros" bigint not null, "period" varchar(8) not null, "spent_micros" bigint not null, "reserved_micros" bigint not null, "period_start" timestamptz not null, "updated_at" timestamptz not null, primary key ("scope", "scope_id"));`);

    this.addSql(`create table "llm_router"."ledger_entry" ("id" uuid not null, "started_at" timestamptz not null, "duration_ms" int not null, "key_id" varchar(64) not null, "user_id" varchar(128) not null, "campaign_id" varchar(128) null, "purpose" varchar(32) not null, "endpoint" varchar(16) not null, "stream" boolean not null, "requested_model" varchar(128) not null, "provider" varchar(16) not null, "model" varchar(128) not null, "tier" varchar(16) not null, "status" varchar(16) not null, "input_tokens" int not null, "cached_input_tokens" int not null, "cache_write_tokens" int not null, "output_tokens" int not null, "reasoning_tokens" int not null, "images" int not null, "usage_estimated" boolean not null, "cost_micros" bigint not null, "reserved_micros" bigint not null, "price_version" varchar(64) not null, "attempts" int not null, "error_code" varchar(64) null, "error_message" varchar(500) null, primary key ("id"));`);
    this.addSql(`create index "ledger_entry_started_at_index" on "llm_router"."ledger_entry" ("started_at");`);
    this.addSql(`create index "ledger_entry_user_id_index" on "llm_router"."ledger_entry" ("user_id");`);
    this.addSql(`create index "ledger_entry_campaign_id_index" on "llm_router"."ledger_entry" ("campaign_id");`);

    this.addSql(`create table "llm_router"."outbox_event" ("id" uuid not null, "subject" varchar(255) not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "outbox_event_published_at_index" on "llm_router"."outbox_event" ("published_at");`);

    this.addSql(`create table "llm_router"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);

    this.addSql(`create table "llm_router"."virtual_key" ("id" uuid not null, "key_hash" varchar(64) not null, "prefix" varchar(16) not null, "user_id" varchar(128) not null, "name" varchar(100) not null, "rpm" int null, "tpm" int null, "created_at" timestamptz not null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "llm_router"."virtual_key" add constraint "virtual_key_key_hash_unique" unique ("key_hash");`);
    this.addSql(`create index "virtual_key_user_id_index" on "llm_router"."virtual_key" ("user_id");`);
  }

}
