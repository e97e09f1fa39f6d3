import type Stripe from 'stripe';
import type { GdprHandlers, SubgraphDeps } from '@startales/kit';
import type { PriceBooks } from './modules/pricing/price-books.ts';
import type { Catalog } from './modules/stripe/catalog.ts';
import type { StripeSync } from './modules/stripe/sync.ts';

/** Dependencies of the billing subgraph (built in main.ts or by a test). */
export interface BillingDeps extends SubgraphDeps {
  /** The Stripe client; absent or null: every Stripe feature answers PAYMENTS_UNAVAILABLE. */
  stripe?: Stripe | null;
  /** Signing secret of `/webhooks/stripe`; absent: the endpoint answers 503 PAYMENTS_UNAVAILABLE. */
  webhookSecret?: string | null;
  /** Price books in effect (default: the committed ones). */
  priceBooks?: PriceBooks;
  /** Where Checkout and the portal send the player back (default http://127.0.0.1:5173). */
  webAppUrl?: string;
  /** Reports pending usage charges to Stripe now (main.ts starts it). */
  usageReporter?: { kick(): void };
  /** The clock (tests pin it). */
  now?: () => Date;
}

/** What every billing module receives: the deps and the shared Stripe-side services. */
export interface BillingServices {
  deps: BillingDeps;
  books: PriceBooks;
  /** Null when Stripe is not configured. */
  stripe: Stripe | null;
  catalog: Catalog | null;
  sync: StripeSync | null;
  webAppUrl: string;
  now: () => Date;
}

/**
 * A feature of the billing subgraph: its SDL (`modules/<name>/schema.graphql`: composition reads the same files), its
 * entities, its resolvers, and what it exports and erases for GDPR.
 */
export interface BillingModule {
  name: string;
  typeDefs?: string;
  entities?: unknown[];
  createResolvers?: (services: BillingServices) => Record<string, unknown>;
  gdpr?: GdprHandlers;
}
