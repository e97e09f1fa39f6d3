import { defineEntity, p } from '@mikro-orm/core';

/** One row per booked revenue fact (`billing.revenue_recorded`), keyed by billing's `sourceId`; signed cents. Partitioned by month. */
export const RevenueFactSchema = defineEntity({
  name: 'RevenueFact',
  tableName: 'revenue_fact',
  properties: {
    sourceId: p.string().length(300).primary(),
    occurredAt: p.datetime().primary(),
    eventId: p.uuid(),
    kind: p.string().length(32),
    plan: p.string().length(64),
    userId: p.string().length(64).index(),
    campaignId: p.string().length(64).nullable(),
    amountCents: p.bigint(),
    currency: p.string().length(3),
  },
});
export class RevenueFact extends RevenueFactSchema.class {}
RevenueFactSchema.setClass(RevenueFact);

/** One row per `billing.subscription_changed`: the subscription as it was from `occurredAt` on. Partitioned by month. */
export const SubscriptionFactSchema = defineEntity({
  name: 'SubscriptionFact',
  tableName: 'subscription_fact',
  indexes: [{ properties: ['subscriptionId', 'occurredAt'] }],
  properties: {
    eventId: p.uuid().primary(),
    occurredAt: p.datetime().primary(),
    subscriptionId: p.string().length(100),
    userId: p.string().length(64).index(),
    plan: p.string().length(64),
    interval: p.string().length(16),
    status: p.string().length(32),
    entitled: p.boolean(),
    monthlyCents: p.bigint(),
  },
});
export class SubscriptionFact extends SubscriptionFactSchema.class {}
SubscriptionFactSchema.setClass(SubscriptionFact);
