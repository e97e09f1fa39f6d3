import type Stripe from 'stripe';
import { DomainEvent, type SeatPaidData, type SeatRefundedData } from '@startales/contracts';
import { enqueueDomainEvent, type EntityManager } from '@startales/kit';
import { Checkout } from '../checkout/entities/checkout.entity.ts';
import { Payment, type PaymentStatus } from '../payments/entities/payment.entity.ts';
import { Refund } from '../payments/entities/refund.entity.ts';
import { hasRevenue, recordRevenue } from '../finance/ledger.ts';
import { fromUnix, idOf } from './keys.ts';
import { ACTOR, uuidOrNull, type SyncContext } from './sync-context.ts';

/** Refund statuses whose money has left (or is leaving) the account. */
const REFUND_COUNTS = new Set(['succeeded', 'pending', 'requires_action']);

/** Seat payments, refunds and disputes, derived from the PaymentIntent, its refunds and its disputes at Stripe. */
export function createPaymentSync(ctx: SyncContext) {
  const { stripe, logger, now, call } = ctx;

  function piStatus(pi: Stripe.PaymentIntent): PaymentStatus {
    if (pi.status === 'succeeded') return 'SUCCEEDED';
    if (pi.status === 'canceled') return 'CANCELED';
    if (pi.status === 'requires_payment_method' && pi.last_payment_error) return 'FAILED';
    return 'PROCESSING';
  }

  /** A seat's PaymentIntent → its Payment row; publishes `billing.seat_paid` and books the revenue when it succeeds. */
  async function syncPaymentIntent(tx: EntityManager, paymentIntentId: string): Promise<Payment | null> {
    const pi = await call('paymentIntents.retrieve', () => stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge'] }));
    const meta = pi.metadata ?? {};
    // invoice payments are derived from their invoice (syncInvoice)
    if (meta.kind !== 'SEAT') return tx.findOne(Payment, { paymentIntentId: pi.id });
    const userId = uuidOrNull(meta.userId);
    const campaignId = uuidOrNull(meta.campaignId);
    if (!userId || !campaignId) {
      logger.warn('seat payment intent without our metadata; ignored', { paymentIntentId: pi.id });
      return null;
    }
    const status = piStatus(pi);
    let row = await tx.findOne(Payment, { paymentIntentId: pi.id });
    const wasSucceeded = row?.status === 'SUCCEEDED';
    if (!row) {
      row = tx.create(Payment, {
        id: Bun.randomUUIDv7(),
        paymentIntentId: pi.id,
        userId,
        kind: 'SEAT',
        checkoutId: uuidOrNull(meta.checkoutId),
        campaignId,
        invoiceId: null,
        priceBook: meta.priceBook ?? null,
        revenuePlan: 'SEAT',
        amountCents: pi.amount,
        refundedCents: 0,
        currency: pi.currency.toUpperCase(),
        status,
        failureMessage: null,
        disputeStatus: null,
        seatReleasedAt: null,
        createdAt: fromUnix(pi.created),
        paidAt: null,
      });
    } else if (!wasSucceeded) {
      row.status = status;
    }
    row.failureMessage = status === 'FAILED' ? (pi.last_payment_error?.message ?? 'Payment failed') : null;
    if (status === 'SUCCEEDED' && !wasSucceeded) {
      const charge = typeof pi.latest_charge === 'object' ? pi.latest_charge : null;
      const paidAt = charge ? fromUnix(charge.created) : now();
      row.status = 'SUCCEEDED';
      row.paidAt = paidAt;
      enqueueDomainEvent<SeatPaidData>(
        tx,
        DomainEvent.BILLING_SEAT_PAID,
        { paymentId: row.id, userId, campaignId, amountCents: pi.amount, currency: row.currency, priceBook: row.priceBook ?? '', paidAt: paidAt.toISOString() },
        ACTOR,
      );
      await recordRevenue(tx, { sourceId: pi.id, kind: 'PAYMENT', plan: 'SEAT', userId, campaignId, amountCents: pi.amount_received || pi.amount, currency: row.currency, occurredAt: paidAt });
      if (row.checkoutId) await tx.nativeUpdate(Checkout, { id: row.checkoutId }, { status: 'COMPLETE' });
    }
    await tx.flush();
    return row;
  }

  /** Publishes `billing.seat_refunded` once, when a seat's money is gone (refunded in full or lost to a dispute). */
  function releaseSeat(tx: EntityManager, payment: Payment, reason: SeatRefundedData['reason']) {
    if (payment.kind !== 'SEAT' || payment.seatReleasedAt || !payment.campaignId) return;
    payment.seatReleasedAt = now();
    enqueueDomainEvent<SeatRefundedData>(
      tx,
      DomainEvent.BILLING_SEAT_REFUNDED,
      { paymentId: payment.id, userId: payment.userId, campaignId: payment.campaignId, refundedCents: payment.refundedCents, reason, at: payment.seatReleasedAt.toISOString() },
      ACTOR,
    );
  }

  /** Every refund of a payment as Stripe has them; books each refund (and any reversal) in the ledger once. */
  async function syncRefunds(tx: EntityManager, payment: Payment, requestedBy?: string): Promise<Refund[]> {
    const list = await call('refunds.list', () => stripe.refunds.list({ payment_intent: payment.paymentIntentId, limit: 100 }));
    let refunded = 0;
    const rows: Refund[] = [];
    for (const r of list.data) {
      const status = r.status ?? 'pending';
      let row = await tx.findOne(Refund, { id: r.id });
      if (!row) {
        row = tx.create(Refund, {
          id: r.id,
          paymentId: payment.id,
          userId: payment.userId,
          amountCents: r.amount,
          currency: r.currency.toUpperCase(),
          status,
          reason: r.reason ?? null,
          requestedBy: uuidOrNull(r.metadata?.requestedBy) ?? uuidOrNull(requestedBy),
          createdAt: fromUnix(r.created),
        });
      } else {
        row.status = status;
        row.amountCents = r.amount;
      }
      rows.push(row);
      const base = { plan: payment.revenuePlan, userId: payment.userId, campaignId: payment.campaignId, currency: row.currency };
      if (REFUND_COUNTS.has(status)) {
        refunded += r.amount;
        await recordRevenue(tx, { ...base, sourceId: r.id, kind: 'REFUND', amountCents: -r.amount, occurredAt: row.createdAt });
      } else if (await hasRevenue(tx, r.id)) {
        // a refund that failed or was canceled after we booked it: the money came back
        await recordRevenue(tx, { ...base, sourceId: `${r.id}:reversal`, kind: 'REFUND_REVERSAL', amountCents: r.amount, occurredAt: now() });
      }
    }
    payment.refundedCents = refunded;
    if (payment.status === 'SUCCEEDED' && refunded >= payment.amountCents) releaseSeat(tx, payment, 'refunded');
    await tx.flush();
    return rows;
  }

  /** The payment a refund or dispute belongs to: ours already, or a seat PaymentIntent we have not seen yet. */
  async function paymentOf(tx: EntityManager, paymentIntentId: string | null): Promise<Payment | null> {
    if (!paymentIntentId) return null;
    return (await tx.findOne(Payment, { paymentIntentId })) ?? (await syncPaymentIntent(tx, paymentIntentId));
  }

  async function syncRefundsOf(tx: EntityManager, paymentIntentId: string | null): Promise<boolean> {
    const payment = await paymentOf(tx, paymentIntentId);
    if (!payment) return false;
    await syncRefunds(tx, payment);
    return true;
  }

  async function syncDispute(tx: EntityManager, disputeId: string): Promise<boolean> {
    const d = await call('disputes.retrieve', () => stripe.disputes.retrieve(disputeId));
    const payment = await paymentOf(tx, idOf(d.payment_intent));
    if (!payment) return false;
    payment.disputeStatus = d.status;
    if (d.status === 'lost') {
      await recordRevenue(tx, {
        sourceId: `${d.id}:lost`,
        kind: 'DISPUTE_LOST',
        plan: payment.revenuePlan,
        userId: payment.userId,
        campaignId: payment.campaignId,
        amountCents: -d.amount,
        currency: d.currency,
        occurredAt: now(),
      });
      releaseSeat(tx, payment, 'dispute_lost');
    }
    await tx.flush();
    return true;
  }

  return { syncPaymentIntent, syncRefunds, syncRefundsOf, syncDispute };
}
