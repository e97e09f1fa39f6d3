import { defineEntity, p } from '@mikro-orm/core';

/**
 * A Stripe webhook event we applied (or acknowledged and ignored). Inserted in the same transaction as the event's
 * effect, so a redelivery hits the primary key and changes nothing.
 */
export const StripeEventSchema = defineEntity({
  name: 'StripeEvent',
  tableName: 'stripe_event',
  properties: {
    id: p.string().length(255).primary(),
    type: p.string().length(100),
    /** `applied` or `ignored` (unknown type, or an object that is not ours). */
    outcome: p.string().length(20),
    receivedAt: p.datetime().onCreate(() => new Date()),
  },
});

export class StripeEvent extends StripeEventSchema.class {}
StripeEventSchema.setClass(StripeEvent);
