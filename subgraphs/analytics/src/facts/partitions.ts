import type { EntityManager, Logger, Orm } from '@startales/kit';
import { PARTITIONED_FACT_TABLES, type PartitionedFactTable } from '../entities/index.ts';
import { one, run } from './sql.ts';
import { addMonths, monthStart, utcDay } from './time.ts';

const partitionName = (table: string, month: string) => `${table}_p${month.slice(0, 4)}${month.slice(5, 7)}`;

/**
 * Gives `month` (YYYY-MM-01) its own partition of `table`. Facts of that month already sitting in the DEFAULT
 * partition (a late or historical event) move into it first, since PostgreSQL refuses a new range that the default
 * partition still holds rows of. Serialised across processes by an advisory lock. Resolves to whether it created one.
 */
export async function ensureMonthPartition(em: EntityManager, table: PartitionedFactTable, month: string): Promise<boolean> {
  const name = partitionName(table, month);
  const from = `${month}T00:00:00Z`;
  const to = `${addMonths(month, 1)}T00:00:00Z`;
  return em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', ['analytics:partitions']);
    const exists = await one(tx, `select 1 as x from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'analytics' and c.relname = ?`, [name]);
    if (exists) return false;
    await run(tx, `lock table analytics.${table}_default in access exclusive mode`);
    await run(tx, `create table analytics.${name} (like analytics.${table} including defaults including constraints)`);
    const range = `occurred_at >= '${from}'::timestamptz and occurred_at < '${to}'::timestamptz`;
    await run(tx, `insert into analytics.${name} select * from analytics.${table}_default where ${range}`);
    await run(tx, `delete from analytics.${table}_default where ${range}`);
    await run(tx, `alter table analytics.${table} attach partition analytics.${name} for values from ('${from}') to ('${to}')`);
    return true;
  });
}

/** Partitions for every fact table and every month from `from` to `to` (days, inclusive). */
export async function ensurePartitionsBetween(em: EntityManager, from: string, to: string): Promise<number> {
  let created = 0;
  for (let m = monthStart(from); m <= monthStart(to); m = addMonths(m, 1)) {
    for (const table of PARTITIONED_FACT_TABLES) if (await ensureMonthPartition(em, table, m)) created++;
  }
  return created;
}

export interface PartitionMaintainer {
  /** Creates the current month's and the next `monthsAhead` months' partitions (idempotent). */
  runOnce(): Promise<number>;
  stop(): void;
}

/** Keeps monthly partitions ahead of time every `intervalMs` (default daily); call `runOnce()` on start. */
export function startPartitionMaintainer(options: { orm: Orm; logger: Logger; monthsAhead?: number; intervalMs?: number; now?: () => Date }): PartitionMaintainer {
  const ahead = options.monthsAhead ?? 3;
  const now = options.now ?? (() => new Date());
  const runOnce = async () => {
    const today = utcDay(now());
    const created = await ensurePartitionsBetween(options.orm.em.fork(), today, addMonths(monthStart(today), ahead));
    if (created) options.logger.info('fact partitions created', { created });
    return created;
  };
  const tick = () => runOnce().catch((error) => options.logger.error('partition maintenance failed', { error }));
  const timer = setInterval(tick, options.intervalMs ?? 86_400_000);
  return {
    runOnce,
    stop: () => clearInterval(timer),
  };
}
