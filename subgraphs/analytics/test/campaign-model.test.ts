/**
 * Breakdowns crossing campaign with model dimensions (provider, model, tier, purpose) read
 * `llm_cost_campaign_model_daily` instead of the finest rollup: every page must hold exactly what adding up the usage
 * facts gives — every figure, to the micro-dollar and token — in the same order (cost, then the grouped keys in byte
 * order; or the keys alone), with the same count; again after every call is delivered a second time. Calls arrive
 * shuffled, several players share a campaign, some calls are outside any campaign (moderation), some fail, a few are
 * negative corrections, and two campaigns spend identically so ties are broken by id. Last, the migration's backfill
 * rebuilds the table from the finest rollup exactly, and its `down` removes it.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { LLM_USAGE_EVENT, type EventEnvelope, type LlmPurpose, type LlmUsageData } from '@startales/contracts';
import type { MikroORM } from '@mikro-orm/postgresql';
import { startHarness, type Harness } from './harness.ts';
import { applyUsageEvents, prng, shuffle } from './random-usage.ts';
import { chooseRollup, type LlmCostDimension, type LlmCostFilter } from '../src/modules/llm-cost/source.ts';
import { addDays, daysBetween } from '../src/facts/time.ts';
import { Migration20261125164912_campaign_model_rollup as CampaignModelMigration } from '../migrations/Migration20261125164912_campaign_model_rollup.ts';

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
const FIRST = '2026-03-20';
const LAST = '2026-06-10';
const MODELS = [
  ['openai', 'openai/gpt-4o', 'PREMIUM'],
  ['anthropic', 'anthropic/claude-sonnet-4', 'PREMIUM'],
  ['google', 'google/gemini-2.0-flash', 'STANDARD'],
  ['openai', 'openai/gpt-4o-mini', 'STANDARD'],
  ['ollama', 'ollama/llama3.1:8b', 'ECONOMY'],
] as const;
const PURPOSES = ['narration', 'npc', 'generation'] as const satisfies readonly LlmPurpose[];
const CAMPAIGNS = Array.from({ length: 8 }, (_, i) => `0190dddd-0000-7000-8000-${String(i).padStart(12, '0')}`);
// campaigns 6 and 7 make the same calls (other players): equal figures in every group
const TWIN = CAMPAIGNS[6]!;
const OTHER_TWIN = CAMPAIGNS[7]!;
const player = (campaign: number, seat: number) => `0190eeee-0000-7000-8000-${String(campaign * 10 + seat).padStart(12, '0')}`;

function calls(): EventEnvelope[] {
  const rnd = prng(23);
  const span = daysBetween(FIRST, LAST);
  const out: EventEnvelope[] = [];
  let n = 0;
  const add = (campaign: number | null, userId: string, day: string, m: (typeof MODELS)[number], purpose: LlmPurpose, costMicros: number, hour: number, r: number) => {
    const startedAt = `${day}T${String(hour).padStart(2, '0')}:15:00.000Z`;
    const data: LlmUsageData = {
      callId: `cm-${n++}`, provider: m[0], model: m[1], tier: m[2], purpose, userId, campaignId: campaign === null ? null : CAMPAIGNS[campaign]!,
      costMicros, inputTokens: 100 + Math.floor(r * 900), cachedInputTokens: Math.floor(r * 50), cacheWriteTokens: Math.floor(r * 7), outputTokens: 10 + Math.floor(r * 90),
      reasoningTokens: m[2] === 'PREMIUM' ? Math.floor(r * 30) : 0, images: purpose === 'generation' ? 1 : 0, priceVersion: 't', status: r < 0.05 ? 'error' : 'ok', startedAt, durationMs: 400,
    };
    out.push({ id: Bun.randomUUIDv7(), type: LLM_USAGE_EVENT, occurredAt: startedAt, actor: 'service:llm-router', v: 1, data });
  };
  for (let i = 0; i < 700; i++) {
    const r = rnd();
    const c = Math.floor(rnd() * 6);
    const m = MODELS[(c + Math.floor(rnd() * 3)) % MODELS.length]!;
    const day = addDays(FIRST, Math.floor(rnd() * (span + 1)));
    // a few corrections below zero, some free (failed) calls
    const cost = r < 0.05 ? 0 : r > 0.98 ? -Math.floor(rnd() * 3_000) : Math.floor(rnd() * 80_000);
    add(c, player(c, Math.floor(rnd() * 4)), day, m, PURPOSES[Math.floor(rnd() * 3)]!, cost, Math.floor(rnd() * 24), r);
  }
  for (let i = 0; i < 60; i++) {
    const r = rnd();
    const m = MODELS[Math.floor(rnd() * MODELS.length)]!;
    const day = addDays(FIRST, Math.floor(rnd() * (span + 1)));
    const purpose = PURPOSES[Math.floor(rnd() * 3)]!;
    const cost = Math.floor(rnd() * 40_000);
    add(6, player(6, i % 3), day, m, purpose, cost, 10, r);
    add(7, player(7, i % 2), day, m, purpose, cost, 10, r);
  }
  // outside any campaign: moderation of players' messages
  for (let i = 0; i < 80; i++) {
    const r = rnd();
    add(null, player(Math.floor(rnd() * 6), 0), addDays(FIRST, Math.floor(rnd() * (span + 1))), MODELS[3]!, 'moderation', Math.floor(rnd() * 900), Math.floor(rnd() * 24), r);
  }
  // first and last instants of a day
  add(0, player(0, 1), '2026-04-30', MODELS[0]!, 'narration', 5_555, 23, 0.5);
  add(0, player(0, 1), '2026-05-01', MODELS[0]!, 'narration', 4_444, 0, 0.5);
  return shuffle(out, rnd);
}

let h: Harness;
const events = calls();

const applyAll = () => applyUsageEvents(h, events);

beforeAll(async () => {
  h = await startHarness();
  await h.stopConsumers();
  expect(await applyAll()).toBe(events.length);
}, 60_000);

afterAll(() => h?.cleanup(), 30_000);

const FIGURES = 'calls errors costMicros inputTokens cachedInputTokens cacheWriteTokens outputTokens reasoningTokens images';
const QUERY = `query ($input: LlmCostInput!) { analytics { llmCost(input: $input) {
  totalCount totals { ${FIGURES} } pageInfo { hasNextPage endCursor } edges { node { day provider model tier purpose campaignId userId usage { ${FIGURES} } } } } } }`;

type Row = Record<string, unknown>;

async function page(input: Record<string, unknown>) {
  const res = await h.gql(QUERY, { input });
  expect(res.errors).toBeUndefined();
  const r = res.data!.analytics.llmCost;
  return { totalCount: r.totalCount as number, totals: r.totals as Row, hasNextPage: r.pageInfo.hasNextPage as boolean, endCursor: r.pageInfo.endCursor as string, rows: r.edges.map((e: any) => e.node) as Row[] };
}

const FACT_COLUMN: Record<LlmCostDimension, string> = {
  DAY: `(occurred_at at time zone 'utc')::date`,
  PROVIDER: 'provider',
  MODEL: 'model',
  TIER: 'tier',
  PURPOSE: 'purpose',
  CAMPAIGN: 'campaign_id',
  USER: 'user_id',
};
const FIELD: Record<LlmCostDimension, string> = { DAY: 'day', PROVIDER: 'provider', MODEL: 'model', TIER: 'tier', PURPOSE: 'purpose', CAMPAIGN: 'campaignId', USER: 'userId' };
const SUMS = `count(*)::int as calls, count(*) filter (where status <> 'ok')::int as errors, sum(cost_micros)::bigint::text as cost_micros,
  sum(input_tokens)::bigint::text as input_tokens, sum(cached_input_tokens)::bigint::text as cached_input_tokens, sum(cache_write_tokens)::bigint::text as cache_write_tokens,
  sum(output_tokens)::bigint::text as output_tokens, sum(reasoning_tokens)::bigint::text as reasoning_tokens, sum(images)::bigint::text as images`;
const usage = (r: any) => ({
  calls: r.calls, errors: r.errors, costMicros: Number(r.cost_micros), inputTokens: Number(r.input_tokens), cachedInputTokens: Number(r.cached_input_tokens),
  cacheWriteTokens: Number(r.cache_write_tokens), outputTokens: Number(r.output_tokens), reasoningTokens: Number(r.reasoning_tokens), images: Number(r.images),
});

/** The breakdown straight from the facts: every call added up, ranked by cost then the keys (byte order), or by the keys. */
async function direct(from: string, to: string, groupBy: LlmCostDimension[], filter: LlmCostFilter, order: 'COST_DESC' | 'KEY_ASC' = 'COST_DESC') {
  const where: string[] = [`(occurred_at at time zone 'utc')::date between $1::date and $2::date`];
  const params: unknown[] = [from, to];
  const list = (col: string, values?: string[] | null) => {
    if (!values?.length) return;
    where.push(`${col} in (${values.map((v) => `$${params.push(v)}`).join(', ')})`);
  };
  list('provider', filter.providers);
  list('model', filter.models);
  list('tier', filter.tiers);
  list('purpose', filter.purposes);
  if (filter.campaignId) where.push(`campaign_id = $${params.push(filter.campaignId)}`);
  const keys = groupBy.map((d, i) => `${FACT_COLUMN[d]} as k${i}`);
  const byKey = groupBy.map((d) => (d === 'DAY' ? FACT_COLUMN[d] : `${FACT_COLUMN[d]} collate "C"`));
  const rows = !groupBy.length ? [] : await h.sql.unsafe(
    `select ${keys.join(', ')}, ${SUMS} from analytics.llm_usage_fact where ${where.join(' and ')}
      group by ${groupBy.map((_, i) => i + 1).join(', ')} order by ${[...(order === 'KEY_ASC' ? [] : ['sum(cost_micros) desc']), ...byKey].join(', ')}`,
    params,
  );
  const [totals] = await h.sql.unsafe(`select ${SUMS} from analytics.llm_usage_fact where ${where.join(' and ')}`, params);
  const out: { totals: ReturnType<typeof usage>; rows: Row[] } = {
    totals: usage({ ...totals, calls: totals.calls ?? 0, cost_micros: totals.cost_micros ?? 0 }),
    rows: rows.map((r: any): Row => {
      const row: Row = { day: null, provider: null, model: null, tier: null, purpose: null, campaignId: null, userId: null };
      groupBy.forEach((d, i) => {
        const v = r[`k${i}`];
        row[FIELD[d]] = d === 'DAY' ? (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)) : d === 'CAMPAIGN' && v === '' ? null : v;
      });
      return { ...row, usage: usage(r) };
    }),
  };
  return out;
}

