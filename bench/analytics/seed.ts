/**
 * Seeds LLM usage straight into the fact table with `generate_series` (no NATS, no per-event statements), then builds
 * every rollup from the facts with the same grouping the consumer maintains incrementally (the users' cost windows from
 * the per-user daily rollup with `USER_WINDOW_BUILD_SQL`).
 *
 * Shape, deterministic from the row number: `days` days from `start`; 10,000 campaigns, each playing one weekday a week
 * (≈1,430 campaigns a day) with 5 players (50,000 users); 95% of calls are campaign calls — narration (75%) on the
 * campaign's main model, npc (20%) on its second, generation (5%) — and 5% are moderation calls on those players'
 * messages, made outside any campaign.
 * Tiers: PREMIUM (OpenAI / Anthropic), STANDARD (Google / xAI), ECONOMY (Ollama); 1% of calls fail. Costs are integer
 * micro-dollars from per-million-token prices (cached input at a tenth). Ids are UUID strings, as in production.
 */
import type { EntityManager } from '@startales/kit';
import { LLM_ROLLUPS, FIGURES, USER_WINDOW_BUILD_SQL } from '../../subgraphs/analytics/src/facts/usage.ts';

const MODELS = `(values
  (0, 'openai', 'openai/gpt-4o', 'PREMIUM', 2500000, 10000000),
  (1, 'anthropic', 'anthropic/claude-sonnet-4', 'PREMIUM', 3000000, 15000000),
  (2, 'google', 'google/gemini-2.0-flash', 'STANDARD', 100000, 400000),
  (3, 'xai', 'xai/grok-3-mini', 'STANDARD', 300000, 500000),
  (4, 'ollama', 'ollama/llama3.1:8b', 'ECONOMY', 20000, 20000),
  (5, 'ollama', 'ollama/mistral:7b', 'ECONOMY', 20000, 20000),
  (6, 'openai', 'openai/gpt-4o-mini', 'STANDARD', 150000, 600000)
) as m(k, provider, model, tier, pin, pout)`;

export const CAMPAIGNS = 10_000;
export const uuidOf = (prefix: 'c' | 'u', n: number) => {
  const hex = new Bun.CryptoHasher('md5').update(`${prefix}${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Facts `lo..hi` (0-based) of `n`, spread over `days` days from `start`. */
export function factsSql(lo: number, hi: number, n: number, days: number, start: string): string {
  return `insert into analytics.llm_usage_fact (call_id, occurred_at, event_id, provider, model, tier, purpose, status, user_id, campaign_id,
      cost_micros, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, images, duration_ms, price_version)
    select 'bench-' || i, '${start}T00:00:00Z'::timestamptz + make_interval(days => d::int, secs => (g % 86400)::int), md5('e' || i)::uuid,
      m.provider, m.model, m.tier, purpose, case when h % 100 = 7 then 'error' else 'ok' end,
      md5('u' || (c * 5 + g % 5))::uuid::text,
      case when moderation then '' else md5('c' || c)::uuid::text end,
      ((input - cached) * m.pin + cached * m.pin / 10 + (output + reasoning) * m.pout) / 1000000,
      input, cached, 0, output, reasoning, 0, 300 + (g % 5000)::int, 'bench-2026'
    from (
      select i, d, h, g, moderation, c, input, cached, output,
             case when k < 2 and h % 10 = 0 then 200 else 0 end as reasoning, k,
             case when moderation then 'moderation' when g % 100 < 75 then 'narration' when g % 100 < 95 then 'npc' else 'generation' end as purpose
      from (
        select i, d, h, g, moderation, c, 500 + g % 3500 as input, case when h % 3 = 0 then (500 + g % 3500) / 2 else 0 end as cached, 50 + h % 750 as output,
               case when moderation then 6 else (c % 3) * 2 + ((c / 3) % 2 + (case when g % 100 between 75 and 94 then 1 else 0 end)) % 2 end as k
        from (
          select i, d, h, g, h % 20 = 0 as moderation, (d + 6) % 7 + 7 * ((h / 20) % ${Math.floor(CAMPAIGNS / 7)}) as c
          from (
            select i, (i * ${days}::bigint) / ${n} as d, mod(i * 2654435761, 4294967296) as h, mod(mod(i * 2654435761, 4294967296) * 40503 + 12345, 4294967296) as g
            from generate_series(${lo}::bigint, ${hi}::bigint) i
          ) a
        ) b
      ) x
    ) y join ${MODELS} on m.k = y.k`;
}

/**
 * Every LLM rollup and the campaigns' lifetime cost, grouped from the facts (what the consumer keeps incrementally),
 * written in time order as the consumer writes them (rows of a day are created as that day's calls arrive).
 */
export async function buildRollups(em: EntityManager, log: (...a: unknown[]) => void): Promise<void> {
  const SUM: Record<string, string> = {
    calls: 'count(*)',
    errors: `count(*) filter (where status <> 'ok')`,
    ...Object.fromEntries(FIGURES.filter((f) => f !== 'calls' && f !== 'errors').map((f) => [f, `sum(${f})`])),
  };
  for (const { table, keys, figures } of LLM_ROLLUPS) {
    const t0 = performance.now();
    const select = keys.map((k) => (k === 'day' ? `(occurred_at at time zone 'utc')::date` : k === 'month' ? `date_trunc('month', occurred_at at time zone 'utc')::date` : k));
    await em.execute(
      `insert into analytics.${table} (${[...keys, ...figures].join(', ')}) select ${[...select, ...figures.map((f) => SUM[f])].join(', ')}
         from analytics.llm_usage_fact group by ${select.map((_, i) => i + 1).join(', ')} order by ${select.map((_, i) => i + 1).join(', ')}`,
    );
    const rows = ((await em.execute(`select count(*)::int as n from analytics.${table}`)) as Array<{ n: number }>)[0]!.n;
    log(`  ${table}: ${rows.toLocaleString('en-US')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const t0 = performance.now();
  await em.execute(USER_WINDOW_BUILD_SQL);
  const windows = ((await em.execute(`select count(*)::int as n from analytics.llm_cost_user_window`)) as Array<{ n: number }>)[0]!.n;
  log(`  llm_cost_user_window: ${windows.toLocaleString('en-US')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await em.execute(
    `insert into analytics.campaign_finance (campaign_id, llm_cost_micros, llm_calls) select campaign_id, sum(cost_micros), count(*) from analytics.llm_usage_fact where campaign_id <> '' group by campaign_id`,
  );
  // some revenue so margins are meaningful: each campaign's five seats at USD 25
  await em.execute(`update analytics.campaign_finance set revenue_cents = 12500`);
}
