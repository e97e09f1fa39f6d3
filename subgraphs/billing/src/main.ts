import { bootSubgraph, startGdprConsumer } from '@startales/kit';
import { loadConfig } from './config.ts';
import { createApp, createBillingServices } from './app.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { retentionRules } from './retention.ts';
import { createBillingGdpr } from './gdpr.ts';
import { createStripeClient } from './modules/stripe/client.ts';
import { startUsageReporter } from './modules/usage/reporter.ts';
import { startUsageConsumer } from './consumers/usage.consumer.ts';
import { startCampaignsConsumer } from './consumers/campaigns.consumer.ts';
import { startCampaignRefundsConsumer } from './consumers/campaign-refunds.consumer.ts';

const config = loadConfig();
const stripe = config.STRIPE_SECRET_KEY
  ? createStripeClient({
      secretKey: config.STRIPE_SECRET_KEY,
      ...config.STRIPE_API_URL,
      timeoutMs: config.STRIPE_TIMEOUT_MS,
      maxNetworkRetries: config.STRIPE_MAX_NETWORK_RETRIES,
    })
  : null;

await bootSubgraph({
  name: 'billing',
  config,
  entities,
  migrations,
  retention: retentionRules,
  extra: async (base) => {
    if (!stripe) base.logger.warn('STRIPE_SECRET_KEY not set: checkout, refunds and subscriptions answer PAYMENTS_UNAVAILABLE');
    if (!config.STRIPE_WEBHOOK_SECRET) base.logger.warn('STRIPE_WEBHOOK_SECRET not set: /webhooks/stripe answers 503');
    const partial = { ...base, stripe, webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? null, webAppUrl: config.WEB_APP_URL };
    const services = createBillingServices(partial);
    const usageReporter =
      stripe && services.catalog && services.sync
        ? startUsageReporter({ orm: base.orm, stripe, catalog: services.catalog, sync: services.sync, books: services.books, logger: base.logger, intervalMs: config.USAGE_REPORT_INTERVAL_MS })
        : undefined;
    return {
      ...partial,
      services,
      usageReporter,
      usage: await startUsageConsumer({ ...base, books: services.books, afterCommit: () => usageReporter?.kick() }),
      campaigns: await startCampaignsConsumer(base),
      campaignRefunds: await startCampaignRefundsConsumer({ ...base, stripe, sync: services.sync, afterCommit: base.outbox.kick }),
      gdpr: await startGdprConsumer({ service: 'billing', ...base, handlers: createBillingGdpr({ stripe, logger: base.logger }) }),
    };
  },
  createApp: (deps) => createApp(deps, deps.services),
  beforeClose: (deps) => [
    { name: 'usage consumer', run: () => deps.usage.stop() },
    { name: 'campaigns consumer', run: () => deps.campaigns.stop() },
    { name: 'campaign refunds consumer', run: () => deps.campaignRefunds.stop() },
    { name: 'gdpr consumer', run: () => deps.gdpr.stop() },
    { name: 'usage reporter', run: () => deps.usageReporter?.stop() },
  ],
});
