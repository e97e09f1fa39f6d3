import { defineEntity, p } from '@mikro-orm/core';

/** Revenue per UTC day, plan and currency, cents: payments and invoice lines (gross) against refunds and lost disputes. */
export const RevenueDailySchema = defineEntity({
  name: 'RevenueDaily',
  tableName: 'revenue_daily',
  properties: {
    day: p.date().primary(),
    plan: p.string().length(64).primary(),
    currency: p.string().length(3).primary(),
    grossCents: p.bigint().default(0),
    refundCents: p.bigint().default(0),
  },
});
export class RevenueDaily extends RevenueDailySchema.class {}
RevenueDailySchema.setClass(RevenueDaily);

/** A paying user's USD revenue per UTC day (distinct paying customers of a range). */
export const UserRevenueDaySchema = defineEntity({
  name: 'UserRevenueDay',
  tableName: 'user_revenue_day',
  properties: {
    day: p.date().primary(),
    userId: p.string().length(64).primary(),
    netCents: p.bigint().default(0),
  },
});
export class UserRevenueDay extends UserRevenueDaySchema.class {}
UserRevenueDaySchema.setClass(UserRevenueDay);

/** A user's lifetime USD revenue (realized lifetime value). */
export const UserRevenueSchema = defineEntity({
  name: 'UserRevenue',
  tableName: 'user_revenue',
  properties: {
    userId: p.string().length(64).primary(),
    netCents: p.bigint().default(0),
    firstPaidAt: p.datetime().nullable(),
  },
});
export class UserRevenue extends UserRevenueSchema.class {}
UserRevenueSchema.setClass(UserRevenue);

/**
 * Subscription movements per UTC day and plan: running sums up to a day give the subscriptions active and the MRR
 * on that day; `starts`/`ends` count entitlement gained and lost. Kept exact under out-of-order events (see
 * facts/subscriptions.ts).
 */
export const SubscriptionDailySchema = defineEntity({
  name: 'SubscriptionDaily',
  tableName: 'subscription_daily',
  properties: {
    day: p.date().primary(),
    plan: p.string().length(64).primary(),
    activeDelta: p.integer().default(0),
    mrrDeltaCents: p.bigint().default(0),
    starts: p.integer().default(0),
    ends: p.integer().default(0),
  },
});
export class SubscriptionDaily extends SubscriptionDailySchema.class {}
SubscriptionDailySchema.setClass(SubscriptionDaily);

/** A subscription's trial: when it started trialing and when it first became active (paid). */
export const TrialDimSchema = defineEntity({
  name: 'TrialDim',
  tableName: 'trial_dim',
  properties: {
    subscriptionId: p.string().length(100).primary(),
    userId: p.string().length(64),
    trialStartedAt: p.datetime().nullable().index(),
    convertedAt: p.datetime().nullable(),
  },
});
export class TrialDim extends TrialDimSchema.class {}
TrialDimSchema.setClass(TrialDim);
