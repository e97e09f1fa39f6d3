import type Stripe from 'stripe';
import { ErrorCode } from '@startales/contracts';
import { isUniqueViolation, type EntityManager, type Logger, type Orm } from '@startales/kit';
import { lockKey } from '../stripe/lock.ts';
import type { StripeSync } from '../stripe/sync.ts';
import { StripeEvent } from './entities/stripe-event.entity.ts';

/** An HTTP answer for Stripe: 2xx stops its retries, anything else makes it retry later. */
export interface WebhookResponse {
  status: number;
  body: Record<string, unknown>;
}

type Handler = (tx: EntityManager, sync: StripeSync, object: { id: string } & Record<string, unknown>) => Promise<boolean>;
const pi = (o: Record<string, unknown>) => (typeof o.payment_intent === 'string' ? o.payment_intent : ((o.payment_intent as { id?: string } | null)?.id ?? null));

const checkout: Handler = (tx, sync, o) => sync.syncCheckoutSession(tx, o.id);
const paymentIntent: Handler = async (tx, sync, o) => (await sync.syncPaymentIntent(tx, o.id)) !== null;
const refunds: Handler = (tx, sync, o) => sync.syncRefundsOf(tx, pi(o));
const dispute: Handler = (tx, sync, o) => sync.syncDispute(tx, o.id);
const subscription: Handler = async (tx, sync, o) => (await sync.syncSubscription(tx, o.id)) !== null;
const invoice: Handler = async (tx, sync, o) => (await sync.syncInvoice(tx, o.id)) !== null;

/** The event types billing acts on; every other type is acknowledged and ignored. */
export const HANDLERS: Record<string, Handler> = {
  'checkout.session.completed': checkout,
  'checkout.session.async_payment_succeeded': checkout,
  'checkout.session.async_payment_failed': checkout,
  'checkout.session.expired': checkout,
  'payment_intent.succeeded': paymentIntent,
  'payment_intent.payment_failed': paymentIntent,
  'payment_intent.canceled': paymentIntent,
  'payment_intent.processing': paymentIntent,
  'charge.refunded': refunds,
  'charge.refund.updated': refunds,
  'refund.created': refunds,
  'refund.updated': refunds,
  'refund.failed': refunds,
  'charge.dispute.created': dispute,
  'charge.dispute.updated': dispute,
  'charge.dispute.closed': dispute,
  'charge.dispute.funds_withdrawn': dispute,
  'charge.dispute.funds_reinstated': dispute,
  'customer.subscription.created': subscription,
  'customer.subscription.updated': subscription,
  'customer.subscription.deleted': subscription,
  'customer.subscription.paused': subscription,
  'customer.subscription.resumed': subscription,
  'invoice.paid': invoice,
  'invoice.payment_succeeded': invoice,
  'invoice.payment_failed': invoice,
  'invoice.finalized': invoice,
  'invoice.voided': invoice,
  'invoice.marked_uncollectible': invoice,
};

const error = (status: number, code: string, message: string): WebhookResponse => ({ status, body: { error: { code, message } } });

/**
 * `POST /webhooks/stripe`: verifies the signature on the raw body (Stripe's default 300 s tolerance), then applies the
 * event once: its id is inserted in the same transaction as its effect, under the customer's lock, and the effect
 * re-fetches the object from Stripe, so duplicates change nothing and any delivery order ends in the same state.
 */
export function createWebhookHandler(options: {
  orm: Orm;
  stripe: Stripe | null;
  sync: StripeSync | null;
  webhookSecret: string | null;
  logger: Logger;
  afterCommit: () => void;
}) {
  const { orm, stripe, sync, webhookSecret, logger } = options;

  async function apply(event: Stripe.Event): Promise<Record<string, unknown>> {
    const em = orm.em.fork();
    if (await em.findOne(StripeEvent, { id: event.id })) return { duplicate: true };
    const handler = HANDLERS[event.type];
    if (!handler) return { ignored: true };
    const object = event.data.object as unknown as { id: string } & Record<string, unknown>;
    const customer = await sync!.customerOf(object);
    try {
      const applied = await em.transactional(async (tx) => {
        await lockKey(tx, customer ? `customer:${customer}` : `object:${object.id}`);
        await tx.insert(StripeEvent, { id: event.id, type: event.type, outcome: 'applied', receivedAt: new Date() });
        const done = await handler(tx, sync!, object);
        if (!done) await tx.nativeUpdate(StripeEvent, { id: event.id }, { outcome: 'ignored' });
        return done;
      });
      options.afterCommit();
      return applied ? { applied: true } : { ignored: true };
    } catch (e) {
      // a concurrent delivery of the same event committed first
      if (isUniqueViolation(e)) return { duplicate: true };
      throw e;
    }
  }

  return async function handle(raw: string, signature: string | null): Promise<WebhookResponse> {
    if (!stripe || !sync || !webhookSecret) return error(503, ErrorCode.PAYMENTS_UNAVAILABLE, 'Stripe webhooks are not configured on this deployment');
    if (!signature) return error(400, ErrorCode.INVALID_SIGNATURE, 'Missing Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = await stripe.webhooks.constructEventAsync(raw, signature, webhookSecret);
    } catch (e) {
      logger.warn('stripe webhook rejected', { reason: (e as Error).message });
      return error(400, ErrorCode.INVALID_SIGNATURE, (e as Error).message || 'Invalid signature');
    }
    const object = (event as { data?: { object?: { id?: unknown } } }).data?.object;
    if (typeof event.id !== 'string' || typeof event.type !== 'string' || !object || typeof object.id !== 'string') {
      return error(400, ErrorCode.BAD_USER_INPUT, 'Not a Stripe event (id, type and data.object.id are required)');
    }
    const result = await apply(event);
    logger.debug('stripe webhook', { id: event.id, type: event.type, ...result });
    return { status: 200, body: { received: true, ...result } };
  };
}
export type WebhookHandler = ReturnType<typeof createWebhookHandler>;
