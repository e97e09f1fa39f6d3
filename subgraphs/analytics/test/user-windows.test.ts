/**
 * Ranking users by LLM cost reads the three-month cost windows (`llm_cost_user_window`): for ranges that are not whole
 * calendar months — inside one window, across two or three, one day, nothing — every page must hold exactly what adding
 * up the usage facts gives, to the micro-dollar, in the same order (cost, then user id byte order), with the same
 * count; again after every call is delivered a second time. Calls arrive in a shuffled order, include zero-cost and
 * negative (corrected) costs, and two users spend identically, so ties are broken by id. Last, retention anonymises
 * old windows without changing a total.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { LLM_USAGE_EVENT, type EventEnvelope, type LlmUsageData } from '@startales/contracts';
import { startHarness, type Harness } from './harness.ts';
import { applyUsageEvents, prng, shuffle } from './random-usage.ts';
import { anonymiseUserCostWindows } from '../src/facts/usage.ts';
import { readsUserWindows, userWindowParts } from '../src/modules/llm-cost/source.ts';
import { addDays, addMonths, daysBetween } from '../src/facts/time.ts';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Migration20261125165640_sparse_user_cost_windows as SparseWindowsMigration } from '../migrations/Migration20261125165640_sparse_user_cost_windows.ts';

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
const FIRST = '2026-01-10';
const LAST = '2026-08-20';
const USERS = Array.from({ length: 14 }, (_, i) => `0190cccc-0000-7000-8000-${String(i).padStart(12, '0')}`);
// users 12 and 13 make the same calls on the same days: equal figures in every range
const TWIN = USERS[12]!;
const OTHER_TWIN = USERS[13]!;

function calls(): EventEnvelope[] {
  const rnd = prng(7);
  const span = daysBetween(FIRST, LAST);
  const out: EventEnvelope[] = [];
  const add = (n: number, userId: string, day: string, costMicros: number, hour = 12) => {
    const startedAt = `${day}T${String(hour).padStart(2, '0')}:30:00.000Z`;
    const data: LlmUsageData = {
      callId: `w-${n}-${userId.slice(-2)}`, provider: 'openai', model: 'openai/gpt-4o', tier: 'PREMIUM', purpose: 'narration', userId, campaignId: null,
      costMicros, inputTokens: 100 + n, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 10, reasoningTokens: 0, images: 0,
      priceVersion: 't', status: costMicros === 0 ? 'error' : 'ok', startedAt, durationMs: 500,
    };
    out.push({ id: Bun.randomUUIDv7(), type: LLM_USAGE_EVENT, occurredAt: startedAt, actor: 'service:llm-router', v: 1, data });
  };
  for (let n = 0; n < 500; n++) {
    const r = rnd();
    const userId = USERS[Math.floor(rnd() * 12)]!;
    const day = addDays(FIRST, Math.floor(rnd() * (span + 1)));
    // a tenth cost nothing (failed calls), a few are corrections below zero
    const cost = r < 0.1 ? 0 : r > 0.98 ? -Math.floor(rnd() * 2_000) : Math.floor(rnd() * 50_000);
    add(n, userId, day, cost, Math.floor(rnd() * 24));
  }
  for (let n = 0; n < 40; n++) {
    const day = addDays(FIRST, Math.floor(rnd() * (span + 1)));
    const cost = Math.floor(rnd() * 30_000);
    add(1000 + n, TWIN, day, cost);
    add(1000 + n, OTHER_TWIN, day, cost);
  }
  // first and last instants of a month
  add(2000, USERS[0]!, '2026-03-31', 1_234, 23);
  add(2001, USERS[1]!, '2026-04-01', 4_321, 0);
  // shuffled: arrival order must not matter
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

const QUERY = `query ($input: LlmCostInput!) { analytics { llmCost(input: $input) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { userId usage { calls errors costMicros inputTokens } } } } } }`;

interface Row {
  userId: string;
  usage: { calls: number; errors: number; costMicros: number; inputTokens: number };
}

async function page(input: Record<string, unknown>) {
  const res = await h.gql(QUERY, { input });
  expect(res.errors).toBeUndefined();
  const r = res.data!.analytics.llmCost;
  return { totalCount: r.totalCount as number, hasNextPage: r.pageInfo.hasNextPage as boolean, endCursor: r.pageInfo.endCursor as string, rows: r.edges.map((e: any) => e.node) as Row[] };
}

/** The users of `[from, to]` straight from the facts: every call added up, ranked by cost then id (byte order). */
async function direct(from: string, to: string, order: 'COST_DESC' | 'KEY_ASC' = 'COST_DESC'): Promise<Row[]> {
  const rows = await h.sql.unsafe(
    `select user_id, count(*)::int as calls, count(*) filter (where status <> 'ok')::int as errors, sum(cost_micros)::bigint::text as cost, sum(input_tokens)::bigint::text as input
       from analytics.llm_usage_fact where (occurred_at at time zone 'utc')::date between $1::date and $2::date
      group by user_id order by ${order === 'KEY_ASC' ? '' : 'sum(cost_micros) desc, '}user_id collate "C"`,
    [from, to],
  );
  return rows.map((r: any) => ({ userId: r.user_id, usage: { calls: r.calls, errors: r.errors, costMicros: Number(r.cost), inputTokens: Number(r.input) } }));
}

