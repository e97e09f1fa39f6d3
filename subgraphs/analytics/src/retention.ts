import { processedEventRetention, type EntityManager, type RetentionCategory, type RetentionRule } from '@startales/kit';
import { PARTITIONED_FACT_TABLES, type PartitionedFactTable } from './entities/index.ts';
import { anonymiseUserCostWindows, LLM_ROLLUPS } from './facts/usage.ts';
import { all, one, run } from './facts/sql.ts';

/** How long each fact table keeps its rows: the game's events are campaign data, the rest user and money data. */
export const FACT_RETENTION: Record<PartitionedFactTable, RetentionCategory> = {
  game_event_fact: 'campaign',
  domain_event_fact: 'user',
  llm_usage_fact: 'user',
  revenue_fact: 'user',
  subscription_fact: 'user',
};

/** The user id old per-user cost rows are merged into (the same mark erasure leaves on facts). */
export const ANONYMOUS_USER = 'erased';

/** The UTC day of `cutoff` as `YYYY-MM-DD`: rows of whole days (weeks, months) ending on or before it have aged out. */
const cutoffDay = (cutoff: Date) => cutoff.toISOString().slice(0, 10);

/**
 * Drops the monthly partitions of `table` that lie wholly before the cutoff (a month goes once its last instant is
 * older than the limit), then deletes older rows from its DEFAULT partition (late or historical events land there).
 * Takes the partition maintainer's advisory lock, so it never races a partition being created.
 */
async function dropOldFacts(em: EntityManager, table: PartitionedFactTable, cutoff: Date): Promise<number> {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', ['analytics:partitions']);
  const partitions = await all<{ name: string }>(
    em,
    `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
       join pg_namespace n on n.oid = p.relnamespace where n.nspname = 'analytics' and p.relname = ?`,
    [table],
  );
  const monthly = new RegExp(`^${table}_p(\\d{4})(\\d{2})$`);
  let total = 0;
  for (const { name } of partitions) {
    const m = monthly.exec(name);
    // Date.UTC takes a 0-based month: the partition's 1-based month number gives the first day of the next month
    if (!m || Date.UTC(Number(m[1]), Number(m[2]), 1) > cutoff.getTime()) continue;
    total += (await one<{ n: number }>(em, `select count(*)::int as n from analytics.${name}`))?.n ?? 0;
    await run(em, `drop table analytics.${name}`);
  }
  return total + (await run(em, `delete from analytics.${table}_default where occurred_at < ?`, [cutoff]));
}

/**
 * Moves the per-user LLM cost rows of whole periods before the cutoff onto {@link ANONYMOUS_USER}, adding them up:
 * every total (by day, model, campaign, and the sum over users) stays the same; only who spent it is forgotten.
 */
async function anonymiseUserCosts(em: EntityManager, rollup: (typeof LLM_ROLLUPS)[number], cutoff: Date): Promise<number> {
  const { table, keys, figures } = rollup;
  // whole periods ending on or before the cutoff's day (written so the key's index serves the range)
  const before = keys[0] === 'month' ? `month <= ?::date - interval '1 month'` : `day < ?::date`;
  const others = keys.filter((k) => k !== 'user_id');
  const n = await one<{ n: number }>(
    em,
    `with moved as (
       delete from analytics.${table} where ${before} and user_id <> ? returning *
     ), merged as (
       insert into analytics.${table} (${[...keys, ...figures].join(', ')})
       select ${others.join(', ')}, ?, ${figures.map((f) => `sum(${f})`).join(', ')} from moved group by ${others.join(', ')}
       on conflict (${keys.join(', ')}) do update set ${figures.map((f) => `${f} = ${table}.${f} + excluded.${f}`).join(', ')}
     )
     select count(*)::int as n from moved`,
    [cutoffDay(cutoff), ANONYMOUS_USER, ANONYMOUS_USER],
  );
  return n?.n ?? 0;
}

const userCostRollups = LLM_ROLLUPS.filter((r) => r.keys.includes('user_id'));
if (userCostRollups.some((r) => r.keys.at(-1) !== 'user_id')) throw new Error('per-user LLM rollups must key on user_id last');

/**
 * What analytics ages out (limits from `RETENTION_USER_DAYS` / `RETENTION_CAMPAIGN_DAYS` / `RETENTION_LOG_DAYS`).
 *
 * - Facts (one row per event, with user ids): whole monthly partitions are dropped once past the limit of their
 *   table's category ({@link FACT_RETENTION}); the DEFAULT partitions lose their older rows.
 * - Per-user time series past the user-data limit: activity days and weeks, revenue per user and day, and funnel
 *   steps are deleted (they only feed figures about ranges that old); per-user LLM cost rows are anonymised instead,
 *   because the cost breakdowns add them up.
 * - Kept: every aggregate the business reads (daily and monthly totals, cohorts and retention cells, campaign and
 *   subscription dimensions, the per-campaign LLM cost rollups `llm_cost_campaign_daily/monthly/model_daily`, which
 *   hold no user, lifetime revenue per user): they hold opaque ids and figures only.
 *
 * Once a fact is gone, replaying its event from the stream (a new durable consumer from the start) would count it
 * again in the rollups: replays must start after the oldest fact kept.
 */
export const retentionRules: RetentionRule[] = [
  processedEventRetention,
  ...PARTITIONED_FACT_TABLES.map(
    (table): RetentionRule => ({ name: `${table.replaceAll('_', '-')}s`, category: FACT_RETENTION[table], run: (em, cutoff) => dropOldFacts(em, table, cutoff) }),
  ),
  { name: 'user-activity-days', category: 'user', run: (em, cutoff) => run(em, `delete from analytics.user_activity_day where day < ?::date`, [cutoffDay(cutoff)]) },
  { name: 'user-activity-weeks', category: 'user', run: (em, cutoff) => run(em, `delete from analytics.user_activity_week where week <= ?::date - 7`, [cutoffDay(cutoff)]) },
  { name: 'user-revenue-days', category: 'user', run: (em, cutoff) => run(em, `delete from analytics.user_revenue_day where day < ?::date`, [cutoffDay(cutoff)]) },
  { name: 'funnel-steps', category: 'user', table: 'funnel_step', column: 'occurred_at' },
  ...userCostRollups.map((r): RetentionRule => ({ name: `${r.table.replaceAll('_', '-')}-users`, category: 'user', run: (em, cutoff) => anonymiseUserCosts(em, r, cutoff) })),
  { name: 'llm-cost-user-windows', category: 'user', run: (em, cutoff) => anonymiseUserCostWindows(em, cutoffDay(cutoff), ANONYMOUS_USER) },
];
