import type Stripe from 'stripe';
import { ErrorCode } from '@startales/contracts';
import { AppError, InputError, type EntityManager, type Principal } from '@startales/kit';
import type { BillingServices } from '../../deps.ts';
import { BillingCustomer } from '../customers/entities/customer.entity.ts';
import { priceSubscription, validateSelection, type SubscriptionSelection } from '../pricing/price-books.ts';
import { parseLookupKey } from '../stripe/catalog.ts';
import { callStripe, requireStripe } from '../stripe/errors.ts';
import { idempotencyKey, idOf, toUnix } from '../stripe/keys.ts';
import { lockKey } from '../stripe/lock.ts';
import { ENTITLED_STATUSES } from '../stripe/sync.ts';
import { BillingSubscription } from './entities/subscription.entity.ts';

/** One line of a proration preview (cents; negative lines are credits for unused time). */
export interface ProrationLine {
  description: string | null;
  amountCents: number;
  proration: boolean;
  periodStart: Date;
  periodEnd: Date;
}

/**
 * Plan changes with proration: the preview and the change send Stripe the same items and the same proration date,
 * so the invoice Stripe issues for the change is exactly the previewed one. Changes are invoiced at once
 * (`always_invoice`): an upgrade is charged now, a downgrade leaves a credit for the next invoice.
 */
export function createSubscriptionService(services: BillingServices) {
  const { books, now } = services;
  const logger = services.deps.logger;

  async function current(em: EntityManager, userId: string): Promise<BillingSubscription> {
    const sub = await em.findOne(BillingSubscription, { userId, kind: 'PLAN', status: { $in: [...ENTITLED_STATUSES] } }, { orderBy: { createdAt: 'desc' } });
    if (!sub) throw new AppError(ErrorCode.NO_SUBSCRIPTION, 'You have no plan subscription', 409);
    return sub;
  }

  /** The item changes turning subscription `s` into `selection` (plan price swapped, add-ons added or removed). */
  async function itemChanges(s: Stripe.Subscription, selection: SubscriptionSelection) {
    const book = books.at(now());
    const [planPrice, ...addOnPrices] = await services.catalog!.subscriptionPrices(book, selection.plan, selection.interval, selection.addOns);
    const wanted = new Map(selection.addOns.map((a, i) => [a as string, addOnPrices[i]!]));
    const items: Stripe.SubscriptionUpdateParams.Item[] = [];
    for (const item of s.items.data) {
      const meaning = parseLookupKey(item.price.lookup_key) ?? (await services.catalog!.meaningOf(item.price.id));
      if (meaning?.kind === 'PLAN') items.push({ id: item.id, price: planPrice });
      else if (meaning?.kind === 'ADD_ON') {
        const price = wanted.get(meaning.code);
        wanted.delete(meaning.code);
        items.push(price ? { id: item.id, price } : { id: item.id, deleted: true });
      }
    }
    for (const price of wanted.values()) items.push({ price, quantity: 1 });
    return { items, book };
  }

  function parseProrationDate(at: Date | null | undefined, sub: BillingSubscription): number {
    const t = at ?? now();
    if (sub.currentPeriodStart && sub.currentPeriodEnd && (t < sub.currentPeriodStart || t > sub.currentPeriodEnd)) {
      throw new InputError('prorationDate must fall within the current billing period', 'prorationDate');
    }
    return toUnix(t);
  }

  async function syncAfter(em: EntityManager, userId: string, subscriptionId: string, invoiceId: string | null) {
    const customer = await em.fork().findOneOrFail(BillingCustomer, { userId });
    await em.fork().transactional(async (tx) => {
      await lockKey(tx, `customer:${customer.stripeCustomerId}`);
      await services.sync!.syncSubscription(tx, subscriptionId);
      if (invoiceId) await services.sync!.syncInvoice(tx, invoiceId);
    });
    services.deps.outbox.kick();
    return em.fork().findOneOrFail(BillingSubscription, { id: subscriptionId });
  }

  return {
    /** What changing to `input` costs now: Stripe's own preview of the proration invoice. */
    async preview(em: EntityManager, principal: Principal, input: { plan: unknown; interval: unknown; addOns?: unknown }, at?: Date | null) {
      const stripe = requireStripe(services.stripe);
      const selection = validateSelection(input);
      const sub = await current(em, principal.userId);
      const prorationDate = parseProrationDate(at, sub);
      const s = await callStripe(logger, 'subscriptions.retrieve', () => stripe.subscriptions.retrieve(sub.id));
      const { items, book } = await itemChanges(s, selection);
      const preview = await callStripe(logger, 'invoices.createPreview', () =>
        stripe.invoices.createPreview({
          customer: idOf(s.customer)!,
          subscription: s.id,
          subscription_details: { items, proration_behavior: 'always_invoice', proration_date: prorationDate },
        }),
      );
      const lines: ProrationLine[] = preview.lines.data.map((l) => ({
        description: l.description,
        amountCents: l.amount,
        proration: l.parent?.subscription_item_details?.proration ?? false,
        periodStart: new Date(l.period.start * 1000),
        periodEnd: new Date(l.period.end * 1000),
      }));
      return {
        prorationDate: new Date(prorationDate * 1000),
        lines,
        totalCents: preview.total,
        amountDueCents: preview.amount_due,
        currency: preview.currency.toUpperCase(),
        priceBook: book.id,
        newAmountCents: priceSubscription(selection, book).amountCents,
      };
    },

    /** Changes plan, interval or add-ons with proration invoiced now. A no-op when nothing changes. */
    async change(em: EntityManager, principal: Principal, input: { plan: unknown; interval: unknown; addOns?: unknown }, at?: Date | null) {
      const stripe = requireStripe(services.stripe);
      const selection = validateSelection(input);
      const sub = await current(em, principal.userId);
      if (sub.plan === selection.plan && sub.interval === selection.interval && JSON.stringify(sub.addOns) === JSON.stringify(selection.addOns)) return sub;
      const prorationDate = parseProrationDate(at, sub);
      const s = await callStripe(logger, 'subscriptions.retrieve', () => stripe.subscriptions.retrieve(sub.id));
      const { items, book } = await itemChanges(s, selection);
      const target = `${selection.plan}:${selection.interval}:${selection.addOns.join('+') || '-'}`;
      const updated = await callStripe(logger, 'subscriptions.update', () =>
        stripe.subscriptions.update(
          s.id,
          {
            items,
            proration_behavior: 'always_invoice',
            proration_date: prorationDate,
            metadata: { ...s.metadata, plan: selection.plan, interval: selection.interval, addOns: selection.addOns.join(','), priceBook: book.id },
          },
          { idempotencyKey: idempotencyKey('subscription-change', s.id, target, prorationDate) },
        ),
      );
      return syncAfter(em, principal.userId, updated.id, idOf(updated.latest_invoice));
    },

    /** Cancels at the end of the period already paid for (the portal can also cancel). */
    async cancel(em: EntityManager, principal: Principal) {
      const stripe = requireStripe(services.stripe);
      const sub = await current(em, principal.userId);
      if (sub.cancelAtPeriodEnd) return sub;
      // keyed on the state it acts on: a retry repeats it, a cancel after a resume is a new request
      const updated = await callStripe(logger, 'subscriptions.update', () =>
        stripe.subscriptions.update(sub.id, { cancel_at_period_end: true }, { idempotencyKey: idempotencyKey('subscription-cancel', sub.id, sub.syncedAt.getTime()) }),
      );
      return syncAfter(em, principal.userId, updated.id, null);
    },
  };
}
export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
