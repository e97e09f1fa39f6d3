import type Stripe from 'stripe';
import type { EntityManager, Logger } from '@startales/kit';
import { Checkout } from '../checkout/entities/checkout.entity.ts';
import type { Catalog } from './catalog.ts';
import { idOf } from './keys.ts';
import { createSyncContext, uuidOrNull } from './sync-context.ts';
import { createPaymentSync } from './sync-payments.ts';
import { createSubscriptionSync } from './sync-subscriptions.ts';

export { ENTITLED_STATUSES } from './sync-context.ts';

/**
 * Derives billing's rows from Stripe objects as Stripe reports them *now* (every call re-fetches), so webhooks and
 * mutations converge on the same state whatever the order they run in. Every function runs inside the caller's
 * transaction, which holds the customer's lock; side effects (domain events, revenue facts) happen on transitions
 * only, so re-running a sync never repeats them.
 */
export function createStripeSync(options: { stripe: Stripe; catalog: Catalog; logger: Logger; now?: () => Date }) {
  const ctx = createSyncContext(options);
  const { call, stripe } = ctx;
  const { syncPaymentIntent, syncRefunds, syncRefundsOf, syncDispute } = createPaymentSync(ctx);
  const { syncSubscription, syncInvoice } = createSubscriptionSync(ctx);

  /** A Checkout Session → its checkout row, then whatever it paid for (seat payment, subscription, invoice). */
  async function syncCheckoutSession(tx: EntityManager, sessionId: string): Promise<boolean> {
    const s = await call('checkout.sessions.retrieve', () => stripe.checkout.sessions.retrieve(sessionId));
    const checkoutId = uuidOrNull(s.metadata?.checkoutId) ?? uuidOrNull(s.client_reference_id);
    const checkout = (await tx.findOne(Checkout, { sessionId: s.id })) ?? (checkoutId ? await tx.findOne(Checkout, { id: checkoutId }) : null);
    if (!checkout) return false;
    checkout.sessionId ??= s.id;
    if (checkout.status !== 'COMPLETE') checkout.status = s.status === 'complete' ? 'COMPLETE' : s.status === 'expired' ? 'EXPIRED' : 'OPEN';
    await tx.flush();
    const pi = idOf(s.payment_intent);
    if (pi) await syncPaymentIntent(tx, pi);
    const sub = idOf(s.subscription);
    if (sub) await syncSubscription(tx, sub);
    const invoice = idOf(s.invoice);
    if (invoice) await syncInvoice(tx, invoice);
    return true;
  }

  /** The Stripe customer an event's object belongs to (billing locks on it), fetching the PaymentIntent if needed. */
  async function customerOf(object: Record<string, unknown>): Promise<string | null> {
    const direct = idOf(object.customer as string | { id: string } | null | undefined);
    if (direct) return direct;
    const pi = idOf(object.payment_intent as string | { id: string } | null | undefined);
    if (!pi) return null;
    const intent = await call('paymentIntents.retrieve', () => stripe.paymentIntents.retrieve(pi));
    return idOf(intent.customer);
  }

  return { syncPaymentIntent, syncRefunds, syncRefundsOf, syncDispute, syncSubscription, syncInvoice, syncCheckoutSession, customerOf, userOfCustomer: ctx.userOfCustomer };
}
export type StripeSync = ReturnType<typeof createStripeSync>;
