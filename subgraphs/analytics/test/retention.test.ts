/** Analytics' retention rules on fixtures, against the real PostgreSQL (partitioned facts), with the runner's clock moved. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createRetentionFixture, type RetentionFixture } from '@startales/testing';
import { entities, PARTITIONED_FACT_TABLES } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { ensureMonthPartition } from '../src/facts/partitions.ts';
import { ANONYMOUS_USER, retentionRules } from '../src/retention.ts';

// campaign cutoff (730 days): 2020-02-11, inside February 2020; user cutoff (2557 days): 2015-02-09
const NOW = new Date('2022-02-10T00:00:00Z');
let f: RetentionFixture;
const [u1, u2] = ['user-1', 'user-2'];

const partitions = async (table: string) =>
  (
    (await f.orm.em.getConnection().execute(
      `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
         join pg_namespace n on n.oid = p.relnamespace where n.nspname = 'analytics' and p.relname = ? and c.relname like ? order by 1`,
      [table, `${table}_p2020%`],
    )) as Array<{ name: string }>
  ).map((r) => r.name.slice(table.length + 1));

const gameFact = (label: string, at: string) =>
  f.insert('game_event_fact', { id: f.id(label), occurred_at: new Date(at), type: 'player_action', campaign_id: 'c', user_id: u1, data: {} });
const domainFact = (label: string, at: string) =>
  f.insert('domain_event_fact', { id: f.id(label), occurred_at: new Date(at), type: 'users.registered', actor: u1, user_id: u1, data: {}, received_at: new Date(at) });
const costs = async (table: string, period: string, column = 'day') =>
  (await f.orm.em.getConnection().execute(`select user_id, calls::int, cost_micros::int from analytics.${table} where ${column} = ? order by user_id`, [period])) as Array<{
    user_id: string;
    calls: number;
    cost_micros: number;
  }>;

beforeAll(async () => {
  f = await createRetentionFixture({ schema: 'analytics', entities, migrations });
  for (const table of PARTITIONED_FACT_TABLES) {
    for (const month of ['2020-01-01', '2020-02-01', '2020-03-01']) await ensureMonthPartition(f.orm.em.fork(), table, month);
  }
  await gameFact('game-2020-01-a', '2020-01-05T00:00:00Z');
  await gameFact('game-2020-01-b', '2020-01-31T23:59:59Z');
  await gameFact('game-2020-02', '2020-02-20T00:00:00Z');
  await gameFact('game-2020-03', '2020-03-20T00:00:00Z');
  // months without a partition land in DEFAULT
  await gameFact('game-default-2019', '2019-05-01T00:00:00Z');
  await gameFact('game-default-2021', '2021-05-01T00:00:00Z');
  await domainFact('domain-2020-01', '2020-01-05T00:00:00Z');
  await domainFact('domain-default-2014', '2014-06-01T00:00:00Z');
  await domainFact('domain-default-2016', '2016-06-01T00:00:00Z');

  for (const [label, day, week] of [['2014', '2014-06-01', '2014-06-02'], ['2016', '2016-06-01', '2016-06-06']] as const) {
    await f.insert('user_activity_day', { user_id: `${u1}@${label}`, day });
    await f.insert('user_activity_week', { user_id: `${u1}@${label}`, week });
    await f.insert('user_revenue_day', { user_id: `${u1}@${label}`, day, net_cents: 100 });
    await f.insert('funnel_step', { user_id: `${u1}@${label}`, step: 'signup', ref: 'r', occurred_at: new Date(`${day}T00:00:00Z`) });
  }
  for (const [user, calls, cost] of [[u1, 2, 200], [u2, 3, 300], [ANONYMOUS_USER, 1, 50]] as const) {
    const key = { provider: 'openai', model: 'gpt', tier: 'STANDARD', purpose: 'narration', campaign_id: 'c', user_id: user };
    await f.insert('llm_cost_daily', { day: '2014-06-01', ...key, calls, cost_micros: cost });
    await f.insert('llm_cost_user_daily', { day: '2014-06-01', user_id: user, calls, cost_micros: cost });
    await f.insert('llm_cost_user_monthly', { month: '2014-06-01', user_id: user, calls, cost_micros: cost });
    await f.insert('llm_cost_daily', { day: '2016-06-01', ...key, calls, cost_micros: cost });
    await f.insert('llm_cost_user_daily', { day: '2016-06-01', user_id: user, calls, cost_micros: cost });
  }
}, 60_000);

afterAll(async () => {
  await f?.close();
});

test('whole months of facts past their limit are dropped (game events: 2 years; the rest: 7), older DEFAULT rows deleted', async () => {
  const results = await f.run(retentionRules, { now: NOW });
  expect(results.filter((r) => r.error)).toEqual([]);
  expect(await partitions('game_event_fact')).toEqual(['p202002', 'p202003']);
  expect(await f.remaining('game_event_fact', 'id')).toEqual(['game-2020-02', 'game-2020-03', 'game-default-2021']);
  expect(results.find((r) => r.rule === 'game-event-facts')!.affected).toBe(3);
  for (const table of PARTITIONED_FACT_TABLES.filter((t) => t !== 'game_event_fact')) expect(await partitions(table)).toEqual(['p202001', 'p202002', 'p202003']);
  expect(await f.remaining('domain_event_fact', 'id')).toEqual(['domain-2020-01', 'domain-default-2016']);
});

test('per-user series older than 7 years are deleted, per-user LLM costs anonymised with every total kept', async () => {
  expect(await f.remaining('user_activity_day', 'user_id')).toEqual([`${u1}@2016`]);
  expect(await f.remaining('user_activity_week', 'user_id')).toEqual([`${u1}@2016`]);
  expect(await f.remaining('user_revenue_day', 'user_id')).toEqual([`${u1}@2016`]);
  expect(await f.remaining('funnel_step', 'user_id')).toEqual([`${u1}@2016`]);
  for (const [table, column] of [['llm_cost_daily', 'day'], ['llm_cost_user_daily', 'day'], ['llm_cost_user_monthly', 'month']] as const) {
    expect({ table, rows: await costs(table, '2014-06-01', column) }).toEqual({ table, rows: [{ user_id: ANONYMOUS_USER, calls: 6, cost_micros: 550 }] });
  }
  expect(await costs('llm_cost_daily', '2016-06-01')).toEqual([
    { user_id: ANONYMOUS_USER, calls: 1, cost_micros: 50 },
    { user_id: u1, calls: 2, cost_micros: 200 },
    { user_id: u2, calls: 3, cost_micros: 300 },
  ]);
  // nothing left to do at the same instant (anonymised rows are not moved again)
  expect((await f.run(retentionRules, { now: NOW })).every((r) => r.affected === 0)).toBe(true);
});

test('a later clock and shorter limits (RETENTION_USER_DAYS, RETENTION_CAMPAIGN_DAYS) drop more months', async () => {
  await f.run(retentionRules, { now: new Date('2022-04-15T00:00:00Z') });
  expect(await partitions('game_event_fact')).toEqual([]);
  expect(await f.remaining('game_event_fact', 'id')).toEqual(['game-default-2021']);
  await f.run(retentionRules, { now: NOW, policy: { userDays: 730, campaignDays: 100 } });
  expect(await f.remaining('game_event_fact', 'id')).toEqual([]);
  expect(await partitions('domain_event_fact')).toEqual(['p202002', 'p202003']);
  expect(await f.remaining('domain_event_fact', 'id')).toEqual([]);
  expect(await costs('llm_cost_daily', '2016-06-01')).toEqual([{ user_id: ANONYMOUS_USER, calls: 6, cost_micros: 550 }]);
  // the month partitions of today's facts are untouched
  const current = (await f.orm.em.getConnection().execute(`select count(*)::int as n from pg_class where relname like 'game_event_fact_p20%'`)) as Array<{ n: number }>;
  expect(current[0]!.n).toBeGreaterThan(0);
});