const SHAPES: ReadonlyArray<{ groupBy: LlmCostDimension[]; filter?: LlmCostFilter }> = [
  { groupBy: ['CAMPAIGN', 'MODEL'] },
  { groupBy: ['MODEL', 'CAMPAIGN'] },
  { groupBy: ['CAMPAIGN', 'PROVIDER', 'TIER'] },
  { groupBy: ['CAMPAIGN', 'PURPOSE'] },
  { groupBy: ['CAMPAIGN', 'MODEL', 'DAY'] },
  { groupBy: ['CAMPAIGN'], filter: { providers: ['openai'] } },
  { groupBy: ['CAMPAIGN', 'TIER'], filter: { purposes: ['npc', 'generation'] } },
  { groupBy: ['DAY', 'MODEL'], filter: { campaignId: CAMPAIGNS[0] } },
  { groupBy: ['PURPOSE'], filter: { campaignId: CAMPAIGNS[6], tiers: ['PREMIUM'] } },
  { groupBy: ['MODEL'], filter: { campaignId: CAMPAIGNS[3], models: ['openai/gpt-4o', 'google/gemini-2.0-flash'] } },
  { groupBy: [], filter: { campaignId: CAMPAIGNS[2], providers: ['anthropic'] } },
];
const RANGES: ReadonlyArray<readonly [string, string]> = [
  ['2026-04-06', '2026-04-12'], // one week
  ['2026-04-30', '2026-05-01'], // across a month's end
  ['2026-04-01', '2026-04-30'], // one whole month
  ['2026-03-20', '2026-06-10'], // everything
  ['2026-05-17', '2026-05-17'],
  ['2026-01-01', '2026-03-19'], // before the first call
];

