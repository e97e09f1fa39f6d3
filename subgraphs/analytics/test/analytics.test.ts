/**
 * The analytics subgraph against real PostgreSQL and NATS: a hand-computed fixture goes through the durable DOMAIN,
 * GAME and USAGE consumers, and every query must return exactly the figures worked out in fixture.ts — again after
 * the fact tables are re-partitioned, after every stream is replayed from scratch twice, and after an erasure.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createEnvelope } from '@startales/kit';
import { GdprEvent } from '@startales/contracts';
import { eventually } from '@startales/testing';
import { startHarness, type Harness } from './harness.ts';
import {
  C3,
  C5,
  EXPECTED_DAY_RETENTION,
  EXPECTED_ENGAGEMENT,
  EXPECTED_FUNNEL_14,
  EXPECTED_WEEK_RETENTION,
  P1,
  P2,
  P3,
  SECRET_HANDLE,
  U,
  domainEvents,
  gameEvents,
  usageEvents,
} from './fixture.ts';
import { ensurePartitionsBetween, startPartitionMaintainer } from '../src/facts/partitions.ts';
import { applyDomainEvent } from '../src/facts/domain.ts';
import { applyGameEvent } from '../src/facts/game.ts';
import { applyUsageEvent } from '../src/facts/usage.ts';

let h: Harness;
const domain = domainEvents();
const game = gameEvents();
const usage = usageEvents();

beforeAll(async () => {
  h = await startHarness();
  await h.publish([...domain, ...game.first, ...usage]);
  await h.applied({ domain: domain.length, game: game.first.length, usage: usage.length });
  // C5's second session arrives after the action submitted during it
  await h.publish(game.second);
  await h.applied({ game: game.first.length + game.second.length });
}, 60_000);

afterAll(() => h?.cleanup(), 30_000);

const FIGURES = 'calls errors costMicros inputTokens cachedInputTokens cacheWriteTokens outputTokens reasoningTokens images';
const LLM_COST = `query ($input: LlmCostInput!) { analytics { llmCost(input: $input) {
  from to totalCount totals { ${FIGURES} } pageInfo { hasNextPage endCursor }
  edges { cursor node { day provider model tier purpose campaignId campaign { id } userId user { id } usage { ${FIGURES} } } } } } }`;
const RETENTION = `query ($input: RetentionInput!) { analytics { retention(input: $input) { period offsets
  cohorts { start size values { offset retained retainedBp retainedOnOrAfter retainedOnOrAfterBp complete } } } } }`;
const FUNNEL = `query ($input: FunnelInput!) { analytics { funnel(input: $input) { from to conversionWindowDays
  steps { step users conversionFromPreviousBp conversionFromStartBp averageSecondsFromPrevious } } } }`;

async function data(query: string, variables: Record<string, unknown> = {}) {
  const res = await h.gql(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!.analytics;
}

const llmCost = async (input: Record<string, unknown>) => (await data(LLM_COST, { input })).llmCost;

describe('product analytics', () => {
  test('retention by signup day (D1/D7/D30) and by week (W1/W4) matches the hand-computed cohorts', async () => {
    const day = (await data(RETENTION, { input: { period: 'DAY', from: '2026-03-02', to: '2026-03-09' } })).retention;
    expect(day.offsets).toEqual([1, 7, 30]);
    expect(
      day.cohorts.map((c: any) => ({ start: c.start, size: c.size, on: c.values.map((v: any) => v.retained), after: c.values.map((v: any) => v.retainedOnOrAfter) })),
    ).toEqual(EXPECTED_DAY_RETENTION);
    expect(day.cohorts[0].values[0]).toEqual({ offset: 1, retained: 2, retainedBp: 6667, retainedOnOrAfter: 2, retainedOnOrAfterBp: 6667, complete: true });
    expect(day.cohorts[3].values[0].retainedBp).toBeNull();

    // a mid-week `from` still reports the week holding it
    const week = (await data(RETENTION, { input: { period: 'WEEK', from: '2026-03-04', to: '2026-03-09' } })).retention;
    expect(week.offsets).toEqual([1, 4]);
    expect(
      week.cohorts.map((c: any) => ({ start: c.start, size: c.size, on: c.values.map((v: any) => v.retained), after: c.values.map((v: any) => v.retainedOnOrAfter) })),
    ).toEqual(EXPECTED_WEEK_RETENTION);
    expect(week.cohorts[0].values[0]).toMatchObject({ retainedBp: 6000, retainedOnOrAfterBp: 8000 });
  });

  test('funnel signup → verified → paid → campaign completed, within 14- and 30-day conversion windows', async () => {
    const f14 = (await data(FUNNEL, { input: { from: '2026-03-02', to: '2026-03-09' } })).funnel;
    expect(f14.conversionWindowDays).toBe(14);
    expect(f14.steps).toEqual(EXPECTED_FUNNEL_14);
    const f30 = (await data(FUNNEL, { input: { from: '2026-03-02', to: '2026-03-09', conversionWindowDays: 30 } })).funnel;
    expect(f30.steps.map((s: any) => s.users)).toEqual([6, 5, 5, 2]);
    // a one-day range keeps only that day's signups: U1, U2, U5
    const oneDay = (await data(FUNNEL, { input: { from: '2026-03-02', to: '2026-03-02' } })).funnel;
    expect(oneDay.steps.map((s: any) => s.users)).toEqual([3, 2, 2, 0]);
  });

  test('engagement, campaign completion and churn', async () => {
    const r = await data(`{ analytics {
      engagement(from: "2026-03-01", to: "2026-03-31") { sessions endedSessions averageSessionSeconds medianSessionSeconds actions actionsPerSession
        playerSessions actionsPerPlayerSession activePlayers returnEligible returned returnRateBp }
      campaignCompletion(from: "2026-03-01", to: "2026-03-31") { started completed cancelledAfterStart cancelledBeforeStart completionRateBp }
      churn(from: "2026-03-01", to: "2026-03-31") { subscriptionsAtStart subscriptionsStarted subscriptionsEnded subscriptionChurnBp
        activePlayersBefore activePlayersRetained playerChurnBp } } }`);
    expect(r.engagement).toEqual({ ...EXPECTED_ENGAGEMENT, actionsPerPlayerSession: 11 / 7 });
    expect(r.campaignCompletion).toEqual({ started: 3, completed: 2, cancelledAfterStart: 1, cancelledBeforeStart: 1, completionRateBp: 6667 });
    expect(r.churn).toEqual({
      subscriptionsAtStart: 2,
      subscriptionsStarted: 3,
      subscriptionsEnded: 1,
      subscriptionChurnBp: 5000,
      activePlayersBefore: 2,
      activePlayersRetained: 1,
      playerChurnBp: 5000,
    });
  });
});

describe('LLM cost', () => {
  test('totals and token breakdowns are exact in micro-dollars', async () => {
    const march = await llmCost({ from: '2026-03-01', to: '2026-03-31' });
    expect(march.totalCount).toBe(1);
    expect(march.totals).toEqual({ calls: 4, errors: 0, costMicros: 66_789, inputTokens: 5300, cachedInputTokens: 1200, cacheWriteTokens: 500, outputTokens: 1700, reasoningTokens: 100, images: 0 });
    expect(march.edges[0].node.usage).toEqual(march.totals);
    const spring = await llmCost({ from: '2026-03-01', to: '2026-04-30' });
    expect(spring.totals).toMatchObject({ calls: 7, errors: 1, costMicros: 69_511 });
    // a ragged range (no whole month) reads days only
    expect((await llmCost({ from: '2026-03-15', to: '2026-04-05' })).totals.costMicros).toBe(36_666);
  });

  test('by campaign, user, tier, model, provider and day', async () => {
    const byCampaign = await llmCost({ from: '2026-03-01', to: '2026-04-30', groupBy: ['CAMPAIGN'] });
    expect(byCampaign.edges.map((e: any) => [e.node.campaignId, e.node.campaign?.id ?? null, e.node.usage.costMicros, e.node.usage.calls])).toEqual([
      [C3, C3, 65_678, 3],
      [C5, C5, 3_333, 3],
      [null, null, 500, 1],
    ]);
    expect(byCampaign.totals.costMicros).toBe(69_511);
    // whole months from the monthly rollup plus February's last days from the daily one
    const withFeb = await llmCost({ from: '2026-02-15', to: '2026-04-30', groupBy: ['CAMPAIGN'], filter: { campaignId: C3 } });
    expect(withFeb.edges.map((e: any) => e.node.usage.costMicros)).toEqual([65_685]);

    const byUser = await llmCost({ from: '2026-03-01', to: '2026-04-30', groupBy: ['USER'] });
    expect(byUser.edges.map((e: any) => [e.node.userId, e.node.user.id, e.node.usage.costMicros])).toEqual([
      [P1, P1, 45_678],
      [P2, P2, 20_000],
      [P3, P3, 3_333],
      [U[1], U[1], 500],
    ]);
    const byTier = await llmCost({ from: '2026-03-01', to: '2026-04-30', groupBy: ['TIER'] });
    expect(byTier.edges.map((e: any) => [e.node.tier, e.node.usage.costMicros])).toEqual([
      ['PREMIUM', 65_678],
      ['STANDARD', 3_833],
    ]);
    const google = await llmCost({ from: '2026-03-01', to: '2026-04-30', groupBy: ['MODEL'], filter: { providers: ['google'] } });
    expect(google.edges.map((e: any) => [e.node.model, e.node.usage.costMicros, e.node.usage.reasoningTokens])).toEqual([['google/gemini-flash', 3_333, 50]]);
    const byDay = await llmCost({ from: '2026-03-01', to: '2026-03-02', groupBy: ['DAY', 'PROVIDER'], orderBy: 'KEY_ASC' });
    expect(byDay.edges.map((e: any) => [e.node.day, e.node.provider, e.node.model, e.node.usage.costMicros, e.node.usage.inputTokens])).toEqual([['2026-03-01', 'openai', null, 32_345, 2500]]);
    // campaign × user reads the finest rollup
    const players = await llmCost({ from: '2026-03-01', to: '2026-04-30', groupBy: ['CAMPAIGN', 'USER'], filter: { campaignId: C3 } });
    expect(players.edges.map((e: any) => [e.node.campaignId, e.node.userId, e.node.usage.costMicros])).toEqual([
      [C3, P1, 45_678],
      [C3, P2, 20_000],
    ]);
  });

  test('one calendar month of users or campaigns ranks the monthly rows themselves', async () => {
    const users = await llmCost({ from: '2026-03-01', to: '2026-03-31', groupBy: ['USER'] });
    expect(users.edges.map((e: any) => [e.node.userId, e.node.usage.costMicros, e.node.usage.inputTokens])).toEqual([
      [P1, 45_678, 3000],
      [P2, 20_000, 1500],
      [P3, 1_111, 800],
    ]);
    expect(users.totalCount).toBe(3);
    const campaigns = await llmCost({ from: '2026-03-01', to: '2026-03-31', groupBy: ['CAMPAIGN'], first: 1 });
    expect(campaigns.edges.map((e: any) => [e.node.campaignId, e.node.usage.costMicros])).toEqual([[C3, 65_678]]);
    expect([campaigns.totalCount, campaigns.pageInfo.hasNextPage]).toEqual([2, true]);
    const oneDay = await llmCost({ from: '2026-03-01', to: '2026-03-01', groupBy: ['PROVIDER', 'MODEL', 'TIER', 'PURPOSE'] });
    expect(oneDay.edges.map((e: any) => [e.node.model, e.node.purpose, e.node.usage.calls, e.node.usage.costMicros])).toEqual([['openai/gpt-4o', 'narration', 2, 32_345]]);
    expect(oneDay.totalCount).toBe(1);
  });

  test('pages through a breakdown with cursors; totals stay whole-range', async () => {
    const first = await llmCost({ from: '2026-03-01', to: '2026-04-30', groupBy: ['USER'], first: 2 });
    expect(first.edges.map((e: any) => e.node.userId)).toEqual([P1, P2]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(4);
    const second = await llmCost({ from: '2026-03-01', to: '2026-04-30', groupBy: ['USER'], first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e: any) => e.node.userId)).toEqual([P3, U[1]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const past = await llmCost({ from: '2026-03-01', to: '2026-04-30', groupBy: ['USER'], first: 2, after: second.pageInfo.endCursor });
    expect(past.edges).toEqual([]);
    expect(past.totalCount).toBe(4);
    expect(past.totals.costMicros).toBe(69_511);
  });

  test('month-end forecast follows the documented least-squares trend', async () => {
    const f = (await data(`{ analytics { llmSpendForecast(asOf: "2026-04-10") { month asOf daysElapsed daysInMonth actualMicros projectedRemainingMicros forecastMicros trendDays slopeMicrosPerDay method } } }`)).llmSpendForecast;
    // 14 days 03-28..04-10 (x = −4..9): 1,111 on 03-31, 2,222 on 04-01, 500 on 04-10, zero otherwise → a ≈ 341.85, b ≈ −27.22;
    // positive only on 04-11..04-13: 3a + 33b ≈ 127.14
    expect(f).toMatchObject({ month: '2026-04', asOf: '2026-04-10', daysElapsed: 10, daysInMonth: 30, actualMicros: 2_722, projectedRemainingMicros: 127, forecastMicros: 2_849, trendDays: 14, slopeMicrosPerDay: -27 });
    expect(f.method).toContain('least-squares');
    // on the last day of a month the forecast is for the next one, which has no spend yet
    const next = (await data(`{ analytics { llmSpendForecast(asOf: "2026-03-31", filter: { tiers: ["PREMIUM"] }) { month actualMicros daysElapsed trendDays } } }`)).llmSpendForecast;
    expect(next).toEqual({ month: '2026-04', actualMicros: 0, daysElapsed: 0, trendDays: 14 });
  });

  test('campaign margins: lifetime USD revenue against LLM cost', async () => {
    const m = (await data(`{ analytics { campaignMargins { totalCount totals { revenueCents refundCents netRevenueCents llmCostMicros grossMarginBp }
      edges { node { campaignId campaign { id } revenueCents refundCents netRevenueCents llmCostMicros llmCalls grossMarginMicros grossMarginBp } } } } }`)).campaignMargins;
    expect(m.totalCount).toBe(2);
    expect(m.edges.map((e: any) => e.node)).toEqual([
      { campaignId: C3, campaign: { id: C3 }, revenueCents: 5500, refundCents: 1000, netRevenueCents: 4500, llmCostMicros: 65_685, llmCalls: 4, grossMarginMicros: 44_934_315, grossMarginBp: 9985 },
      { campaignId: C5, campaign: { id: C5 }, revenueCents: 1500, refundCents: 0, netRevenueCents: 1500, llmCostMicros: 3_333, llmCalls: 3, grossMarginMicros: 14_996_667, grossMarginBp: 9998 },
    ]);
    expect(m.totals).toEqual({ revenueCents: 7000, refundCents: 1000, netRevenueCents: 6000, llmCostMicros: 69_018, grossMarginBp: 9988 });
  });
});

describe('business', () => {
  test('revenue by day and plan, MRR, CLV and trial-to-paid conversion', async () => {
    const r = await data(`{ analytics {
      revenue(from: "2026-03-01", to: "2026-03-31") { currency days { day plan grossCents refundCents netCents } byPlan { plan netCents } grossCents refundCents netCents }
      eur: revenue(from: "2026-03-01", to: "2026-03-31", currency: "eur") { netCents }
      feb: mrr(at: "2026-02-28") { activeSubscriptions mrrCents }
      mid: mrr(at: "2026-03-12") { activeSubscriptions mrrCents byPlan { plan activeSubscriptions mrrCents } }
      end: mrr(at: "2026-03-31") { activeSubscriptions mrrCents byPlan { plan activeSubscriptions mrrCents } }
      customerLifetimeValue(from: "2026-03-01", to: "2026-03-31") { payingCustomers netRevenueCents arppuMonthlyCents grossMarginBp monthlyChurnBp predictedCents customersToDate realizedAverageCents }
      trialConversion(from: "2026-03-01", to: "2026-03-31") { trialsStarted converted conversionBp averageDaysToConvert windowDays }
      shortTrials: trialConversion(from: "2026-03-01", to: "2026-03-31", windowDays: 10) { converted averageDaysToConvert } } }`);
    expect(r.revenue.days).toEqual([
      { day: '2026-03-03', plan: 'SEAT', grossCents: 2500, refundCents: 0, netCents: 2500 },
      { day: '2026-03-05', plan: 'HERO', grossCents: 1999, refundCents: 0, netCents: 1999 },
      { day: '2026-03-06', plan: 'SEAT', grossCents: 1500, refundCents: 0, netCents: 1500 },
      { day: '2026-03-10', plan: 'SEAT', grossCents: 3000, refundCents: 0, netCents: 3000 },
      { day: '2026-03-12', plan: 'SEAT', grossCents: 0, refundCents: 1000, netCents: -1000 },
    ]);
    expect(r.revenue).toMatchObject({ currency: 'USD', grossCents: 8999, refundCents: 1000, netCents: 7999, byPlan: [{ plan: 'SEAT', netCents: 6000 }, { plan: 'HERO', netCents: 1999 }] });
    expect(r.eur.netCents).toBe(900);
    expect(r.feb).toEqual({ activeSubscriptions: 2, mrrCents: 1998 });
    expect(r.mid).toEqual({ activeSubscriptions: 4, mrrCents: 4830, byPlan: [{ plan: 'ADVENTURER', activeSubscriptions: 3, mrrCents: 2831 }, { plan: 'HERO', activeSubscriptions: 1, mrrCents: 1999 }] });
    expect(r.end).toEqual({ activeSubscriptions: 4, mrrCents: 6996, byPlan: [{ plan: 'ADVENTURER', activeSubscriptions: 1, mrrCents: 999 }, { plan: 'HERO', activeSubscriptions: 3, mrrCents: 5997 }] });
    // ARPPU 7999 × 30 ÷ (4 × 31) = 1935.24; margin (79,990,000 − 66,789) ÷ 79,990,000; churn 1 × 30 ÷ (2 × 31)
    expect(r.customerLifetimeValue).toEqual({ payingCustomers: 4, netRevenueCents: 7999, arppuMonthlyCents: 1935, grossMarginBp: 9992, monthlyChurnBp: 4839, predictedCents: 3996, customersToDate: 4, realizedAverageCents: 2000 });
    expect(r.trialConversion).toEqual({ trialsStarted: 3, converted: 2, conversionBp: 6667, averageDaysToConvert: 10.5, windowDays: 30 });
    expect(r.shortTrials).toEqual({ converted: 1, averageDaysToConvert: 4 });
  });

  test('platformStats counts registrations and campaigns (admins only)', async () => {
    const res = await h.gql('{ platformStats { users campaigns } }', {}, ['admin']);
    expect(res.data!.platformStats).toEqual({ users: 6, campaigns: 5 });
    expect((await h.gql('{ platformStats { users } }', {}, ['finance'])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('access and input', () => {
  const Q = '{ analytics { llmCost(input: { from: "2026-03-01", to: "2026-03-31" }) { totals { costMicros } } } }';

  test('finance and admins only; everyone else gets a typed error', async () => {
    expect((await h.gql(Q, {}, ['finance'])).data!.analytics.llmCost.totals.costMicros).toBe(66_789);
    expect((await h.gql(Q, {}, ['admin'])).data!.analytics.llmCost.totals.costMicros).toBe(66_789);
    for (const roles of [['player'], ['moderator'], ['partner']]) {
      const res = await h.gql(Q, {}, roles);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data ?? null).toBeNull();
    }
    expect((await h.gql(Q, {}, null)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('bad days, ranges, limits and cursors are BAD_USER_INPUT naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['llmCost(input: { from: "2026-03-31", to: "2026-03-01" }) { totalCount }', 'to'],
      ['llmCost(input: { from: "2026-02-30", to: "2026-03-01" }) { totalCount }', 'from'],
      ['llmCost(input: { from: "03/01/2026", to: "2026-03-01" }) { totalCount }', 'from'],
      ['llmCost(input: { from: "2025-01-01", to: "2026-03-01" }) { totalCount }', 'to'],
      ['llmCost(input: { from: "2026-03-01", to: "2026-03-31", first: 1001 }) { totalCount }', 'first'],
      ['llmCost(input: { from: "2026-03-01", to: "2026-03-31", first: 0 }) { totalCount }', 'first'],
      ['llmCost(input: { from: "2026-03-01", to: "2026-03-31", after: "bm9wZQ" }) { totalCount }', 'after'],
      ['funnel(input: { from: "2026-03-01", to: "2026-03-31", conversionWindowDays: 91 }) { from }', 'conversionWindowDays'],
      ['retention(input: { period: DAY, from: "2026-03-01", to: "2026-03-31", offsets: [0] }) { period }', 'offsets'],
      ['trialConversion(from: "2026-03-01", to: "2026-03-31", windowDays: 0) { from }', 'windowDays'],
      ['revenue(from: "2026-03-01", to: "2026-03-31", currency: "dollars") { from }', 'currency'],
      ['mrr(at: "yesterday") { at }', 'at'],
      ['llmSpendForecast(asOf: "2026-13-01") { month }', 'asOf'],
    ];
    for (const [field, name] of cases) {
      const res = await h.gql(`{ analytics { ${field} } }`);
      expect({ field, code: res.errors?.[0]?.extensions?.code, name: res.errors?.[0]?.extensions?.field }).toEqual({ field, code: 'BAD_USER_INPUT', name });
    }
  });
});

/** Every figure the subgraph serves for the fixture, as one JSON document. */
async function everything() {
  const llm = (groupBy: string[]) => `llmCost(input: { from: "2026-02-01", to: "2026-04-30", groupBy: [${groupBy.join(', ')}], first: 1000, orderBy: KEY_ASC }) { totalCount totals { ${FIGURES} } edges { node { day provider model tier purpose campaignId userId usage { ${FIGURES} } } } }`;
  const res = await h.gql(`{ analytics {
    d: retention(input: { period: DAY, from: "2026-02-01", to: "2026-04-30", offsets: [1, 2, 7, 14, 30] }) { cohorts { start size values { retained retainedOnOrAfter } } }
    w: retention(input: { period: WEEK, from: "2026-02-01", to: "2026-04-30", offsets: [1, 2, 3, 4, 5] }) { cohorts { start size values { retained retainedOnOrAfter } } }
    f: funnel(input: { from: "2026-02-01", to: "2026-04-30", conversionWindowDays: 90 }) { steps { users averageSecondsFromPrevious } }
    e: engagement(from: "2026-02-01", to: "2026-04-30") { sessions actions playerSessions returned returnEligible averageSessionSeconds }
    c: campaignCompletion(from: "2026-02-01", to: "2026-04-30") { started completed cancelledAfterStart cancelledBeforeStart }
    ch: churn(from: "2026-03-01", to: "2026-03-31") { subscriptionsAtStart subscriptionsStarted subscriptionsEnded activePlayersBefore activePlayersRetained }
    l1: ${llm(['DAY', 'PROVIDER', 'MODEL', 'TIER', 'PURPOSE', 'CAMPAIGN', 'USER'])}
    l2: ${llm(['CAMPAIGN'])}
    l3: ${llm(['USER', 'MODEL'])}
    l4: ${llm(['DAY'])}
    l5: llmCost(input: { from: "2026-02-15", to: "2026-04-20", groupBy: [USER], first: 1000 }) { totalCount edges { node { userId usage { calls costMicros } } } }
    fc: llmSpendForecast(asOf: "2026-04-10") { forecastMicros actualMicros }
    m: campaignMargins(first: 1000) { totals { revenueCents refundCents llmCostMicros } edges { node { campaignId revenueCents refundCents llmCostMicros llmCalls } } }
    r: revenue(from: "2026-02-01", to: "2026-04-30") { days { day plan grossCents refundCents } }
    mrr(at: "2026-04-30") { activeSubscriptions mrrCents byPlan { plan mrrCents } }
    clv: customerLifetimeValue(from: "2026-03-01", to: "2026-03-31") { predictedCents realizedAverageCents payingCustomers }
    t: trialConversion(from: "2026-02-01", to: "2026-04-30") { trialsStarted converted }
  } platformStats { users campaigns } }`, {}, ['admin']);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

describe('storage', () => {
  test('months get their own partitions; facts already in the default partition move into them', async () => {
    const before = await everything();
    const created = await ensurePartitionsBetween(h.sub.deps.orm.em.fork(), '2026-02-01', '2026-04-30');
    expect(created).toBe(15); // 5 fact tables × February, March, April
    const counts = async (table: string) =>
      Object.fromEntries(
        (await h.sql.unsafe(`select tableoid::regclass::text as part, count(*)::int as n from analytics.${table} group by 1 order by 1`)).map((r: any) => [r.part, r.n]),
      );
    expect(await counts('llm_usage_fact')).toEqual({ 'analytics.llm_usage_fact_p202602': 1, 'analytics.llm_usage_fact_p202603': 4, 'analytics.llm_usage_fact_p202604': 3 });
    expect(Object.keys(await counts('domain_event_fact')).every((p) => /_p20260[234]$/.test(p))).toBe(true);
    expect(await ensurePartitionsBetween(h.sub.deps.orm.em.fork(), '2026-03-01', '2026-03-31')).toBe(0);
    expect(await everything()).toEqual(before);
  });

  test('replaying every stream from scratch, twice, leaves every figure unchanged', async () => {
    const before = await everything();
    for (let round = 0; round < 2; round++) {
      await h.replayFromScratch();
      await h.applied({ domain: domain.length, game: game.first.length + game.second.length, usage: usage.length }, 30_000);
      expect(await everything()).toEqual(before);
    }
    // llm-router republishing a call under a new event id is still one call
    await h.publish(usage.map((m) => ({ subject: m.subject, envelope: { ...m.envelope, id: Bun.randomUUIDv7() } })));
    await h.applied({ usage: usage.length * 2 }, 30_000);
    expect(await everything()).toEqual(before);
  }, 90_000);

  test('the partition maintainer keeps the current month and the next ones ahead', async () => {
    const maintainer = startPartitionMaintainer({ orm: h.sub.deps.orm, logger: h.sub.deps.logger, monthsAhead: 2, now: () => new Date('2031-06-15T00:00:00Z'), intervalMs: 3_600_000 });
    try {
      expect(await maintainer.runOnce()).toBe(15); // June, July, August 2031 × 5 fact tables
      expect(await maintainer.runOnce()).toBe(0);
    } finally {
      maintainer.stop();
    }
    const parts = await h.sql`select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = 'llm_usage_fact' and c.relname like 'llm_usage_fact_p2031%' order by 1`;
    expect(parts.map((r: any) => r.relname)).toEqual(['llm_usage_fact_p203106', 'llm_usage_fact_p203107', 'llm_usage_fact_p203108']);
  });

  test('figures do not depend on arrival order (every event applied again, newest first, to empty tables)', async () => {
    const before = await everything();
    const tables = await h.sql`select table_name from information_schema.tables where table_schema = 'analytics' and table_type = 'BASE TABLE'
      and table_name not in ('mikro_orm_migrations', 'outbox_event') and not exists (select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid where c.relname = table_name)`;
    await h.sql.unsafe(`truncate ${tables.map((t: any) => `analytics."${t.table_name}"`).join(', ')}`);
    const em = h.sub.deps.orm.em.fork();
    for (const m of [...domain].reverse()) await em.transactional((tx) => applyDomainEvent(tx, m.envelope));
    for (const m of [...game.first, ...game.second].reverse()) await em.transactional((tx) => applyGameEvent(tx, m.envelope, h.sub.deps.bus.subject(m.subject)));
    for (const m of [...usage].reverse()) await em.transactional((tx) => applyUsageEvent(tx, m.envelope));
    expect(await everything()).toEqual(before);
  }, 30_000);

  test('erasure leaves no handle in any analytics table; aggregates stay', async () => {
    const before = await everything();
    const erased = createEnvelope(GdprEvent.USER_ERASED, { userId: U[1], erasedAt: new Date().toISOString() }, U[1]);
    await h.publish([{ subject: `domain.${GdprEvent.USER_ERASED}`, envelope: erased }]);
    await eventually(async () => (await h.sql`select 1 from analytics.processed_event where event_id = ${erased.id}`).length === 2, 'the erasure (GDPR and domain consumers)', 20_000);
    const tables = await h.sql`select table_name from information_schema.tables where table_schema = 'analytics' and table_type = 'BASE TABLE'`;
    expect(tables.length).toBeGreaterThan(40);
    const leaks: string[] = [];
    for (const { table_name } of tables as Array<{ table_name: string }>) {
      for (const needle of [SECRET_HANDLE, 'h_01', 'I open the door', 'The Sunken Crown', 'The door creaks open']) {
        const hit = await h.sql.unsafe(`select count(*)::int as n from analytics."${table_name}" t where t::text like $1`, [`%${needle}%`]);
        if (hit[0].n > 0) leaks.push(`${table_name} holds ${needle}`);
      }
    }
    expect(leaks).toEqual([]);
    const actor = await h.sql`select count(*)::int as n from analytics.domain_event_fact where actor = ${U[1]}`;
    expect(actor[0].n).toBe(0);
    const after = await everything();
    expect(after).toEqual(before);
  }, 60_000);
});
