import { defineEntity, p } from '@mikro-orm/core';
import { ADD_ON_CODES, BILLING_INTERVALS, PLAN_CODES, type AddOnCode } from '@startales/contracts';

export const SUBSCRIPTION_KINDS = ['PLAN', 'USAGE'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

/**
 * A Stripe subscription: a plan (with add-ons) bought by the user, or the metered one that carries LLM usage charges.
 * Re-derived from Stripe on every webhook; `activatedAt`/`endedAt` feed MRR and churn.
 */
export const BillingSubscriptionSchema = defineEntity({
  name: 'BillingSubscription',
  tableName: 'subscription',
  properties: {
    id: p.string().length(255).primary(),
    userId: p.uuid().index(),
    kind: p.enum([...SUBSCRIPTION_KINDS]),
    plan: p.enum([...PLAN_CODES]).nullable(),
    interval: p.enum([...BILLING_INTERVALS]).nullable(),
    addOns: p.json<AddOnCode[]>(),
    /** Stripe's status (active, past_due, canceled, …). */
    status: p.string().length(40),
    priceBook: p.string().length(64),
    currentPeriodStart: p.datetime().nullable(),
    currentPeriodEnd: p.datetime().nullable(),
    cancelAtPeriodEnd: p.boolean().default(false),
    canceledAt: p.datetime().nullable(),
    /** First time Stripe reported it active/trialing/past_due (null while incomplete). */
    activatedAt: p.datetime().nullable().index(),
    endedAt: p.datetime().nullable().index(),
    /** Recurring amount normalised to a month (MRR contribution), cents. */
    monthlyCents: p.integer().default(0),
    createdAt: p.datetime(),
    syncedAt: p.datetime(),
  },
});

export class BillingSubscription extends BillingSubscriptionSchema.class {}
BillingSubscriptionSchema.setClass(BillingSubscription);
