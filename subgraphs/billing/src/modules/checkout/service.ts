import type Stripe from 'stripe';
import { ErrorCode } from '@startales/contracts';
import { AppError, InputError, NotFoundError, type EntityManager, type Principal } from '@startales/kit';
import type { BillingServices } from '../../deps.ts';
import { CampaignFacts } from '../campaigns/entities/campaign-facts.entity.ts';
import { ensureCustomer } from '../customers/service.ts';
import { Payment } from '../payments/entities/payment.entity.ts';
import { priceCampaign } from '../pricing/pricing.ts';
import { priceSubscription, validateSelection, type SubscriptionSelection } from '../pricing/price-books.ts';
import { callStripe, requireStripe } from '../stripe/errors.ts';
import { idempotencyKey, toUnix } from '../stripe/keys.ts';
import { lockKey } from '../stripe/lock.ts';
import { BillingSubscription } from '../subscriptions/entities/subscription.entity.ts';
import { ENTITLED_STATUSES } from '../stripe/sync.ts';
import { Checkout, type CheckoutKind } from './entities/checkout.entity.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An open session is handed out again only while it has this long left (Stripe's sessions last 24 h). */
const REUSE_MARGIN_MS = 10 * 60_000;

interface Purchase {
  kind: CheckoutKind;
  purchaseKey: string;
  campaignId: string | null;
  selection: SubscriptionSelection | null;
  priceBook: string;
  amountCents: number;
  currency: string;
}

