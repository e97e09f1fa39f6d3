import type { EntityManager } from '@startales/kit';
import { FIGURES, windowCostThrough } from '../../facts/usage.ts';
import { all, int, one } from '../../facts/sql.ts';
import { addDays, daysBetween, daysInMonth, monthStart } from '../../facts/time.ts';
import { bp } from '../common/input.ts';
import { COLUMN, chooseRollup, rangeParts, readsUserWindows, rowsAreGroups, userWindowParts, type LlmCostDimension, type LlmCostFilter } from './source.ts';

export interface LlmUsageFigures {
  calls: number;
  errors: number;
  costMicros: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  images: number;
}

const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const SUMS = FIGURES.map((f) => `coalesce(sum(${f}), 0)::text as ${f}`).join(', ');

function figures(row: Record<string, unknown>): LlmUsageFigures {
  return Object.fromEntries(FIGURES.map((f) => [camel(f), int(row[f])])) as unknown as LlmUsageFigures;
}

/** `and col in (?, …)` / `and col = ?` conditions of a filter, with their parameters. */
function filterSql(filter: LlmCostFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const list = (col: string, values?: string[] | null) => {
    if (!values?.length) return;
    parts.push(`${col} in (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  list('provider', filter.providers);
  list('model', filter.models);
  list('tier', filter.tiers);
  list('purpose', filter.purposes);
  if (filter.campaignId) {
    parts.push('campaign_id = ?');
    params.push(filter.campaignId);
  }
  if (filter.userId) {
    parts.push('user_id = ?');
    params.push(filter.userId);
  }
  return { sql: parts.map((p) => ` and ${p}`).join(''), params };
}

/**
 * Ranking reads the smallest rollup whose keys cover the grouped and filtered dimensions (user rollups are narrow:
 * calls and cost); figures read the smallest one that also carries every token count.
 */
function rollupFor(groupBy: readonly LlmCostDimension[], filter: LlmCostFilter, use: 'rank' | 'figures') {
  const rollup = chooseRollup(groupBy, filter);
  return use === 'figures' && rollup === 'user' ? 'full' : rollup;
}

/** The rows of `[from, to]` that match, as a `union all` of range parts (whole months, then days). */
function baseRelation(
  groupBy: readonly LlmCostDimension[],
  filter: LlmCostFilter,
  from: string,
  to: string,
  use: 'rank' | 'figures',
  extra?: { sql: string; params: unknown[] },
) {
  const rollup = rollupFor(groupBy, filter, use);
  const keys = [...new Set(groupBy.map((d) => COLUMN[d]))];
  if (use === 'rank' && readsUserWindows(rollup, from, to, groupBy.includes('DAY'))) return userWindowRelation(filter, from, to);
  const columns = [...keys, ...(use === 'rank' ? ['cost_micros'] : FIGURES)].join(', ');
  const f = filterSql(filter);
  const params: unknown[] = [];
  const parts = rangeParts(rollup, from, to, groupBy.includes('DAY'));
  const sql = parts
    .map((p) => {
      params.push(p.from, p.to, ...f.params, ...(extra?.params ?? []));
      return `select ${columns} from analytics.${p.table} where ${p.column} between ?::date and ?::date${f.sql}${extra?.sql ?? ''}`;
    })
    .join(' union all ');
  return { sql, params, rollup, grouped: rowsAreGroups(parts, rollup, keys.filter((k) => k !== 'day')) };
}

/**
 * Users and their cost over `[from, to]` from the cost windows: per window, the running cost at the range's last day
 * less the one before its first, for the users with a call in between — one row per user for a range inside one
 * window; longer ranges full-join the windows on the user (cheaper than grouping their rows).
 */
function userWindowRelation(filter: LlmCostFilter, from: string, to: string) {
  const f = filterSql(filter);
  const params: unknown[] = [];
  const parts = userWindowParts(from, to).map((p) => {
    params.push(p.hi, p.lo - 1, p.month, p.lo, p.hi - p.lo + 1, ...f.params);
    return `select user_id, ${windowCostThrough('?::int')} - ${windowCostThrough('?::int')} as cost_micros from analytics.llm_cost_user_window
      where month = ?::date and bit_count(substring(active_days from ?::int for ?::int)) > 0${f.sql}`;
  });
  if (parts.length === 1) return { sql: parts[0]!, params, rollup: 'user' as const, grouped: true };
  const user = (n: number) => `coalesce(${Array.from({ length: n }, (_, i) => `p${i}.user_id`).join(', ')})`;
  const joined = parts.map((sql, i) => (i === 0 ? `(${sql}) p0` : `full join (${sql}) p${i} on p${i}.user_id = ${i === 1 ? 'p0.user_id' : user(i)}`)).join(' ');
  const cost = parts.map((_, i) => `coalesce(p${i}.cost_micros, 0)`).join(' + ');
  return { sql: `select ${user(parts.length)} as user_id, ${cost} as cost_micros from ${joined}`, params, rollup: 'user' as const, grouped: true };
}

/**
 * Runs `fn` in a read-only transaction tuned for ranking thousands of groups: room to hash them in memory; page costs
 * of a cached SSD-backed database, so day ranges use the rollups' (day, …) keys instead of scanning every day; and no
 * parallel workers, whose plans the planner picks for `union all` ranges on its default guess of 200 groups (tens of
 * thousands of users make that a sort-and-merge several times slower than one hash aggregate).
 */
function tuned<T>(em: EntityManager, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
  return em.fork().transactional(
    async (tx) => {
      await tx.execute(`set local work_mem = '32MB'; set local random_page_cost = 1.1; set local max_parallel_workers_per_gather = 0`);
      return fn(tx);
    },
    { readOnly: true },
  );
}

export interface LlmCostQuery {
  from: string;
  to: string;
  groupBy: LlmCostDimension[];
  filter: LlmCostFilter;
  orderBy: 'COST_DESC' | 'KEY_ASC';
  limit: number;
  offset: number;
}

export interface LlmCostRowData {
  day: string | null;
  provider: string | null;
  model: string | null;
  tier: string | null;
  purpose: string | null;
  campaignId: string | null;
  userId: string | null;
  usage: LlmUsageFigures;
}

const toRow = (r: Record<string, unknown>): LlmCostRowData => ({
  day: (r.day as string | undefined) ?? null,
  provider: (r.provider as string | undefined) ?? null,
  model: (r.model as string | undefined) ?? null,
  tier: (r.tier as string | undefined) ?? null,
  purpose: (r.purpose as string | undefined) ?? null,
  campaignId: typeof r.campaign_id === 'string' && r.campaign_id !== '' ? r.campaign_id : null,
  userId: (r.user_id as string | undefined) ?? null,
  usage: figures(r),
});

const keySelect = (k: string) => (k === 'day' ? `to_char(day, 'YYYY-MM-DD') as day` : k);

/**
 * One page of the breakdown, in two steps: rank every group by cost alone (one narrow aggregate), then add up every
 * figure for the page's groups only (index lookups by their keys). Resolves to `limit + 1` rows at most.
 */
export async function llmCostPage(em: EntityManager, q: LlmCostQuery): Promise<LlmCostRowData[]> {
  const keys = [...new Set(q.groupBy.map((d) => COLUMN[d]))];
  if (!keys.length) return q.offset > 0 ? [] : [{ ...toRow({}), usage: await llmCostTotals(em, q) }];
  const base = baseRelation(q.groupBy, q.filter, q.from, q.to, 'rank');
  // byte order for text keys: cheaper than a linguistic collation, and a stable tie-break
  const byKey = keys.map((k) => (k === 'day' ? k : `${k} collate "C"`));
  const order = (q.orderBy === 'KEY_ASC' ? byKey : ['sum(cost_micros) desc', ...byKey]).join(', ');
  // one month of users or campaigns is already a row per group: rank the rows themselves
  const rank = base.grouped
    ? `select ${keys.join(', ')} from (${base.sql}) b order by ${order.replace('sum(cost_micros)', 'cost_micros')} limit ? offset ?`
    : `select ${keys.join(', ')} from (${base.sql}) b group by ${keys.join(', ')} order by ${order} limit ? offset ?`;
  const ranked = await tuned(em, (tx) => all<Record<string, string>>(tx, rank, [...base.params, q.limit + 1, q.offset]));
  if (!ranked.length) return [];
  // the page's groups, then every figure of just those groups
  const tuple = keys.length === 1 ? keys[0]! : `(${keys.join(', ')})`;
  const placeholders = keys.map((k) => (k === 'day' ? '?::date' : '?'));
  const value = keys.length === 1 ? placeholders[0]! : `(${placeholders.join(', ')})`;
  const match = { sql: ` and ${tuple} in (${ranked.map(() => value).join(', ')})`, params: ranked.flatMap((r) => keys.map((k) => r[k])) };
  const detail = baseRelation(q.groupBy, q.filter, q.from, q.to, 'figures', match);
  const rows = await tuned(em, (tx) => all<Record<string, unknown>>(tx, `select ${keys.map(keySelect).join(', ')}, ${SUMS} from (${detail.sql}) b group by ${keys.join(', ')}`, detail.params));
  const id = (r: Record<string, unknown>) => keys.map((k) => String(r[k])).join('\u0000');
  const found = new Map(rows.map((r) => [id(r), r]));
  return ranked.map((r) => toRow(found.get(id(r))!));
}

/** Every call of the range that matches the filter, from the smallest rollup that covers the filter alone. */
export async function llmCostTotals(em: EntityManager, q: Pick<LlmCostQuery, 'from' | 'to' | 'filter'>): Promise<LlmUsageFigures> {
  const base = baseRelation([], q.filter, q.from, q.to, 'figures');
  return tuned(em, async (tx) => figures((await one<Record<string, unknown>>(tx, `select ${SUMS} from (${base.sql}) b`, base.params))!));
}

/** How many groups the whole breakdown has. */
export async function llmCostGroupCount(em: EntityManager, q: Pick<LlmCostQuery, 'from' | 'to' | 'filter' | 'groupBy'>): Promise<number> {
  const keys = [...new Set(q.groupBy.map((d) => COLUMN[d]))];
  if (!keys.length) return 1;
  const base = baseRelation(q.groupBy, q.filter, q.from, q.to, 'rank');
  const sql = base.grouped ? `select count(*)::int as n from (${base.sql}) b` : `select count(*)::int as n from (select 1 from (${base.sql}) b group by ${keys.join(', ')}) g`;
  return tuned(em, async (tx) => (await one<{ n: number }>(tx, sql, base.params))!.n);
}

/** Fits y = a + b·x by ordinary least squares (x, y as given); a flat line through a single point. */
export function leastSquares(points: ReadonlyArray<readonly [number, number]>): { a: number; b: number } {
  const n = points.length;
  if (n === 0) return { a: 0, b: 0 };
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  if (sxx === 0) return { a: my, b: 0 };
  const b = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
  return { a: my - b * mx, b };
}

export const FORECAST_METHOD = 'ols-14d: least-squares line through the daily spend of the last 14 complete days (zero-spend days included), projected over the remaining days (floored at 0) and added to month-to-date spend';
const TREND_DAYS = 14;

/** Month-end spend forecast (see FORECAST_METHOD); reads the small model × day rollup only. */
export async function llmSpendForecast(em: EntityManager, asOf: string, filter: LlmCostFilter) {
  const month = monthStart(addDays(asOf, 1));
  const total = daysInMonth(month);
  const monthEnd = addDays(month, total - 1);
  const f = filterSql({ ...filter, campaignId: null, userId: null });
  const firstDay = (await one<{ day: string | null }>(em, `select to_char(min(day), 'YYYY-MM-DD') as day from analytics.llm_cost_model_daily where true${f.sql}`, f.params))?.day ?? null;
  const windowStart = addDays(asOf, -(TREND_DAYS - 1));
  const historyFrom = firstDay && firstDay > windowStart ? firstDay : windowStart;
  const daily = await all<{ day: string; cost: string }>(
    em,
    `select to_char(day, 'YYYY-MM-DD') as day, sum(cost_micros)::text as cost from analytics.llm_cost_model_daily
      where day between ?::date and ?::date${f.sql} group by day`,
    [historyFrom < month ? historyFrom : month, asOf, ...f.params],
  );
  const byDay = new Map(daily.map((r) => [r.day, int(r.cost)]));
  let actual = 0;
  for (const [day, cost] of byDay) if (day >= month && day <= asOf) actual += cost;
  const points: Array<[number, number]> = [];
  if (firstDay && firstDay <= asOf) {
    for (let d = historyFrom; d <= asOf; d = addDays(d, 1)) points.push([daysBetween(month, d), byDay.get(d) ?? 0]);
  }
  const { a, b } = leastSquares(points);
  let projected = 0;
  if (points.length) for (let d = addDays(asOf, 1); d <= monthEnd; d = addDays(d, 1)) projected += Math.max(0, a + b * daysBetween(month, d));
  const remaining = Math.round(projected);
  return {
    month: month.slice(0, 7),
    asOf,
    daysElapsed: Math.max(0, daysBetween(month, asOf) + 1),
    daysInMonth: total,
    actualMicros: actual,
    projectedRemainingMicros: remaining,
    forecastMicros: actual + remaining,
    trendDays: points.length,
    slopeMicrosPerDay: Math.round(b),
    method: FORECAST_METHOD,
  };
}

export type CampaignMarginOrder = 'LLM_COST_DESC' | 'REVENUE_DESC' | 'MARGIN_ASC';

const MARGIN_ORDER: Record<CampaignMarginOrder, string> = {
  LLM_COST_DESC: 'llm_cost_micros desc, campaign_id',
  REVENUE_DESC: '(revenue_cents - refund_cents) desc, campaign_id',
  MARGIN_ASC: `((revenue_cents - refund_cents) * 10000 - llm_cost_micros)::numeric / nullif((revenue_cents - refund_cents) * 10000, 0) asc nulls first, campaign_id`,
};

/** Lifetime revenue against LLM cost per campaign (1 cent = 10,000 micro-dollars). */
export async function campaignMargins(em: EntityManager, q: { campaignIds?: string[] | null; orderBy: CampaignMarginOrder; limit: number; offset: number }) {
  const where = q.campaignIds?.length ? `where campaign_id in (${q.campaignIds.map(() => '?').join(', ')})` : '';
  const rows = await all<Record<string, string>>(
    em,
    `select campaign_id, revenue_cents::text, refund_cents::text, llm_cost_micros::text, llm_calls::text,
            count(*) over ()::int as total_count, sum(revenue_cents) over ()::text as t_revenue, sum(refund_cents) over ()::text as t_refund,
            sum(llm_cost_micros) over ()::text as t_cost
       from analytics.campaign_finance ${where} order by ${MARGIN_ORDER[q.orderBy]} limit ? offset ?`,
    [...(q.campaignIds ?? []), q.limit + 1, q.offset],
  );
  let totals = { revenue: 0, refund: 0, cost: 0, count: 0 };
  if (rows.length) totals = { revenue: int(rows[0]!.t_revenue), refund: int(rows[0]!.t_refund), cost: int(rows[0]!.t_cost), count: int(rows[0]!.total_count) };
  else {
    const t = (await one<Record<string, string>>(
      em,
      `select count(*)::int as n, coalesce(sum(revenue_cents), 0)::text as r, coalesce(sum(refund_cents), 0)::text as f, coalesce(sum(llm_cost_micros), 0)::text as c from analytics.campaign_finance ${where}`,
      q.campaignIds ?? [],
    ))!;
    totals = { revenue: int(t.r), refund: int(t.f), cost: int(t.c), count: int(t.n) };
  }
  const margin = (revenue: number, refund: number, cost: number) => {
    const net = revenue - refund;
    return { netRevenueCents: net, grossMarginMicros: net * 10_000 - cost, grossMarginBp: net > 0 ? bp(net * 10_000 - cost, net * 10_000) : null };
  };
  return {
    totalCount: totals.count,
    totals: { revenueCents: totals.revenue, refundCents: totals.refund, llmCostMicros: totals.cost, ...margin(totals.revenue, totals.refund, totals.cost) },
    rows: rows.map((r) => {
      const revenue = int(r.revenue_cents);
      const refund = int(r.refund_cents);
      const cost = int(r.llm_cost_micros);
      return { campaignId: r.campaign_id!, revenueCents: revenue, refundCents: refund, llmCostMicros: cost, llmCalls: int(r.llm_calls), ...margin(revenue, refund, cost) };
    }),
  };
}
