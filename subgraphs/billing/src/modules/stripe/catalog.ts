import type Stripe from 'stripe';
import { ADD_ON_CODES, BILLING_INTERVALS, PLAN_CODES, type AddOnCode, type BillingInterval, type PlanCode } from '@startales/contracts';
import type { Logger, Orm } from '@startales/kit';
import type { PriceBook } from '../pricing/pricing.ts';
import { CatalogEntry } from './entities/catalog-entry.entity.ts';
import { callStripe } from './errors.ts';
import { idempotencyKey } from './keys.ts';

/** The meter every LLM usage charge is reported to; its value is micro-dollars. */
export const USAGE_METER_EVENT_NAME = 'startales_llm_overage_micros';
/** Micro-dollars per billed cent on the metered price (Stripe divides the period's sum, rounding up). */
export const MICROS_PER_CENT = 10_000;

/** What a Stripe price of ours stands for, parsed from its lookup key. */
export type PriceMeaning =
  | { kind: 'PLAN'; priceBook: string; code: PlanCode; interval: BillingInterval }
  | { kind: 'ADD_ON'; priceBook: string; code: AddOnCode; interval: BillingInterval }
  | { kind: 'LLM_USAGE'; priceBook: string };

export const planLookupKey = (book: string, plan: PlanCode, interval: BillingInterval) => `${book}:plan:${plan}:${interval}`;
export const addOnLookupKey = (book: string, addOn: AddOnCode, interval: BillingInterval) => `${book}:addon:${addOn}:${interval}`;
export const usageLookupKey = (book: string) => `${book}:usage`;

/** Parses one of our lookup keys; null for anything else (a price made in the dashboard). */
export function parseLookupKey(key: string | null | undefined): PriceMeaning | null {
  if (!key) return null;
  const [book, kind, code, interval] = key.split(':');
  if (!book) return null;
  if (kind === 'usage' && code === undefined) return { kind: 'LLM_USAGE', priceBook: book };
  if (!BILLING_INTERVALS.includes(interval as BillingInterval)) return null;
  if (kind === 'plan' && PLAN_CODES.includes(code as PlanCode)) return { kind: 'PLAN', priceBook: book, code: code as PlanCode, interval: interval as BillingInterval };
  if (kind === 'addon' && ADD_ON_CODES.includes(code as AddOnCode)) return { kind: 'ADD_ON', priceBook: book, code: code as AddOnCode, interval: interval as BillingInterval };
  return null;
}

const PRODUCT_NAMES: Record<string, string> = {
  ADVENTURER: 'Startales Adventurer',
  HERO: 'Startales Hero',
  ADVANCED_AI: 'Advanced AI game masters',
  PRIORITY_SCHEDULING: 'Priority scheduling',
  LLM_USAGE: 'AI usage beyond your campaigns’ allowance',
};

/**
 * Maps price books onto Stripe products, prices and the usage meter, creating what is missing (found first by lookup
 * key, created with deterministic Idempotency-Keys) and remembering ids in `stripe_catalog` and in memory.
 */