/** Checkout Sessions for a campaign seat (one-time) and for plan subscriptions, and Customer Portal sessions. */
export function createCheckoutService(services: BillingServices) {
  const { books, deps, now } = services;
  const logger = deps.logger;

  /**
   * Finds an open checkout for the same purchase at the same price, or records a new one, under a per-purchase lock:
   * a double click gets the same session, and a retry after a failure re-sends the same Idempotency-Key.
   */
  async function openCheckout(em: EntityManager, userId: string, purchase: Purchase, create: (checkout: Checkout, customer: string) => Promise<Stripe.Checkout.Session>) {
    const stripe = requireStripe(services.stripe);
    const checkout = await em.fork().transactional(async (tx) => {
      await lockKey(tx, `purchase:${userId}:${purchase.purchaseKey}`);
      const open = await tx.findOne(Checkout, { userId, purchaseKey: purchase.purchaseKey, status: 'OPEN' }, { orderBy: { createdAt: 'desc' } });
      const samePrice = open && open.priceBook === purchase.priceBook && open.amountCents === purchase.amountCents;
      if (open && samePrice && (!open.expiresAt || open.expiresAt.getTime() - now().getTime() > REUSE_MARGIN_MS)) return open;
      if (open) open.status = 'EXPIRED';
      return tx.create(Checkout, {
        id: Bun.randomUUIDv7(),
        userId,
        kind: purchase.kind,
        campaignId: purchase.campaignId,
        selection: purchase.selection,
        purchaseKey: purchase.purchaseKey,
        priceBook: purchase.priceBook,
        amountCents: purchase.amountCents,
        currency: purchase.currency,
        sessionId: null,
        url: null,
        status: 'OPEN',
        expiresAt: null,
        createdAt: now(),
      });
    });
    if (checkout.sessionId && checkout.url) return checkout;
    const customer = await ensureCustomer(em, stripe, logger, userId);
    const session = await create(checkout, customer);
    checkout.sessionId = session.id;
    checkout.url = session.url;
    checkout.expiresAt = new Date(session.expires_at * 1000);
    await em.fork().nativeUpdate(Checkout, { id: checkout.id }, { sessionId: session.id, url: session.url, expiresAt: checkout.expiresAt });
    return checkout;
  }

  const urls = {
    success: `${services.webAppUrl}/billing/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel: (path: string) => `${services.webAppUrl}${path}`,
  };

  return {
    /** A Checkout Session for one seat of a campaign, priced from the price book in effect now. */
    async seat(em: EntityManager, principal: Principal, rawCampaignId: unknown): Promise<Checkout> {
      const stripe = requireStripe(services.stripe);
      if (typeof rawCampaignId !== 'string' || !UUID.test(rawCampaignId)) throw new InputError('campaignId must be a campaign id', 'campaignId');
      const campaignId = rawCampaignId.toLowerCase();
      const facts = await em.findOne(CampaignFacts, { campaignId });
      if (!facts) throw new NotFoundError('No such campaign (or billing has not heard of it yet)');
      if (facts.playHoursPerWeek == null) {
        throw new AppError(ErrorCode.PRICE_UNAVAILABLE, 'This campaign cannot be priced yet: its schedule has not reached billing', 409);
      }
      const paid = await em.count(Payment, { userId: principal.userId, campaignId, kind: 'SEAT', status: 'SUCCEEDED', seatReleasedAt: null });
      if (paid > 0) throw new AppError(ErrorCode.ALREADY_PAID, 'You already paid for a seat in this campaign', 409);
      const book = books.at(now());
      const price = priceCampaign({ lengthWeeks: facts.lengthWeeks, playHoursPerWeek: facts.playHoursPerWeek, llmTier: facts.llmTier, players: facts.maxPlayers }, book);
      const purchase: Purchase = {
        kind: 'SEAT',
        purchaseKey: `seat:${campaignId}`,
        campaignId,
        selection: null,
        priceBook: book.id,
        amountCents: price.perPlayerCents,
        currency: price.currency,
      };
      return openCheckout(em, principal.userId, purchase, (checkout, customer) => {
        const metadata = { checkoutId: checkout.id, kind: 'SEAT', userId: principal.userId, campaignId, priceBook: book.id };
        const description = `Seat in campaign ${campaignId} (${facts.lengthWeeks} weeks, ${facts.playHoursPerWeek} h/week, ${facts.llmTier}, up to ${facts.maxPlayers} players)`;
        return callStripe(logger, 'checkout.sessions.create', () =>
          stripe.checkout.sessions.create(
            {
              mode: 'payment',
              customer,
              client_reference_id: checkout.id,
              line_items: [
                {
                  quantity: 1,
                  price_data: {
                    currency: price.currency.toLowerCase(),
                    unit_amount: price.perPlayerCents,
                    product_data: { name: 'Campaign seat', description, metadata: { campaignId, priceBook: book.id } },
                  },
                },
              ],
              metadata,
              payment_intent_data: { metadata, description },
              success_url: urls.success,
              cancel_url: urls.cancel(`/campaigns/${campaignId}?checkout=cancelled`),
            },
            { idempotencyKey: idempotencyKey('checkout', checkout.id) },
          ),
        );
      });
    },

    /** A Checkout Session for a plan subscription (with add-ons), priced from the price book in effect now. */
    async subscription(em: EntityManager, principal: Principal, input: { plan: unknown; interval: unknown; addOns?: unknown }): Promise<Checkout> {
      const stripe = requireStripe(services.stripe);
      const selection = validateSelection(input);
      const current = await em.count(BillingSubscription, { userId: principal.userId, kind: 'PLAN', status: { $in: [...ENTITLED_STATUSES, 'unpaid', 'paused'] } });
      if (current > 0) throw new AppError(ErrorCode.ALREADY_SUBSCRIBED, 'You already have a plan: change it instead', 409);
      const book = books.at(now());
      const quote = priceSubscription(selection, book);
      const catalog = services.catalog!;
      const prices = await catalog.subscriptionPrices(book, selection.plan, selection.interval, selection.addOns);
      const purchase: Purchase = {
        kind: 'SUBSCRIPTION',
        purchaseKey: `plan:${selection.plan}:${selection.interval}:${selection.addOns.join('+')}`,
        campaignId: null,
        selection,
        priceBook: book.id,
        amountCents: quote.amountCents,
        currency: quote.currency,
      };
      return openCheckout(em, principal.userId, purchase, (checkout, customer) => {
        const subscriptionMetadata = {
          userId: principal.userId,
          kind: 'PLAN',
          plan: selection.plan,
          interval: selection.interval,
          addOns: selection.addOns.join(','),
          priceBook: book.id,
        };
        return callStripe(logger, 'checkout.sessions.create', () =>
          stripe.checkout.sessions.create(
            {
              mode: 'subscription',
              customer,
              client_reference_id: checkout.id,
              line_items: prices.map((price) => ({ price, quantity: 1 })),
              metadata: { ...subscriptionMetadata, checkoutId: checkout.id, kind: 'SUBSCRIPTION' },
              subscription_data: { metadata: subscriptionMetadata },
              success_url: urls.success,
              cancel_url: urls.cancel('/billing?checkout=cancelled'),
            },
            { idempotencyKey: idempotencyKey('checkout', checkout.id) },
          ),
        );
      });
    },

    /** A Customer Portal session (cards, invoices, cancellation). One per user and minute: a retry gets the same. */
    async portal(em: EntityManager, principal: Principal): Promise<{ url: string; returnUrl: string }> {
      const stripe = requireStripe(services.stripe);
      const customer = await ensureCustomer(em, stripe, logger, principal.userId);
      const returnUrl = `${services.webAppUrl}/billing`;
      const minute = Math.floor(toUnix(now()) / 60);
      const session = await callStripe(logger, 'billingPortal.sessions.create', () =>
        stripe.billingPortal.sessions.create({ customer, return_url: returnUrl }, { idempotencyKey: idempotencyKey('portal', principal.userId, minute) }),
      );
      return { url: session.url, returnUrl };
    },
  };
}
export type CheckoutService = ReturnType<typeof createCheckoutService>;
