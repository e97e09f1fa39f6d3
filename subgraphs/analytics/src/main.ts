import { bootSubgraph, startGdprConsumer } from '@startales/kit';
import { analyticsGdpr } from './gdpr.ts';
import { loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { retentionRules } from './retention.ts';
import { startDomainFactsConsumer } from './consumers/domain-facts.consumer.ts';
import { startGameFactsConsumer } from './consumers/game-facts.consumer.ts';
import { startUsageFactsConsumer } from './consumers/usage-facts.consumer.ts';
import { startPartitionMaintainer } from './facts/partitions.ts';

await bootSubgraph({
  name: 'analytics',
  config: loadConfig(),
  entities,
  migrations,
  retention: retentionRules,
  extra: async (base) => {
    // partitions first (on start, then daily), so the consumers' first facts land in their month
    const partitions = startPartitionMaintainer({ orm: base.orm, logger: base.logger });
    await partitions.runOnce().catch((error) => base.logger.error('partition maintenance failed', { error }));
    return {
      partitions,
      domainFacts: await startDomainFactsConsumer(base),
      gameFacts: await startGameFactsConsumer(base),
      usageFacts: await startUsageFactsConsumer(base),
      gdpr: await startGdprConsumer({ service: 'analytics', ...base, handlers: analyticsGdpr }),
    };
  },
  createApp,
  beforeClose: (deps) => [
    { name: 'partition maintenance', run: () => deps.partitions.stop() },
    { name: 'domain-facts consumer', run: () => deps.domainFacts.stop() },
    { name: 'game-facts consumer', run: () => deps.gameFacts.stop() },
    { name: 'usage-facts consumer', run: () => deps.usageFacts.stop() },
    { name: 'gdpr consumer', run: () => deps.gdpr.stop() },
  ],
});
