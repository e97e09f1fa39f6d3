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
  { table: 'llm_cost_user_daily', keys: ['day', 'user_id'], figures: USER_FIGURES },
  { table: 'llm_cost_user_monthly', keys: ['month', 'user_id'], figures: USER_FIGURES },
];

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
).join('')}, c as (
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
