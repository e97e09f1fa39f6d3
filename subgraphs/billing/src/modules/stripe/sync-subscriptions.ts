import type Stripe from 'stripe';
import { DomainEvent, type AddOnCode, type BillingInterval, type PlanCode, type SubscriptionChangedData, type SubscriptionChangedMetrics } from '@startales/contracts';
import { enqueueDomainEvent, type EntityManager } from '@startales/kit';
import { BillingCustomer } from '../customers/entities/customer.entity.ts';
import { Payment } from '../payments/entities/payment.entity.ts';
import { BillingSubscription, type SubscriptionKind } from '../subscriptions/entities/subscription.entity.ts';
import { Invoice, type InvoiceLineRecord } from '../invoices/entities/invoice.entity.ts';
import type { RevenuePlan } from '../finance/entities/revenue-entry.entity.ts';
import { recordRevenue } from '../finance/ledger.ts';
import { monthlyCents } from '../pricing/price-books.ts';
import { callStripe, isResourceMissing } from './errors.ts';
import { fromUnix, fromUnixOrNull, idOf } from './keys.ts';
import { ACTOR, ENTITLED_STATUSES, uuidOrNull, type SyncContext } from './sync-context.ts';

/** Subscriptions (plan and metered) and their invoices, derived from Stripe; paid invoice lines go to the ledger. */
export function createSubscriptionSync(ctx: SyncContext) {
  const { stripe, logger, now, call, userOfCustomer, meaningOfPrice } = ctx;

  async function syncSubscription(tx: EntityManager, subscriptionId: string): Promise<BillingSubscription | null> {
    let s: Stripe.Subscription;
    try {
      s = await callStripe(logger, 'subscriptions.retrieve', () => stripe.subscriptions.retrieve(subscriptionId), isResourceMissing);
    } catch (error) {
      if (!isResourceMissing(error)) throw error;
      const gone = await tx.findOne(BillingSubscription, { id: subscriptionId });
      if (gone && !gone.endedAt) {
        gone.status = 'canceled';
        gone.endedAt = now();
        await tx.flush();
      }
      return gone;
    }
    const userId = uuidOrNull(s.metadata?.userId) ?? (await userOfCustomer(tx, idOf(s.customer)));
    if (!userId) return null;
    let plan: PlanCode | null = null;
    let interval: BillingInterval | null = null;
    let priceBook: string | null = s.metadata?.priceBook ?? null;
    let monthly = 0;
    let hasUsage = false;
    const addOns: AddOnCode[] = [];
    for (const item of s.items.data) {
      const meaning = await meaningOfPrice(item.price);
      if (!meaning) continue;
      priceBook ??= meaning.priceBook;
      if (meaning.kind === 'LLM_USAGE') {
        hasUsage = true;
        continue;
      }
      if (meaning.kind === 'PLAN') {
        plan = meaning.code;
        interval = meaning.interval;
      } else addOns.push(meaning.code);
      monthly += monthlyCents((item.price.unit_amount ?? 0) * (item.quantity ?? 1), meaning.interval);
    }
    const kind: SubscriptionKind = plan ? 'PLAN' : 'USAGE';
    if (!plan && !hasUsage) {
      logger.warn('subscription with none of our prices; ignored', { subscriptionId });
      return null;
    }
    addOns.sort();
    const starts = s.items.data.map((i) => i.current_period_start);
    const ends = s.items.data.map((i) => i.current_period_end);
    const values = {
      userId,
      kind,
      plan,
      interval,
      addOns,
      status: s.status,
      priceBook: priceBook ?? 'unknown',
      currentPeriodStart: starts.length ? fromUnix(Math.min(...starts)) : null,
      currentPeriodEnd: ends.length ? fromUnix(Math.max(...ends)) : null,
      cancelAtPeriodEnd: s.cancel_at_period_end,
      canceledAt: fromUnixOrNull(s.canceled_at),
      // a subscription that reached any status but incomplete* was paid for at least once
      activatedAt: s.status === 'incomplete' || s.status === 'incomplete_expired' ? null : fromUnix(s.start_date),
      endedAt: fromUnixOrNull(s.ended_at),
      monthlyCents: kind === 'PLAN' ? monthly : 0,
      createdAt: fromUnix(s.created),
      syncedAt: now(),
    };
    let row = await tx.findOne(BillingSubscription, { id: s.id });
    const before = row ? JSON.stringify([row.plan, row.interval, row.addOns, row.status, row.monthlyCents]) : null;
    if (!row) row = tx.create(BillingSubscription, { id: s.id, ...values });
    else tx.assign(row, values);
    if (kind === 'USAGE') await tx.nativeUpdate(BillingCustomer, { userId, usageSubscriptionId: null }, { usageSubscriptionId: s.id });
    if (kind === 'PLAN' && before !== JSON.stringify([row.plan, row.interval, row.addOns, row.status, row.monthlyCents])) {
      const entitled = (ENTITLED_STATUSES as readonly string[]).includes(s.status);
      enqueueDomainEvent<SubscriptionChangedData & SubscriptionChangedMetrics>(
        tx,
        DomainEvent.BILLING_SUBSCRIPTION_CHANGED,
        {
          subscriptionId: s.id,
          userId,
          plan: plan!,
          interval: interval!,
          addOns,
          status: s.status,
          entitled,
          monthlyCents: entitled ? monthly : 0,
          at: now().toISOString(),
        },
        ACTOR,
      );
    }
    await tx.flush();
    return row;
  }

  /** All lines of an invoice (the embedded list holds the first page only). */
  async function invoiceLines(inv: Stripe.Invoice): Promise<Stripe.InvoiceLineItem[]> {
    const lines = [...inv.lines.data];
    let more = inv.lines.has_more;
    while (more && inv.id) {
      const page = await call('invoices.listLineItems', () => stripe.invoices.listLineItems(inv.id!, { limit: 100, starting_after: lines.at(-1)?.id }));
      lines.push(...page.data);
      more = page.has_more;
    }
    return lines;
  }

  /** An invoice → its row, its paid lines in the ledger, and its payments. Syncs its subscription first. */
  async function syncInvoice(tx: EntityManager, invoiceId: string): Promise<Invoice | null> {
    const inv = await call('invoices.retrieve', () => stripe.invoices.retrieve(invoiceId, { expand: ['payments'] }));
    const userId = await userOfCustomer(tx, idOf(inv.customer));
    if (!userId || !inv.id) return null;
    const subscriptionId = idOf(inv.parent?.subscription_details?.subscription ?? null);
    const sub = subscriptionId ? await syncSubscription(tx, subscriptionId) : null;
    const lines: InvoiceLineRecord[] = [];
    let priceBook = sub?.priceBook ?? null;
    for (const line of await invoiceLines(inv)) {
      const meaning = await meaningOfPrice(idOf(line.pricing?.price_details?.price ?? null));
      priceBook ??= meaning?.priceBook ?? null;
      lines.push({
        id: line.id,
        description: line.description,
        kind: meaning?.kind ?? 'OTHER',
        code: meaning && meaning.kind !== 'LLM_USAGE' ? meaning.code : null,
        amountCents: line.amount,
        quantity: line.quantity ?? null,
        proration: line.parent?.subscription_item_details?.proration ?? false,
        periodStart: fromUnix(line.period.start).toISOString(),
        periodEnd: fromUnix(line.period.end).toISOString(),
      });
    }
    const paidAt = inv.status === 'paid' ? (fromUnixOrNull(inv.status_transitions.paid_at) ?? now()) : null;
    const values = {
      userId,
      subscriptionId,
      number: inv.number,
      status: inv.status ?? 'draft',
      currency: inv.currency.toUpperCase(),
      totalCents: inv.total,
      amountPaidCents: inv.amount_paid,
      amountDueCents: inv.amount_due,
      periodStart: fromUnix(inv.period_start),
      periodEnd: fromUnix(inv.period_end),
      priceBook,
      lines,
      hostedInvoiceUrl: inv.hosted_invoice_url ?? null,
      createdAt: fromUnix(inv.created),
      paidAt,
    };
    let row = await tx.findOne(Invoice, { id: inv.id });
    if (!row) row = tx.create(Invoice, { id: inv.id, ...values });
    else tx.assign(row, values);
    if (paidAt) {
      for (const line of lines) {
        const plan: RevenuePlan = line.kind === 'LLM_USAGE' ? 'LLM_USAGE' : ((line.code as RevenuePlan | null) ?? 'OTHER');
        await recordRevenue(tx, { sourceId: `${inv.id}:${line.id}`, kind: 'INVOICE_LINE', plan, userId, amountCents: line.amountCents, currency: values.currency, occurredAt: paidAt });
      }
      const revenuePlan: RevenuePlan = sub?.kind === 'USAGE' ? 'LLM_USAGE' : ((sub?.plan as RevenuePlan | null) ?? 'OTHER');
      for (const p of inv.payments?.data ?? []) {
        const piId = idOf(p.payment.payment_intent ?? null);
        if (!piId || p.status !== 'paid') continue;
        const existing = await tx.findOne(Payment, { paymentIntentId: piId });
        if (existing) continue;
        tx.create(Payment, {
          id: Bun.randomUUIDv7(),
          paymentIntentId: piId,
          userId,
          kind: 'SUBSCRIPTION',
          checkoutId: null,
          campaignId: null,
          invoiceId: inv.id,
          priceBook,
          revenuePlan,
          amountCents: p.amount_paid ?? p.amount_requested,
          refundedCents: 0,
          currency: p.currency.toUpperCase(),
          status: 'SUCCEEDED',
          failureMessage: null,
          disputeStatus: null,
          seatReleasedAt: null,
          createdAt: fromUnix(p.created),
          paidAt: fromUnixOrNull(p.status_transitions.paid_at) ?? paidAt,
        });
      }
    }
    await tx.flush();
    return row;
  }

  return { syncSubscription, syncInvoice };
}