test('every shape crossing campaign with model dimensions reads the campaign × model rollup', () => {
  for (const s of SHAPES) expect(chooseRollup(s.groupBy, s.filter ?? {})).toBe('campaignModel');
});

test('campaign × model breakdowns equal adding up the facts, every figure, in the same order', async () => {
  let nonEmpty = 0;
  for (const [from, to] of RANGES) {
    for (const { groupBy, filter = {} } of SHAPES) {
      const want = await direct(from, to, groupBy, filter);
      const got = await page({ from, to, groupBy, filter, first: 1000 });
      const expected = groupBy.length ? want.rows : [{ day: null, provider: null, model: null, tier: null, purpose: null, campaignId: null, userId: null, usage: want.totals }];
      expect({ from, to, groupBy, filter, rows: got.rows, totalCount: got.totalCount, totals: got.totals }).toEqual({
        from, to, groupBy, filter, rows: expected, totalCount: groupBy.length ? want.rows.length : 1, totals: want.totals,
      });
      if (want.rows.length) nonEmpty++;
    }
  }
  expect(nonEmpty).toBeGreaterThan(SHAPES.length * 4);
  // the fixture holds calls outside any campaign, failures and corrections below zero
  const all = await direct(FIRST, LAST, ['CAMPAIGN', 'MODEL'], {});
  expect(all.rows.some((r) => r.campaignId === null)).toBe(true);
  expect(all.rows.some((r: any) => r.usage.errors > 0)).toBe(true);
  // the twins tie in every group and come in id order
  const twins = all.rows.filter((r) => r.campaignId === TWIN || r.campaignId === OTHER_TWIN);
  const got = (await page({ from: FIRST, to: LAST, groupBy: ['CAMPAIGN', 'MODEL'], first: 1000 })).rows.filter((r) => r.campaignId === TWIN || r.campaignId === OTHER_TWIN);
  expect(got).toEqual(twins);
  expect(got.length).toBeGreaterThan(2);
});

