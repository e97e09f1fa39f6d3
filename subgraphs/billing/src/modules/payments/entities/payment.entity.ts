import { defineEntity, p } from '@mikro-orm/core';
import { REVENUE_PLANS } from '../../finance/entities/revenue-entry.entity.ts';

export const PAYMENT_KINDS = ['SEAT', 'SUBSCRIPTION'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const PAYMENT_STATUSES = ['PROCESSING', 'SUCCEEDED', 'FAILED', 'CANCELED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * One Stripe PaymentIntent: a seat bought through Checkout, or the payment of a subscription invoice. Derived from
 * the PaymentIntent as Stripe reports it now (webhooks re-fetch), so any delivery order converges on the same row.
 */
export const PaymentSchema = defineEntity({
  name: 'Payment',
  tableName: 'payment',
  properties: {
    id: p.uuid().primary(),
    paymentIntentId: p.string().length(255).unique(),
    userId: p.uuid().index(),
    kind: p.enum([...PAYMENT_KINDS]),
    checkoutId: p.uuid().nullable(),
    campaignId: p.uuid().nullable().index(),
    invoiceId: p.string().length(255).nullable(),
    priceBook: p.string().length(64).nullable(),
    /** What the money was for, in the revenue ledger's terms (refunds are booked against it). */
    revenuePlan: p.enum([...REVENUE_PLANS]),
    amountCents: p.integer(),
    refundedCents: p.integer().default(0),
    currency: p.string().length(3),
    status: p.enum([...PAYMENT_STATUSES]),
    failureMessage: p.text().nullable(),
    disputeStatus: p.string().length(40).nullable(),
    /** When `billing.seat_refunded` was queued (once per seat). */
    seatReleasedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    paidAt: p.datetime().nullable(),
  },
});

export class Payment extends PaymentSchema.class {}
PaymentSchema.setClass(Payment);
