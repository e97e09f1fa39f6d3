import { defineEntity, p } from '@mikro-orm/core';

/** A Stripe refund of one of our payments, as Stripe reports it. */
export const RefundSchema = defineEntity({
  name: 'Refund',
  tableName: 'refund',
  properties: {
    id: p.string().length(255).primary(),
    paymentId: p.uuid().index(),
    userId: p.uuid().index(),
    amountCents: p.integer(),
    currency: p.string().length(3),
    /** Stripe's status: pending, requires_action, succeeded, failed or canceled. */
    status: p.string().length(40),
    reason: p.string().length(60).nullable(),
    /** The admin who asked for it (null when made in the Stripe dashboard). */
    requestedBy: p.uuid().nullable(),
    createdAt: p.datetime().index(),
  },
});

export class Refund extends RefundSchema.class {}
RefundSchema.setClass(Refund);
