import { bootSubgraph, startGdprConsumer } from '@startales/kit';
import { analyticsGdpr } from './gdpr.ts';
import { loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { startDomainFactsConsumer } from './consumers/domain-facts.consumer.ts';

await bootSubgraph({
  name: 'analytics',
  config: loadConfig(),
  entities,
  migrations,
  extra: async (base) => ({
    domainFacts: await startDomainFactsConsumer(base),
    gdpr: await startGdprConsumer({ service: 'analytics', ...base, handlers: analyticsGdpr }),
  }),
  createApp,
  beforeClose: (deps) => [
    { name: 'domain-facts consumer', run: () => deps.domainFacts.stop() },
    { name: 'gdpr consumer', run: () => deps.gdpr.stop() },
  ],
});