const rnd = prng(11);
const randomRanges = Array.from({ length: 24 }, () => {
  const from = addDays('2026-01-01', Math.floor(rnd() * 240));
  return [from, addDays(from, Math.floor(rnd() * 200))] as const;
});
const RANGES: ReadonlyArray<readonly [string, string]> = [
  ['2026-02-15', '2026-03-14'], // two months, neither whole
  ['2026-03-10', '2026-04-09'],
  ['2026-01-20', '2026-03-03'], // 45 days over three months
  ['2026-01-31', '2026-04-01'], // a day past one window: two windows
  ['2026-01-10', '2026-08-20'], // everything: three windows
  ['2026-02-01', '2026-05-31'], // four whole months: two windows
  ['2026-03-01', '2026-04-30'], // two whole months: one window
  ['2026-03-31', '2026-03-31'],
  ['2026-04-01', '2026-04-01'],
  ['2025-12-01', '2026-01-09'], // before the first call
  ['2026-08-21', '2026-12-31'], // after the last
  ...randomRanges,
];

test('every range reads the cost windows (the paths under test), in one to three pieces', () => {
  for (const [from, to] of RANGES) expect(readsUserWindows('user', from, to, false)).toBe(true);
  expect(new Set(RANGES.map(([from, to]) => userWindowParts(from, to).length))).toEqual(new Set([1, 2, 3]));
});

test('ranking users over ranges that are not whole months equals adding up the facts', async () => {
  let nonEmpty = 0;
  for (const [from, to] of RANGES) {
    const want = await direct(from, to);
    const got = await page({ from, to, groupBy: ['USER'], first: 1000 });
    expect({ from, to, rows: got.rows, totalCount: got.totalCount }).toEqual({ from, to, rows: want, totalCount: want.length });
    if (want.length) nonEmpty++;
    // the twins tie in every range and come in id order
    const twins = got.rows.filter((r) => r.userId === TWIN || r.userId === OTHER_TWIN).map((r) => r.userId);
    if (twins.length) expect(twins).toEqual([TWIN, OTHER_TWIN]);
  }
  expect(nonEmpty).toBeGreaterThan(RANGES.length - 5);
  // the ranges hold zero-cost users and negative corrections, so activity, not cost, decides who is listed
  const all = await direct(FIRST, LAST);
  expect(all.some((r) => r.usage.errors > 0)).toBe(true);
});

test('pages of three, by cost and by id, walk the same list as the facts', async () => {
  for (const [from, to] of [['2026-02-15', '2026-03-14'], ['2026-01-31', '2026-04-01'], ['2026-01-10', '2026-08-20']] as const) {
    for (const orderBy of ['COST_DESC', 'KEY_ASC'] as const) {
      const want = await direct(from, to, orderBy);
      const seen: Row[] = [];
      let after: string | undefined;
      for (;;) {
        const p = await page({ from, to, groupBy: ['USER'], orderBy, first: 3, ...(after ? { after } : {}) });
        expect(p.totalCount).toBe(want.length);
        seen.push(...p.rows);
        if (!p.hasNextPage) break;
        after = p.endCursor;
      }
      expect({ from, to, orderBy, seen }).toEqual({ from, to, orderBy, seen: want });
    }
  }
});

test('one user filtered over a ragged range; every call delivered again changes no figure', async () => {
  const [from, to] = ['2026-02-15', '2026-06-10'];
  const user = (await direct(from, to))[2]!;
  const filtered = await page({ from, to, groupBy: ['USER'], filter: { userId: user.userId } });
  expect(filtered.rows).toEqual([user]);
  const before = await Promise.all(RANGES.map(([f, t]) => page({ from: f, to: t, groupBy: ['USER'], first: 1000 })));
  const windows = await h.sql.unsafe(`select month::text, user_id, active_days::text, running_costs::text from analytics.llm_cost_user_window order by 1, 2`);
  expect(await applyAll()).toBe(0);
  expect(await Promise.all(RANGES.map(([f, t]) => page({ from: f, to: t, groupBy: ['USER'], first: 1000 })))).toEqual(before);
  expect(await h.sql.unsafe(`select month::text, user_id, active_days::text, running_costs::text from analytics.llm_cost_user_window order by 1, 2`)).toEqual(windows);
});

