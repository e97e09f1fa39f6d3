import { createOrm, createRetentionRunner, processedEventRetention, type Logger, type Orm, type RetentionRule, type RetentionRunner } from '@startales/kit';
import type { loadConfig } from './config.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';

type Config = ReturnType<typeof loadConfig>;

/**
 * What llm-router ages out (limits from `RETENTION_USER_DAYS` / `RETENTION_LOG_DAYS`).
 *
 * The call ledger is a financial record (what each call cost, under which price table, billed to whom): user data,
 * 7 years, like billing's books. Revoked virtual keys stay as long (the ledger attributes calls to their ids).
 * Consumer dedupe records are logs (90 days). Budgets are configuration and calls in flight are transient: neither
 * ages.
 */
export const retentionRules: RetentionRule[] = [
  processedEventRetention,
  { name: 'ledger', category: 'user', table: 'ledger_entry', column: 'started_at' },
  { name: 'virtual-keys-revoked', category: 'user', table: 'virtual_key', column: 'revoked_at' },
];

/** The runner of llm-router's rules with the configured limits (what kit's bootSubgraph builds for a subgraph). */
export function createLlmRouterRetention(options: { orm: Orm; config: Config; logger: Logger; clock?: () => Date }): RetentionRunner {
  const { config } = options;
  return createRetentionRunner({
    orm: options.orm,
    schema: 'llm_router',
    rules: retentionRules,
    policy: { userDays: config.RETENTION_USER_DAYS, campaignDays: config.RETENTION_CAMPAIGN_DAYS, logDays: config.RETENTION_LOG_DAYS },
    batchSize: config.RETENTION_BATCH_SIZE,
    clock: options.clock,
    logger: options.logger,
  });
}

/** `RETENTION_ONLY=true` (the retention CronJob): runs the rules once; resolves to the exit code (1 if a rule failed). */
export async function runRetentionOnce(config: Config, logger: Logger): Promise<number> {
  const orm = await createOrm({ url: config.DATABASE_URL, schema: 'llm_router', entities, migrations, poolMax: 2, logger, migrate: config.DATABASE_MIGRATE });
  try {
    const results = await createLlmRouterRetention({ orm, config, logger }).run();
    return results.some((r) => r.error) ? 1 : 0;
  } finally {
    await orm.close();
  }
}

/** In-process retention every `RETENTION_INTERVAL_HOURS` (0: never, the CronJob does it); `stop()` on shutdown. */
export function scheduleRetention(orm: Orm, config: Config, logger: Logger): RetentionRunner {
  const runner = createLlmRouterRetention({ orm, config, logger });
  if (config.RETENTION_INTERVAL_HOURS) runner.schedule(config.RETENTION_INTERVAL_HOURS * 3_600_000);
  return runner;
}
