import type { EventEnvelope, LlmUsageData } from '@startales/contracts';
import type { EntityManager } from '@startales/kit';
import { one } from './sql.ts';
import { isoOrUndefined } from './time.ts';

/** The additive columns every LLM cost rollup carries. */
export const FIGURES = ['calls', 'errors', 'cost_micros', 'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens', 'images'] as const;
const MODEL_KEYS = ['provider', 'model', 'tier', 'purpose'];

/** The narrow user rollups carry what ranking users by spend needs. */
export const USER_FIGURES = ['calls', 'cost_micros'] as const;

/** Rollups fed from each new usage fact: name, key columns (a `month` key is the first day of the fact's month), figures. */
export const LLM_ROLLUPS: ReadonlyArray<{ table: string; keys: readonly string[]; figures: readonly string[] }> = [
  { table: 'llm_cost_daily', keys: ['day', ...MODEL_KEYS, 'campaign_id', 'user_id'], figures: FIGURES },
  { table: 'llm_cost_model_daily', keys: ['day', ...MODEL_KEYS], figures: FIGURES },
  { table: 'llm_cost_campaign_daily', keys: ['day', 'campaign_id'], figures: FIGURES },
  { table: 'llm_cost_campaign_monthly', keys: ['month', 'campaign_id'], figures: FIGURES },
  { table: 'llm_cost_campaign_model_daily', keys: ['day', 'campaign_id', ...MODEL_KEYS], figures: FIGURES },
  { table: 'llm_cost_user_daily', keys: ['day', 'user_id'], figures: USER_FIGURES },
  { table: 'llm_cost_user_monthly', keys: ['month', 'user_id'], figures: USER_FIGURES },
];

/** Months in a user's cost window (`llm_cost_user_window`): a window starts on the first day of its `month`. */
export const USER_WINDOW_MONTHS = 3;

/**
 * SQL for a window's running cost through its day `day` (1-based; 0 or a day before the first call gives 0): the
 * running cost at the last active day up to it, which is element number "active days up to `day`" of `running_costs`.
 */
export const windowCostThrough = (day: string, bits = 'active_days', costs = 'running_costs') =>
  `coalesce(${costs}[bit_count(substring(${bits} from 1 for ${day}))::int], 0)`;

/**
 * Adds a window (`excluded`: one call's, or several users' merged) to the stored one: active days OR, and the running
 * cost at every day active in either is the sum of both windows' running costs through that day.
 */
const ADD_TO_WINDOW = `on conflict (month, user_id) do update set active_days = llm_cost_user_window.active_days | excluded.active_days,
    running_costs = array(select ${windowCostThrough('i', 'llm_cost_user_window.active_days', 'llm_cost_user_window.running_costs')} + ${windowCostThrough('i', 'excluded.active_days', 'excluded.running_costs')}
      from generate_series(1, length(excluded.active_days)) i where get_bit(llm_cost_user_window.active_days | excluded.active_days, i - 1) = 1 order by i)`;

/**
 * A call adds to the windows holding its day (those starting in its month and the two before, oldest first so rows
 * lock in one order): a window of one active day (the call's) whose running cost is the call's cost, added to the
 * stored one. Only from what the fact insert returned, like every rollup.
 */
const USER_WINDOW_SQL = `, uw as (
  insert into analytics.llm_cost_user_window (month, user_id, active_days, running_costs)
  select month, user_id, set_bit(repeat('0', len)::varbit, idx - 1, 1), array[cost_micros]
    from (select w.month, f.user_id, f.cost_micros, f.day - w.month + 1 as idx, (w.month + interval '${USER_WINDOW_MONTHS} months')::date - w.month as len
            from f cross join lateral (select (f.month - make_interval(months => k))::date as month from generate_series(${USER_WINDOW_MONTHS - 1}, 0, -1) k) w) x
   order by month
  ${ADD_TO_WINDOW})`;

/**
 * For retention: moves the cost windows that end before `cutoffDay` (`YYYY-MM-DD`) onto `anonymousUser`, adding them
 * up day by day (running costs add, active days OR), so every total over users stays and only who spent it is
 * forgotten — what retention does to the other per-user cost rollups. Resolves to the rows moved.
 */
export async function anonymiseUserCostWindows(em: EntityManager, cutoffDay: string, anonymousUser: string): Promise<number> {
  const row = await one<{ n: number }>(
    em,
    `with moved as (
       delete from analytics.llm_cost_user_window where month <= ?::date - interval '${USER_WINDOW_MONTHS} months' and user_id <> ? returning month, active_days, running_costs
     ), bits as (
       select month, bit_or(active_days) as bits from moved group by month
     ), cells as (
       select m.month, s.i, sum(${windowCostThrough('s.i', 'm.active_days', 'm.running_costs')})::bigint as v
         from moved m cross join generate_series(1, length(m.active_days)) s(i) group by 1, 2
     ), merged as (
       insert into analytics.llm_cost_user_window (month, user_id, active_days, running_costs)
       select b.month, ?, b.bits, array(select c.v from cells c where c.month = b.month and get_bit(b.bits, c.i - 1) = 1 order by c.i) from bits b
       ${ADD_TO_WINDOW}
     )
     select count(*)::int as n from moved`,
    [cutoffDay, anonymousUser, anonymousUser],
  );
  return row?.n ?? 0;
}

/**
 * Every user's windows rebuilt from `llm_cost_user_daily` into an empty `llm_cost_user_window` (what the consumer
 * keeps incrementally; the benchmark's seed runs it).
 */
