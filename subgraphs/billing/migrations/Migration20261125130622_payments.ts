import { Migration } from '@mikro-orm/migrations';

export class Migration20261125130622_payments extends Migration {

  override name = 'Migration20261125130622_payments';

  override up(): void | Promise<void> {
    this.addSql(`create table "billing"."customer" ("user_id" uuid not null, "stripe_customer_id" varchar(255) not null, "usage_subscription_id" varchar(255) null, "created_at" timestamptz not null, primary key ("user_id"));`);
    this.addSql(`alter table "billing"."customer" add constraint "customer_stripe_customer_id_unique" unique ("stripe_customer_id");`);

    this.addSql(`create table "billing"."subscription" ("id" varchar(255) not null, "user_id" uuid not null, "kind" text not null, "plan" text null, "interval" text null, "add_ons" jsonb not null, "status" varchar(40) not null, "price_book" varchar(64) not null, "current_period_start" timestamptz null, "current_period_end" timestamptz null, "cancel_at_period_end" boolean not null default false, "canceled_at" timestamptz null, "activated_at" timestamptz null, "ended_at" timestamptz null, "monthly_cents" int not null default 0, "created_at" timestamptz not null, "synced_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "subscription_user_id_index" on "billing"."subscription" ("user_id");`);
    this.addSql(`create index "subscription_activated_at_index" on "billing"."subscription" ("activated_at");`);
    this.addSql(`create index "subscription_ended_at_index" on "billing"."subscription" ("ended_at");`);

    this.addSql(`create table "billing"."campaign_facts" ("campaign_id" uuid not null, "owner_id" uuid not null, "llm_tier" text not null, "length_weeks" int not null, "max_players" int not null, "play_hours_per_week" int null, "updated_at" timestamptz not null, primary key ("campaign_id"));`);

    this.addSql(`create table "billing"."campaign_usage" ("campaign_id" uuid not null, "spent_micros" bigint not null default '0', "charged_micros" bigint not null default '0', "calls" int not null default 0, "updated_at" timestamptz not null, primary key ("campaign_id"));`);

    this.addSql(`create table "billing"."stripe_catalog" ("lookup_key" varchar(200) not null, "stripe_id" varchar(255) not null, "created_at" timestamptz not null, primary key ("lookup_key"));`);
    this.addSql(`alter table "billing"."stripe_catalog" add constraint "stripe_catalog_stripe_id_unique" unique ("stripe_id");`);

    this.addSql(`create table "billing"."checkout" ("id" uuid not null, "user_id" uuid not null, "kind" text not null, "campaign_id" uuid null, "selection" jsonb null, "purchase_key" varchar(200) not null, "price_book" varchar(64) not null, "amount_cents" int not null, "currency" varchar(3) not null, "session_id" varchar(255) null, "url" text null, "status" text not null default 'OPEN', "expires_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "checkout_user_id_index" on "billing"."checkout" ("user_id");`);
    this.addSql(`create index "checkout_campaign_id_index" on "billing"."checkout" ("campaign_id");`);
    this.addSql(`alter table "billing"."checkout" add constraint "checkout_session_id_unique" unique ("session_id");`);
    this.addSql(`create index "checkout_user_id_purchase_key_index" on "billing"."checkout" ("user_id", "purchase_key");`);

    this.addSql(`create table "billing"."invoice" ("id" varchar(255) not null, "user_id" uuid not null, "subscription_id" varchar(255) null, "number" varchar(100) null, "status" varchar(40) not null, "currency" varchar(3) not null, "total_cents" int not null, "amount_paid_cents" int not null, "amount_due_cents" int not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "price_book" varchar(64) null, "lines" jsonb not null, "hosted_invoice_url" text null, "created_at" timestamptz not null, "paid_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "invoice_user_id_index" on "billing"."invoice" ("user_id");`);

    this.addSql(`create table "billing"."llm_cost_day" ("campaign_key" varchar(36) not null, "day" varchar(10) not null, "cost_micros" bigint not null default '0', "calls" int not null default 0, primary key ("campaign_key", "day"));`);

    this.addSql(`create table "billing"."payment" ("id" uuid not null, "payment_intent_id" varchar(255) not null, "user_id" uuid not null, "kind" text not null, "checkout_id" uuid null, "campaign_id" uuid null, "invoice_id" varchar(255) null, "price_book" varchar(64) null, "revenue_plan" text not null, "amount_cents" int not null, "refunded_cents" int not null default 0, "currency" varchar(3) not null, "status" text not null, "failure_message" text null, "dispute_status" varchar(40) null, "seat_released_at" timestamptz null, "created_at" timestamptz not null, "paid_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "billing"."payment" add constraint "payment_payment_intent_id_unique" unique ("payment_intent_id");`);
    this.addSql(`create index "payment_user_id_index" on "billing"."payment" ("user_id");`);
    this.addSql(`create index "payment_campaign_id_index" on "billing"."payment" ("campaign_id");`);

    this.addSql(`create table "billing"."refund" ("id" varchar(255) not null, "payment_id" uuid not null, "user_id" uuid not null, "amount_cents" int not null, "currency" varchar(3) not null, "status" varchar(40) not null, "reason" varchar(60) null, "requested_by" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "refund_payment_id_index" on "billing"."refund" ("payment_id");`);
    this.addSql(`create index "refund_user_id_index" on "billing"."refund" ("user_id");`);
    this.addSql(`create index "refund_created_at_index" on "billing"."refund" ("created_at");`);

    this.addSql(`create table "billing"."revenue_entry" ("id" uuid not null, "source_id" varchar(300) not null, "kind" text not null, "plan" text not null, "user_id" uuid not null, "campaign_id" uuid null, "amount_cents" int not null, "currency" varchar(3) not null, "occurred_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "billing"."revenue_entry" add constraint "revenue_entry_source_id_unique" unique ("source_id");`);
    this.addSql(`create index "revenue_entry_campaign_id_index" on "billing"."revenue_entry" ("campaign_id");`);
    this.addSql(`create index "revenue_entry_occurred_at_index" on "billing"."revenue_entry" ("occurred_at");`);

    this.addSql(`create table "billing"."stripe_event" ("id" varchar(255) not null, "type" varchar(100) not null, "outcome" varchar(20) not null, "received_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "billing"."usage_charge" ("id" uuid not null, "user_id" uuid not null, "campaign_id" uuid not null, "call_id" varchar(100) not null, "cost_micros" bigint not null, "overage_micros" bigint not null, "price_book" varchar(64) not null, "status" text not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "occurred_at" timestamptz not null, "reported_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "usage_charge_user_id_index" on "billing"."usage_charge" ("user_id");`);
    this.addSql(`create index "usage_charge_campaign_id_index" on "billing"."usage_charge" ("campaign_id");`);
    this.addSql(`create index "usage_charge_status_index" on "billing"."usage_charge" ("status");`);

    this.addSql(`alter table "billing"."subscription" add constraint "subscription_kind_check" check ("kind" in ('PLAN', 'USAGE'));`);
    this.addSql(`alter table "billing"."subscription" add constraint "subscription_plan_check" check ("plan" in ('ADVENTURER', 'HERO'));`);
    this.addSql(`alter table "billing"."subscription" add constraint "subscription_interval_check" check ("interval" in ('MONTH', 'YEAR'));`);

    this.addSql(`alter table "billing"."campaign_facts" add constraint "campaign_facts_llm_tier_check" check ("llm_tier" in ('PREMIUM', 'STANDARD', 'ECONOMY'));`);

    this.addSql(`alter table "billing"."checkout" add constraint "checkout_kind_check" check ("kind" in ('SEAT', 'SUBSCRIPTION'));`);
    this.addSql(`alter table "billing"."checkout" add constraint "checkout_status_check" check ("status" in ('OPEN', 'COMPLETE', 'EXPIRED'));`);

    this.addSql(`alter table "billing"."payment" add constraint "payment_kind_check" check ("kind" in ('SEAT', 'SUBSCRIPTION'));`);
    this.addSql(`alter table "billing"."payment" add constraint "payment_revenue_plan_check" check ("revenue_plan" in ('SEAT', 'ADVENTURER', 'HERO', 'ADVANCED_AI', 'PRIORITY_SCHEDULING', 'LLM_USAGE', 'OTHER'));`);
    this.addSql(`alter table "billing"."payment" add constraint "payment_status_check" check ("status" in ('PROCESSING', 'SUCCEEDED', 'FAILED', 'CANCELED'));`);

    this.addSql(`alter table "billing"."revenue_entry" add constraint "revenue_entry_kind_check" check ("kind" in ('PAYMENT', 'INVOICE_LINE', 'REFUND', 'REFUND_REVERSAL', 'DISPUTE_LOST'));`);
    this.addSql(`alter table "billing"."revenue_entry" add constraint "revenue_entry_plan_check" check ("plan" in ('SEAT', 'ADVENTURER', 'HERO', 'ADVANCED_AI', 'PRIORITY_SCHEDULING', 'LLM_USAGE', 'OTHER'));`);

    this.addSql(`alter table "billing"."usage_charge" add constraint "usage_charge_status_check" check ("status" in ('PENDING', 'REPORTED', 'FAILED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "billing"."customer" cascade;`);
    this.addSql(`drop table if exists "billing"."subscription" cascade;`);
    this.addSql(`drop table if exists "billing"."campaign_facts" cascade;`);
    this.addSql(`drop table if exists "billing"."campaign_usage" cascade;`);
    this.addSql(`drop table if exists "billing"."stripe_catalog" cascade;`);
    this.addSql(`drop table if exists "billing"."checkout" cascade;`);
    this.addSql(`drop table if exists "billing"."invoice" cascade;`);
    this.addSql(`drop table if exists "billing"."llm_cost_day" cascade;`);
    this.addSql(`drop table if exists "billing"."payment" cascade;`);
    this.addSql(`drop table if exists "billing"."refund" cascade;`);
    this.addSql(`drop table if exists "billing"."revenue_entry" cascade;`);
    this.addSql(`drop table if exists "billing"."stripe_event" cascade;`);
    this.addSql(`drop table if exists "billing"."usage_charge" cascade;`);
  }

}
