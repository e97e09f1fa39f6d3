import Stripe from 'stripe';
import { ErrorCode } from '@startales/contracts';
import { AppError, InputError, NotFoundError, type EntityManager, type Principal } from '@startales/kit';
import type { BillingServices } from '../../deps.ts';
import { callStripe, requireStripe } from '../stripe/errors.ts';
import { idempotencyKey } from '../stripe/keys.ts';
import { lockKey } from '../stripe/lock.ts';
import { BillingCustomer } from '../customers/entities/customer.entity.ts';
import { Payment } from './entities/payment.entity.ts';
import { Refund } from './entities/refund.entity.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REASONS = { DUPLICATE: 'duplicate', FRAUDULENT: 'fraudulent', REQUESTED_BY_CUSTOMER: 'requested_by_customer' } as const;
export type RefundReason = keyof typeof REASONS;

export interface RefundInput {
  paymentId: unknown;
  amountCents?: unknown;
  reason?: RefundReason | null;
}

/** Refunds (full or partial) of succeeded payments, by admins. */
export function createPaymentService(services: BillingServices) {
  const logger = services.deps.logger;

  /** Runs `fn` in a transaction holding the payment's customer lock (the same lock webhooks take). */
  async function underCustomerLock<T>(em: EntityManager, payment: Payment, fn: (tx: EntityManager, payment: Payment) => Promise<T>): Promise<T> {
    const customer = await em.fork().findOne(BillingCustomer, { userId: payment.userId });
    return em.fork().transactional(async (tx) => {
      await lockKey(tx, customer ? `customer:${customer.stripeCustomerId}` : `object:${payment.paymentIntentId}`);
      return fn(tx, await tx.findOneOrFail(Payment, { id: payment.id }));
    });
  }

  return {
    async refund(em: EntityManager, admin: Principal, input: RefundInput): Promise<Refund> {
      const stripe = requireStripe(services.stripe);
      const sync = services.sync!;
      if (typeof input.paymentId !== 'string' || !UUID.test(input.paymentId)) throw new InputError('paymentId must be a payment id', 'paymentId');
      if (input.amountCents != null && (!Number.isInteger(input.amountCents) || (input.amountCents as number) <= 0)) {
        throw new InputError('amountCents must be a positive whole number of cents', 'amountCents');
      }
      if (input.reason != null && !(input.reason in REASONS)) throw new InputError(`reason must be one of ${Object.keys(REASONS).join(', ')}`, 'reason');
      const found = await em.findOne(Payment, { id: input.paymentId.toLowerCase() });
      if (!found) throw new NotFoundError('No such payment');
      if (found.status !== 'SUCCEEDED') throw new AppError(ErrorCode.CONFLICT, `Only a succeeded payment can be refunded (this one is ${found.status})`, 409);
      // refunds made elsewhere (dashboard, another admin) count: re-read them from Stripe first
      const payment = await underCustomerLock(em, found, async (tx, p) => {
        await sync.syncRefunds(tx, p);
        return p;
      });
      const remaining = payment.amountCents - payment.refundedCents;
      const amount = (input.amountCents as number | null | undefined) ?? remaining;
      if (remaining <= 0 || amount > remaining) {
        throw new AppError(ErrorCode.REFUND_EXCEEDS_PAYMENT, `At most ${remaining} cents of this payment can still be refunded`, 400, { remainingCents: remaining });
      }
      // the key names what is refunded *given what was refunded before*: a retry repeats it, a further refund is new
      const refund = await callStripe(
        logger,
        'refunds.create',
        () =>
          stripe.refunds.create(
            {
              payment_intent: payment.paymentIntentId,
              amount,
              ...(input.reason ? { reason: REASONS[input.reason] } : {}),
              metadata: { paymentId: payment.id, requestedBy: admin.userId },
            },
            { idempotencyKey: idempotencyKey('refund', payment.id, payment.refundedCents, amount) },
          ),
        (error) => error instanceof Stripe.errors.StripeInvalidRequestError && /refund/i.test(error.message) && error.param === 'amount',
      ).catch((error) => {
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          throw new AppError(ErrorCode.REFUND_EXCEEDS_PAYMENT, error.message, 400, { remainingCents: remaining });
        }
        throw error;
      });
      const rows = await underCustomerLock(em, payment, (tx, p) => sync.syncRefunds(tx, p, admin.userId));
      const row = rows.find((r) => r.id === refund.id);
      if (!row) throw new Error(`refund ${refund.id} missing after sync`);
      services.deps.outbox.kick();
      return row;
    },
  };
}
export type PaymentService = ReturnType<typeof createPaymentService>;
