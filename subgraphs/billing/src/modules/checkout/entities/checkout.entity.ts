import { defineEntity, p } from '@mikro-orm/core';
import type { SubscriptionSelection } from '../../pricing/price-books.ts';

export const CHECKOUT_KINDS = ['SEAT', 'SUBSCRIPTION'] as const;
export type CheckoutKind = (typeof CHECKOUT_KINDS)[number];
export const CHECKOUT_STATUSES = ['OPEN', 'COMPLETE', 'EXPIRED'] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

/**
 * One Stripe Checkout Session we opened. Its id seeds the session's Idempotency-Key, and an open checkout for the
 * same purchase is handed out again instead of opening a second one (so a double click never pays twice).
 */
export const CheckoutSchema = defineEntity({
  name: 'Checkout',
  tableName: 'checkout',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    kind: p.enum([...CHECKOUT_KINDS]),
    campaignId: p.uuid().nullable().index(),
    selection: p.json<SubscriptionSelection>().nullable(),
    /** What is being bought, as a stable string: `seat:<campaignId>` or `plan:<plan>:<interval>:<addOns>`. */
    purchaseKey: p.string().length(200),
    priceBook: p.string().length(64),
    amountCents: p.integer(),
    currency: p.string().length(3),
    sessionId: p.string().length(255).nullable().unique(),
    url: p.text().nullable(),
    status: p.enum([...CHECKOUT_STATUSES]).default('OPEN'),
    expiresAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['userId', 'purchaseKey'] }],
});

export class Checkout extends CheckoutSchema.class {}
CheckoutSchema.setClass(Checkout);