export function createCatalog(options: { stripe: Stripe; orm: Orm; logger: Logger }) {
  const { stripe, orm, logger } = options;
  const cache = new Map<string, string>();
  const byId = new Map<string, string>();
  const inFlight = new Map<string, Promise<string>>();

  const remember = (key: string, id: string) => {
    cache.set(key, id);
    byId.set(id, key);
    return id;
  };

  async function ensure(key: string, create: () => Promise<string>): Promise<string> {
    const cached = cache.get(key);
    if (cached) return cached;
    const running = inFlight.get(key);
    if (running) return running;
    const p = (async () => {
      const em = orm.em.fork();
      const row = await em.findOne(CatalogEntry, { lookupKey: key });
      if (row) return remember(key, row.stripeId);
      const id = await create();
      await em.upsert(CatalogEntry, { lookupKey: key, stripeId: id, createdAt: new Date() }, { onConflictAction: 'ignore' });
      return remember(key, id);
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  }

  const product = (book: PriceBook, code: string) =>
    ensure(`${book.id}:product:${code}`, async () => {
      const created = await callStripe(logger, 'products.create', () =>
        stripe.products.create(
          { name: PRODUCT_NAMES[code] ?? code, metadata: { priceBook: book.id, code } },
          { idempotencyKey: idempotencyKey('product', book.id, code) },
        ),
      );
      return created.id;
    });

  /** A price found by lookup key, else created from `params`. */
  const price = (key: string, params: () => Promise<Stripe.PriceCreateParams>) =>
    ensure(key, async () => {
      const found = await callStripe(logger, 'prices.list', () => stripe.prices.list({ lookup_keys: [key], limit: 1 }));
      if (found.data[0]) return found.data[0].id;
      const created = await callStripe(logger, 'prices.create', async () =>
        stripe.prices.create({ ...(await params()), lookup_key: key }, { idempotencyKey: idempotencyKey('price', key) }),
      );
      return created.id;
    });

  const recurring = (interval: BillingInterval) => ({ interval: interval === 'MONTH' ? ('month' as const) : ('year' as const) });

  const meter = () =>
    ensure(`meter:${USAGE_METER_EVENT_NAME}`, async () => {
      for await (const m of stripe.billing.meters.list({ status: 'active', limit: 100 })) {
        if (m.event_name === USAGE_METER_EVENT_NAME) return m.id;
      }
      const created = await callStripe(logger, 'billing.meters.create', () =>
        stripe.billing.meters.create(
          {
            display_name: 'AI usage beyond campaign allowance (micro-USD)',
            event_name: USAGE_METER_EVENT_NAME,
            default_aggregation: { formula: 'sum' },
            customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
            value_settings: { event_payload_key: 'value' },
          },
          { idempotencyKey: idempotencyKey('meter', USAGE_METER_EVENT_NAME) },
        ),
      );
      return created.id;
    });

  return {
    /** Stripe price ids for a plan and its add-ons, in that order. */
    async subscriptionPrices(book: PriceBook, plan: PlanCode, interval: BillingInterval, addOns: readonly AddOnCode[]): Promise<string[]> {
      const planPrice = await price(planLookupKey(book.id, plan, interval), async () => ({
        currency: book.currency.toLowerCase(),
        unit_amount: book.plans[plan][interval],
        recurring: recurring(interval),
        product: await product(book, plan),
        metadata: { priceBook: book.id, kind: 'PLAN', code: plan, interval },
      }));
      const addOnPrices: string[] = [];
      for (const addOn of addOns) {
        addOnPrices.push(
          await price(addOnLookupKey(book.id, addOn, interval), async () => ({
            currency: book.currency.toLowerCase(),
            unit_amount: book.addOns[addOn][interval],
            recurring: recurring(interval),
            product: await product(book, addOn),
            metadata: { priceBook: book.id, kind: 'ADD_ON', code: addOn, interval },
          })),
        );
      }
      return [planPrice, ...addOnPrices];
    },

    /** The metered price (1 cent per 10,000 micro-dollars of the period's sum, rounded up) tied to the usage meter. */
    usagePrice(book: PriceBook): Promise<string> {
      return price(usageLookupKey(book.id), async () => ({
        currency: book.currency.toLowerCase(),
        unit_amount: 1,
        transform_quantity: { divide_by: MICROS_PER_CENT, round: 'up' },
        recurring: { interval: 'month', usage_type: 'metered', meter: await meter() },
        product: await product(book, 'LLM_USAGE'),
        metadata: { priceBook: book.id, kind: 'LLM_USAGE' },
      }));
    },

    /** The meter's event name, once the meter exists. */
    async meterEventName(): Promise<string> {
      await meter();
      return USAGE_METER_EVENT_NAME;
    },

    /** What one of our price ids stands for (from memory, else the catalog table); null when it is not ours. */
    async meaningOf(priceId: string): Promise<PriceMeaning | null> {
      const known = byId.get(priceId);
      if (known) return parseLookupKey(known);
      const row = await orm.em.fork().findOne(CatalogEntry, { stripeId: priceId });
      if (!row) return null;
      remember(row.lookupKey, row.stripeId);
      return parseLookupKey(row.lookupKey);
    },
  };
}
export type Catalog = ReturnType<typeof createCatalog>;
