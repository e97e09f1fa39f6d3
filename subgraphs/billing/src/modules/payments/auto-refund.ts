import type Stripe from 'stripe';
import type { EntityManager, Logger } from '@startales/kit';
import { BillingCustomer } from '../customers/entities/customer.entity.ts';
import { callStripe, requireStripe } from '../stripe/errors.ts';
import { idempotencyKey } from '../stripe/keys.ts';
import { lockKey } from '../stripe/lock.ts';
import type { StripeSync } from '../stripe/sync.ts';
import { Payment } from './entities/payment.entity.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The seat payments a refund request from campaigns names: by billing's payment id, else the user's seats there. */
export async function seatPaymentsFor(tx: EntityManager, request: { paymentId?: string | null; userId?: string; campaignId?: string }): Promise<Payment[]> {
  if (typeof request.paymentId === 'string' && UUID.test(request.paymentId)) {
    const p = await tx.findOne(Payment, { id: request.paymentId.toLowerCase(), kind: 'SEAT' });
    return p ? [p] : [];
  }
  if (!UUID.test(request.userId ?? '') || !UUID.test(request.campaignId ?? '')) return [];
  return tx.find(Payment, { userId: request.userId!.toLowerCase(), campaignId: request.campaignId!.toLowerCase(), kind: 'SEAT', status: 'SUCCEEDED' });
}

/**
 * Refunds what remains of a seat payment, inside the caller's transaction (a consumer's, which also records the
 * event): refunds already made are re-read from Stripe first, and the Idempotency-Key names the amount refunded so
 * far, so a redelivery after a crash replays the same refund instead of making a second one.
 */
export async function refundRemaining(
  tx: EntityManager,
  deps: { stripe: Stripe | null; sync: StripeSync | null; logger: Logger },
  payment: Payment,
  reason: string,
): Promise<number> {
  if (payment.status !== 'SUCCEEDED') return 0;
  const stripe = requireStripe(deps.stripe);
  const customer = await tx.findOne(BillingCustomer, { userId: payment.userId });
  await lockKey(tx, customer ? `customer:${customer.stripeCustomerId}` : `object:${payment.paymentIntentId}`);
  await deps.sync!.syncRefunds(tx, payment);
  const remaining = payment.amountCents - payment.refundedCents;
  if (remaining <= 0) return 0;
  await callStripe(deps.logger, 'refunds.create', () =>
    stripe.refunds.create(
      { payment_intent: payment.paymentIntentId, amount: remaining, reason: 'requested_by_customer', metadata: { paymentId: payment.id, campaignReason: reason } },
      { idempotencyKey: idempotencyKey('refund', payment.id, payment.refundedCents, remaining) },
    ),
  );
  await deps.sync!.syncRefunds(tx, payment);
  deps.logger.info('seat refunded', { paymentId: payment.id, amountCents: remaining, reason });
  return remaining;
}