export const USER_WINDOW_BUILD_SQL = `insert into analytics.llm_cost_user_window (month, user_id, active_days, running_costs)
  select w.month, w.user_id, a.bits::varbit, a.costs
    from (select distinct (date_trunc('month', day) - make_interval(months => k))::date as month, user_id
            from analytics.llm_cost_user_daily cross join generate_series(0, ${USER_WINDOW_MONTHS - 1}) k) w
    cross join lateral (
      select string_agg(x.bit, '' order by x.i) as bits, array_agg(x.cost order by x.i) filter (where x.bit = '1') as costs
        from (select s.i, case when d.day is null then '0' else '1' end as bit, sum(coalesce(d.cost_micros, 0)) over (order by s.i) as cost
                from generate_series(1, (w.month + interval '${USER_WINDOW_MONTHS} months')::date - w.month) s(i)
                left join (select u.day, u.cost_micros from analytics.llm_cost_user_daily u
                            where u.user_id = w.user_id and u.day >= w.month and u.day < (w.month + interval '${USER_WINDOW_MONTHS} months')::date) d
                  on d.day = w.month + s.i - 1) x
    ) a
   order by 1, 2`;

const add = (table: string, figures: readonly string[]) => figures.map((f) => `${f} = ${table}.${f} + excluded.${f}`).join(', ');

/**
 * One statement: insert the fact (nothing when its call is already known) and, from what the insert returned, add
 * it to every rollup and to the campaign's lifetime cost. A duplicate therefore changes no figure, whichever
 * consumer or replay delivers it.
 */
const APPLY_USAGE_SQL = `with f as (
  insert into analytics.llm_usage_fact (call_id, occurred_at, event_id, provider, model, tier, purpose, status, user_id, campaign_id,
    cost_micros, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, images, duration_ms, price_version)
  values (?, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (call_id, occurred_at) do nothing
  returning (occurred_at at time zone 'utc')::date as day, date_trunc('month', occurred_at at time zone 'utc')::date as month,
    provider, model, tier, purpose, campaign_id, user_id, 1::bigint as calls, (status <> 'ok')::int::bigint as errors, cost_micros,
    input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, images::bigint as images
)${LLM_ROLLUPS.map(
  ({ table, keys, figures }, i) => `, r${i} as (
  insert into analytics.${table} (${[...keys, ...figures].join(', ')}) select ${[...keys, ...figures].join(', ')} from f
  on conflict (${keys.join(', ')}) do update set ${add(table, figures)})`,
).join('')}${USER_WINDOW_SQL}, c as (
  insert into analytics.campaign_finance (campaign_id, llm_cost_micros, llm_calls) select campaign_id, cost_micros, 1 from f where campaign_id <> ''
  on conflict (campaign_id) do update set llm_cost_micros = campaign_finance.llm_cost_micros + excluded.llm_cost_micros, llm_calls = campaign_finance.llm_calls + 1)
select count(*)::int as inserted from f`;

/** Thrown for a usage event that can never be applied (it is logged and dropped, not retried forever). */
export class InvalidUsageEventError extends Error {
  override readonly name = 'InvalidUsageEventError';
}

const count = (v: unknown, field: string): number => {
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new InvalidUsageEventError(`${field} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return v;
};
const text = (v: unknown, field: string, max: number, fallback?: string): string => {
  if (typeof v === 'string' && v.length > 0) return v.slice(0, max);
  if (fallback !== undefined) return fallback;
  throw new InvalidUsageEventError(`${field} is required`);
};

/** `llm.usage.<provider>` → one usage fact and its rollups. Resolves to whether the call was new. */
export async function applyUsageEvent(em: EntityManager, event: EventEnvelope): Promise<boolean> {
  const d = (event.data ?? {}) as Partial<LlmUsageData>;
  const startedAt = isoOrUndefined(d.startedAt) ?? isoOrUndefined(event.occurredAt);
  if (!startedAt) throw new InvalidUsageEventError('startedAt is not an instant');
  const costMicros = d.costMicros;
  if (typeof costMicros !== 'number' || !Number.isSafeInteger(costMicros)) throw new InvalidUsageEventError(`costMicros must be an integer, got ${JSON.stringify(costMicros)}`);
  const row = await one<{ inserted: number }>(em, APPLY_USAGE_SQL, [
    text(d.callId, 'callId', 100, event.id),
    startedAt,
    event.id,
    text(d.provider, 'provider', 32),
    text(d.model, 'model', 200),
    text(d.tier, 'tier', 32, 'UNKNOWN'),
    text(d.purpose, 'purpose', 32, 'unknown'),
    text(d.status, 'status', 16, 'ok'),
    text(d.userId, 'userId', 64),
    typeof d.campaignId === 'string' ? d.campaignId.slice(0, 64) : '',
    costMicros,
    count(d.inputTokens, 'inputTokens'),
    count(d.cachedInputTokens, 'cachedInputTokens'),
    count(d.cacheWriteTokens, 'cacheWriteTokens'),
    count(d.outputTokens, 'outputTokens'),
    count(d.reasoningTokens, 'reasoningTokens'),
    count(d.images, 'images'),
    Math.min(count(d.durationMs, 'durationMs'), 2_147_483_647),
    text(d.priceVersion, 'priceVersion', 64, ''),
  ]);
  return (row?.inserted ?? 0) > 0;
}
