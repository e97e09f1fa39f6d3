import { parse } from 'graphql';
import { createSubgraphApp, mergeResolvers } from '@startales/kit';
import type { BillingDeps, BillingServices } from './deps.ts';
import { modules } from './modules/index.ts';
import { createPriceBooks } from './modules/pricing/price-books.ts';
import { createCatalog } from './modules/stripe/catalog.ts';
import { createStripeSync } from './modules/stripe/sync.ts';
import { createWebhookHandler } from './modules/webhooks/handler.ts';
import { stripeWebhooks } from './modules/webhooks/route.ts';
import { createResolvers } from './resolvers/index.ts';
import baseTypeDefs from './schema.graphql' with { type: 'text' };

export type { BillingDeps } from './deps.ts';

/** The subgraph SDL: the base schema plus every module's (the same files composition reads). */
export const typeDefs = parse([baseTypeDefs, ...modules.map((m) => m.typeDefs ?? '')].join('\n'));

/** The shared services every module gets; main.ts builds them once too (the usage reporter needs the same ones). */
export function createBillingServices(deps: BillingDeps): BillingServices {
  const now = deps.now ?? (() => new Date());
  const stripe = deps.stripe ?? null;
  const catalog = stripe ? createCatalog({ stripe, orm: deps.orm, logger: deps.logger }) : null;
  return {
    deps,
    books: deps.priceBooks ?? createPriceBooks(),
    stripe,
    catalog,
    sync: stripe && catalog ? createStripeSync({ stripe, catalog, logger: deps.logger, now }) : null,
    webAppUrl: (deps.webAppUrl ?? 'http://127.0.0.1:5173').replace(/\/+$/, ''),
    now,
  };
}

/**
 * The billing subgraph: prices and price books, Stripe checkout, payments, refunds, subscriptions, invoices, usage
 * charges and finance figures, plus `POST /webhooks/stripe`. Reads no env, opens no socket.
 */
export function createApp(deps: BillingDeps, services: BillingServices = createBillingServices(deps)) {
  const resolvers = mergeResolvers(createResolvers(services), ...modules.map((m) => m.createResolvers?.(services) ?? {}));
  const { app, yoga, state } = createSubgraphApp({ name: 'billing', typeDefs, resolvers, deps });
  const handle = createWebhookHandler({
    orm: deps.orm,
    stripe: services.stripe,
    sync: services.sync,
    webhookSecret: deps.webhookSecret ?? null,
    logger: deps.logger,
    afterCommit: () => {
      deps.outbox.kick();
      deps.usageReporter?.kick();
    },
  });
  return { app: app.use(stripeWebhooks({ handle, logger: deps.logger })), yoga, state, services };
}
