import { Migration } from '@mikro-orm/migrations';

export class Migration20261125152335_budget_leases extends Migration {

  override name = 'Migration20261125152335_budget_leases';

  override up(): void | Promise<void> {
    this.addSql(`create table "llm_router"."budget_lease" ("instance_id" uuid not null, "scope" varchar(16) not null, "scope_id" varchar(128) not null, "amount_micros" bigint not null, "updated_at" timestamptz not null, primary key ("instance_id", "scope", "scope_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "llm_router"."budget_lease" cascade;`);
  }

}
