import { bootSubgraph, startGdprConsumer } from '@startales/kit';
import { loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { retentionRules } from './retention.ts';
import { moderationGdpr } from './gdpr.ts';
import { createLlmClassifier } from './modules/automation/classifier.ts';
import { startClassifierWorker } from './modules/automation/checker.ts';
import { startGameConsumer } from './modules/automation/game.consumer.ts';

const config = loadConfig();
const clock = () => new Date();

await bootSubgraph({
  name: 'moderation',
  config,
  entities,
  migrations,
  retention: retentionRules,
  extra: async (base) => {
    const gdpr = await startGdprConsumer({ service: 'moderation', ...base, handlers: moderationGdpr });
    let checks: ReturnType<typeof startClassifierWorker> | undefined;
    if (config.LLM_ROUTER_SERVICE_TOKEN) {
      const classifier = createLlmClassifier({
        url: config.LLM_ROUTER_URL,
        serviceToken: config.LLM_ROUTER_SERVICE_TOKEN,
        model: config.MODERATION_CLASSIFIER_MODEL,
        timeoutMs: config.MODERATION_CLASSIFIER_TIMEOUT_MS,
      });
      checks = startClassifierWorker({
        orm: base.orm,
        classifier,
        logger: base.logger,
        clock,
        afterCommit: base.outbox.kick,
        intervalMs: config.MODERATION_CLASSIFIER_INTERVAL_MS,
        concurrency: config.MODERATION_CLASSIFIER_CONCURRENCY,
      });
    } else {
      base.logger.warn('LLM_ROUTER_SERVICE_TOKEN not set: the LLM classifier is skipped (keyword/regex rules still run)');
    }
    const game = await startGameConsumer({
      ...base,
      clock,
      classify: checks !== undefined,
      afterCommit: () => {
        base.outbox.kick();
        checks?.kick();
      },
    });
    return { gdpr, game, checks, clock };
  },
  createApp,
  beforeClose: (deps) => [
    { name: 'game consumer', run: () => deps.game.stop() },
    { name: 'classifier worker', run: () => deps.checks?.stop() },
    { name: 'gdpr consumer', run: () => deps.gdpr.stop() },
  ],
});
