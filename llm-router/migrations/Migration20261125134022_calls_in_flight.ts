import { Migration } from '@mikro-orm/migrations';

export class Migration20261125134022_calls_in_flight extends Migration {

  override name = 'Migration20261125134022_calls_in_flight';

  override up(): void | Promise<void> {
    this.addSql(`create table "llm_router"."call_in_flight" ("id" uuid not null, "instance_id" uuid not null, "started_at" timestamptz not null, "reserved_micros" bigint not null, "reserved_budgets" jsonb not null, "call" jsonb not null, primary key ("id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "llm_router"."call_in_flight" cascade;`);
  }

}
