import { defineEntity, p } from '@mikro-orm/core';

/** A user's Stripe customer, created lazily on the first Stripe operation that needs one. */
export const BillingCustomerSchema = defineEntity({
  name: 'BillingCustomer',
  tableName: 'customer',
  properties: {
    userId: p.uuid().primary(),
    stripeCustomerId: p.string().length(255).unique(),
    /** The metered subscription that carries LLM usage charges (created with the first charge). */
    usageSubscriptionId: p.string().length(255).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class BillingCustomer extends BillingCustomerSchema.class {}
BillingCustomerSchema.setClass(BillingCustomer);
