import { Migration } from '@mikro-orm/migrations';

export class Migration20261125164912_campaign_model_rollup extends Migration {

  override name = 'Migration20261125164912_campaign_model_rollup';

  override up(): void | Promise<void> {
    this.addSql(`create table "analytics"."llm_cost_campaign_model_daily" ("day" date not null, "campaign_id" varchar(64) not null, "provider" varchar(32) not null, "model" varchar(200) not null, "tier" varchar(32) not null, "purpose" varchar(32) not null, "calls" bigint not null default '0', "errors" bigint not null default '0', "cost_micros" bigint not null default '0', "input_tokens" bigint not null default '0', "cached_input_tokens" bigint not null default '0', "cache_write_tokens" bigint not null default '0', "output_tokens" bigint not null default '0', "reasoning_tokens" bigint not null default '0', "images" bigint not null default '0', primary key ("day", "campaign_id", "provider", "model", "tier", "purpose"));`);
    // backfill from the finest rollup (it keeps every figure, and retention only merges its users, never its campaigns)
    this.addSql(`insert into "analytics"."llm_cost_campaign_model_daily" ("day", "campaign_id", "provider", "model", "tier", "purpose", "calls", "errors", "cost_micros", "input_tokens", "cached_input_tokens", "cache_write_tokens", "output_tokens", "reasoning_tokens", "images")
      select "day", "campaign_id", "provider", "model", "tier", "purpose", sum("calls"), sum("errors"), sum("cost_micros"), sum("input_tokens"), sum("cached_input_tokens"), sum("cache_write_tokens"), sum("output_tokens"), sum("reasoning_tokens"), sum("images")
        from "analytics"."llm_cost_daily" group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6;`);
    this.addSql(`create index "llm_cost_campaign_model_daily_campaign_id_day_index" on "analytics"."llm_cost_campaign_model_daily" ("campaign_id", "day");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "analytics"."llm_cost_campaign_model_daily" cascade;`);
  }

}