test('windows keep one running cost per active day; the migration turns them into a cost per day and back exactly', async () => {
  const WINDOWS = `select month::text, user_id, active_days::text, running_costs::text from analytics.llm_cost_user_window order by 1, 2`;
  const sparse = await h.sql.unsafe(WINDOWS);
  const [shape] = await h.sql.unsafe(
    `select count(*)::int as n, count(*) filter (where cardinality(running_costs) = bit_count(active_days))::int as sparse,
            count(*) filter (where length(active_days) = (month + interval '3 months')::date - month)::int as full_length from analytics.llm_cost_user_window`,
  );
  expect(shape).toEqual({ n: sparse.length, sparse: sparse.length, full_length: sparse.length });
  const orm = h.sub.deps.orm as unknown as MikroORM;
  const run = async (which: 'up' | 'down') => {
    const m = new SparseWindowsMigration(orm.driver as never, orm.config as never);
    await m[which]();
    for (const q of m.getQueries()) await h.sql.unsafe(String(q));
  };
  await run('down');
  // a running cost for every day of the window: through each month's last day it is the facts' cost of that stretch
  const dense = await h.sql.unsafe(
    `select w.month::text, w.user_id, cardinality(w.cost_to_day)::int as days, w.cost_to_day[(w.month + interval '1 month')::date - w.month]::text as first_month,
            (select coalesce(sum(f.cost_micros), 0)::text from analytics.llm_usage_fact f where f.user_id = w.user_id
               and f.occurred_at >= w.month::timestamp at time zone 'utc' and f.occurred_at < (w.month + interval '1 month') at time zone 'utc') as facts
       from analytics.llm_cost_user_window w order by 1, 2`,
  );
  expect(dense.length).toBe(sparse.length);
  for (const r of dense) {
    expect(r.days).toBe(daysBetween(r.month, addMonths(r.month, 3)));
    expect(r.first_month).toBe(r.facts);
  }
  await run('up');
  expect(await h.sql.unsafe(WINDOWS)).toEqual(sparse);
});

test('retention: windows ending before the cutoff move onto one anonymous user, day by day, keeping every total', async () => {
  const perMonth = `select month::text, sum(coalesce(running_costs[bit_count(active_days)::int], 0))::text as cost, count(*)::int as users,
      bit_or(active_days)::text as days from analytics.llm_cost_user_window group by month order by month`;
  const before = await h.sql.unsafe(perMonth);
  const kept = await h.sql.unsafe(`select * from analytics.llm_cost_user_window where month > '2026-02-01' order by month, user_id`);
  const moved = await h.sql.unsafe(`select count(*)::int as n from analytics.llm_cost_user_window where month <= '2026-02-01'`);
  // windows of November … February end by 2026-04-30
  const n = await h.sub.deps.orm.em.fork().transactional((tx) => anonymiseUserCostWindows(tx, '2026-05-01', 'erased'));
  expect(n).toBe(moved[0].n);
  expect(n).toBeGreaterThan(4);
  const after = await h.sql.unsafe(perMonth);
  expect(after.map((r: any) => [r.month, r.cost, r.days])).toEqual(before.map((r: any) => [r.month, r.cost, r.days]));
  expect(after.filter((r: any) => r.month <= '2026-02-01').map((r: any) => r.users)).toEqual(after.filter((r: any) => r.month <= '2026-02-01').map(() => 1));
  expect(await h.sql.unsafe(`select distinct user_id from analytics.llm_cost_user_window where month <= '2026-02-01'`)).toEqual([{ user_id: 'erased' }]);
  expect(await h.sql.unsafe(`select * from analytics.llm_cost_user_window where month > '2026-02-01' order by month, user_id`)).toEqual(kept);
  // the running cost of the anonymous user is the facts' day by day, and running it again moves nothing
  const [jan] = await h.sql.unsafe(`select coalesce(running_costs[bit_count(substring(active_days from 1 for 31))::int], 0)::text as c from analytics.llm_cost_user_window where month = '2026-01-01'`);
  const [facts] = await h.sql.unsafe(`select sum(cost_micros)::text as c from analytics.llm_usage_fact where occurred_at < '2026-02-01T00:00:00Z'`);
  expect(jan.c).toBe(facts.c);
  expect(await h.sub.deps.orm.em.fork().transactional((tx) => anonymiseUserCostWindows(tx, '2026-05-01', 'erased'))).toBe(0);
});
