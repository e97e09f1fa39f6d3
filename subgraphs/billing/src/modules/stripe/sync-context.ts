import type Stripe from 'stripe';
import type { EntityManager, Logger } from '@startales/kit';
import { BillingCustomer } from '../customers/entities/customer.entity.ts';
import type { Catalog, PriceMeaning } from './catalog.ts';
import { parseLookupKey } from './catalog.ts';
import { callStripe } from './errors.ts';

/** Who billing's domain events come from. */
export const ACTOR = 'service:billing';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A metadata value when it is a UUID (ours), else null. */
export const uuidOrNull = (v: unknown) => (typeof v === 'string' && UUID.test(v) ? v : null);
/** Statuses in which a subscription entitles its holder (and counts towards MRR). */
export const ENTITLED_STATUSES = ['active', 'trialing', 'past_due'] as const;

/** What every part of the Stripe sync shares: the client, the catalog, the clock and two look-ups. */
export interface SyncContext {
  stripe: Stripe;
  catalog: Catalog;
  logger: Logger;
  now: () => Date;
  call: <T>(what: string, fn: () => Promise<T>) => Promise<T>;
  userOfCustomer(tx: EntityManager, customerId: string | null): Promise<string | null>;
  meaningOfPrice(price: Stripe.Price | string | null | undefined): Promise<PriceMeaning | null>;
}

export function createSyncContext(options: { stripe: Stripe; catalog: Catalog; logger: Logger; now?: () => Date }): SyncContext {
  const { catalog, logger } = options;
  return {
    stripe: options.stripe,
    catalog,
    logger,
    now: options.now ?? (() => new Date()),
    call: (what, fn) => callStripe(logger, what, fn),
    async userOfCustomer(tx, customerId) {
      if (!customerId) return null;
      return (await tx.findOne(BillingCustomer, { stripeCustomerId: customerId }))?.userId ?? null;
    },
    async meaningOfPrice(price) {
      if (!price) return null;
      if (typeof price !== 'string') return parseLookupKey(price.lookup_key) ?? (await catalog.meaningOf(price.id));
      return catalog.meaningOf(price);
    },
  };
}
