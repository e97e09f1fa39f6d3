import type { Orm, EntityManager } from './db.ts';
import type { Logger } from './logger.ts';
import { metrics } from './metrics.ts';

/**
 * Data retention. Each service registers the rules for the data it owns; a rule names a category whose age limit
 * comes from configuration (the seed: user data 7 years, campaign data 2 years, logs 90 days). In Kubernetes a
 * CronJob runs every subgraph with `RETENTION_ONLY=true` (rules run once, then the process exits); elsewhere
 * `RETENTION_INTERVAL_HOURS` runs them in-process.
 */

/** What kind of data a rule ages out. */
export type RetentionCategory = 'user' | 'campaign' | 'log';

/** Age limits in days per category. */
export interface RetentionPolicy {
  userDays: number;
  campaignDays: number;
  logDays: number;
}

/** The seed's limits: user data 7 years (2557 days), campaign data 2 years, logs 90 days. */
export const DEFAULT_RETENTION: RetentionPolicy = { userDays: 2557, campaignDays: 730, logDays: 90 };

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * One retention rule: either a table and the timestamp column that ages its rows (rows older than the cutoff are
 * deleted in batches, optionally only those matching `where`), or `run` for anything else (anonymising instead of
 * deleting, several tables in order...).
 */
export type RetentionRule =
  | {
      name: string;
      category: RetentionCategory;
      /** Table in the service's own schema. */
      table: string;
      /** A timestamp column; rows where it is older than the cutoff go. */
      column: string;
      /** An extra SQL condition written by the service (never user input), e.g. `status in ('ENDED','CANCELLED')`. */
      where?: string;
    }
  | {
      name: string;
      category: RetentionCategory;
      /** Removes or anonymises what is older than `cutoff`; returns the rows affected. Runs in its own transaction. */
      run: (em: EntityManager, cutoff: Date) => Promise<number>;
    };

/**
 * The rule for the kit's `processed_event` table, which every service with durable consumers has: the dedupe records
 * only need to outlive a redelivery (JetStream redelivers an unacknowledged message after the 30 s ack wait; its
 * duplicate window is 2 minutes), so they age out with the logs (90 days). An event replayed from the stream after
 * that (a durable consumer deleted and re-created from the start) is applied again: services whose effects are not
 * idempotent by their own keys must not be replayed from before the cutoff.
 */
export const processedEventRetention: RetentionRule = { name: 'processed-events', category: 'log', table: 'processed_event', column: 'processed_at' };

export interface RetentionResult {
  rule: string;
  category: RetentionCategory;
  cutoff: Date;
  affected: number;
  error?: string;
}

export interface RetentionRunnerOptions {
  orm: Orm;
  /** The service's schema (its tables live there). */
  schema: string;
  rules: RetentionRule[];
  policy?: Partial<RetentionPolicy>;
  /** Rows per delete statement (default 1000). */
  batchSize?: number;
  /** The current time (tests move it). */
  clock?: () => Date;
  logger: Logger;
}

export interface RetentionRunner {
  /** Runs every rule once; a failing rule is logged and reported, the others still run. */
  run(): Promise<RetentionResult[]>;
  /** Runs every `intervalMs` until `stop()` (first run after one interval). */
  schedule(intervalMs: number): void;
  stop(): Promise<void>;
}

const affectedRows = metrics.counter('retention_rows_total', 'Rows deleted or anonymised by retention rules, by rule and category.', ['rule', 'category']);
const failures = metrics.counter('retention_failures_total', 'Retention rule runs that failed, by rule.', ['rule']);
const lastRun = metrics.gauge('retention_last_run_timestamp_seconds', 'When the retention rules last finished (unix seconds).');

const DAY_MS = 86_400_000;

/** The cutoff of a category: now minus its limit. */
export function retentionCutoff(category: RetentionCategory, now: Date, policy: Partial<RetentionPolicy> = {}): Date {
  // unset (undefined) limits keep the seed's
  const p = { ...DEFAULT_RETENTION, ...Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined)) } as RetentionPolicy;
  const days = category === 'user' ? p.userDays : category === 'campaign' ? p.campaignDays : p.logDays;
  return new Date(now.getTime() - days * DAY_MS);
}

/** Builds the runner for one service's rules; validates table and column names eagerly. */
export function createRetentionRunner(options: RetentionRunnerOptions): RetentionRunner {
  const { orm, schema, logger } = options;
  if (!IDENT.test(schema)) throw new Error(`schema must match ${IDENT}: "${schema}"`);
  for (const rule of options.rules) {
    if ('table' in rule && (!IDENT.test(rule.table) || !IDENT.test(rule.column))) {
      throw new Error(`retention rule ${rule.name}: table and column must match ${IDENT}`);
    }
  }
  const batch = options.batchSize ?? 1000;
  const clock = options.clock ?? (() => new Date());
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<RetentionResult[]> | undefined;

  const deleteOlder = async (rule: Extract<RetentionRule, { table: string }>, cutoff: Date): Promise<number> => {
    const table = `"${schema}"."${rule.table}"`;
    const extra = rule.where ? ` and (${rule.where})` : '';
    // batches by ctid keep each statement (and its locks) short on big tables
    const sql = `delete from ${table} where ctid = any(array(select ctid from ${table} where "${rule.column}" < ?${extra} limit ${batch}))`;
    let total = 0;
    for (;;) {
      const res = (await orm.em.getConnection().execute(sql, [cutoff], 'run')) as { affectedRows?: number };
      const n = res.affectedRows ?? 0;
      total += n;
      if (n < batch) return total;
    }
  };

  const runOnce = async (): Promise<RetentionResult[]> => {
    const now = clock();
    const results: RetentionResult[] = [];
    for (const rule of options.rules) {
      const cutoff = retentionCutoff(rule.category, now, options.policy);
      try {
        const affected = 'table' in rule ? await deleteOlder(rule, cutoff) : await orm.em.fork().transactional((em) => rule.run(em, cutoff));
        affectedRows.inc({ rule: rule.name, category: rule.category }, affected);
        results.push({ rule: rule.name, category: rule.category, cutoff, affected });
        if (affected) logger.info('retention applied', { rule: rule.name, category: rule.category, cutoff: cutoff.toISOString(), affected });
      } catch (error) {
        failures.inc({ rule: rule.name });
        logger.error('retention rule failed', { rule: rule.name, error });
        results.push({ rule: rule.name, category: rule.category, cutoff, affected: 0, error: String((error as Error)?.message ?? error) });
      }
    }
    lastRun.set(undefined, Date.now() / 1000);
    return results;
  };

  const run = () => {
    running ??= runOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    run,
    schedule(intervalMs) {
      if (timer) clearInterval(timer);
      timer = setInterval(() => void run().catch(() => {}), intervalMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => {});
    },
  };
}
