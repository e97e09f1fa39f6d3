import type Stripe from 'stripe';
import type { EntityManager, Logger } from '@startales/kit';
import { BillingCustomer } from './entities/customer.entity.ts';
import { callStripe } from '../stripe/errors.ts';
import { idempotencyKey } from '../stripe/keys.ts';

/**
 * The user's Stripe customer id, creating the customer on first use. The Idempotency-Key is the user id, so two
 * concurrent first uses (or a retry after a timeout) create one customer; the row is inserted if absent only.
 * Only the user id goes to Stripe: no name or email (Checkout collects what the card network needs).
 */
export async function ensureCustomer(em: EntityManager, stripe: Stripe, logger: Logger, userId: string): Promise<string> {
  const existing = await em.fork().findOne(BillingCustomer, { userId });
  if (existing) return existing.stripeCustomerId;
  const customer = await callStripe(logger, 'customers.create', () =>
    stripe.customers.create({ metadata: { userId } }, { idempotencyKey: idempotencyKey('customer', userId) }),
  );
  const fork = em.fork();
  await fork.upsert(BillingCustomer, { userId, stripeCustomerId: customer.id, usageSubscriptionId: null, createdAt: new Date() }, { onConflictAction: 'ignore', onConflictFields: ['userId'] });
  const row = await fork.findOneOrFail(BillingCustomer, { userId });
  return row.stripeCustomerId;
}
