import { bootSubgraph } from '@startales/kit';
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
  extra: async (base) => ({ domainFacts: await startDomainFactsConsumer(base) }),
  createApp,
  beforeClose: (deps) => [{ name: 'domain-facts consumer', run: () => deps.domainFacts.stop() }],
});