test('pages of four, by cost and by keys, walk the same list as the facts', async () => {
  for (const [from, to] of [['2026-04-06', '2026-04-12'], ['2026-03-20', '2026-06-10']] as const) {
    for (const orderBy of ['COST_DESC', 'KEY_ASC'] as const) {
      const want = await direct(from, to, ['CAMPAIGN', 'MODEL'], {}, orderBy);
      const seen: Row[] = [];
      let after: string | undefined;
      for (;;) {
        const p = await page({ from, to, groupBy: ['CAMPAIGN', 'MODEL'], orderBy, first: 4, ...(after ? { after } : {}) });
        expect(p.totalCount).toBe(want.rows.length);
        seen.push(...p.rows);
        if (!p.hasNextPage) break;
        after = p.endCursor;
      }
      expect({ from, to, orderBy, seen }).toEqual({ from, to, orderBy, seen: want.rows });
    }
  }
});

const TABLE = `select day::text, campaign_id, provider, model, tier, purpose, calls::text, errors::text, cost_micros::text, input_tokens::text, cached_input_tokens::text,
  cache_write_tokens::text, output_tokens::text, reasoning_tokens::text, images::text from analytics.llm_cost_campaign_model_daily order by 1, 2, 3, 4, 5, 6`;

test('every call delivered again changes no figure', async () => {
  const rows = await h.sql.unsafe(TABLE);
  expect(rows.length).toBeGreaterThan(100);
  expect(await applyAll()).toBe(0);
  expect(await h.sql.unsafe(TABLE)).toEqual(rows);
});

test('the migration backfills the rollup from the finest one exactly; its down drops it', async () => {
  const kept = await h.sql.unsafe(TABLE);
  const orm = h.sub.deps.orm as unknown as MikroORM;
  const migration = () => new CampaignModelMigration(orm.driver as never, orm.config as never);
  const run = async (which: 'up' | 'down') => {
    const m = migration();
    await m[which]();
    for (const q of m.getQueries()) await h.sql.unsafe(String(q));
  };
  await run('down');
  const [gone] = await h.sql.unsafe(`select to_regclass('analytics.llm_cost_campaign_model_daily') is null as gone`);
  expect(gone.gone).toBe(true);
  await run('up');
  expect(await h.sql.unsafe(TABLE)).toEqual(kept);
});
