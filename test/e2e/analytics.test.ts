/**
 * Analytics end to end: the real users, analytics and gateway processes. A signup through the gateway reaches the
 * analytics cohort through the DOMAIN stream; an LLM call published on USAGE (as llm-router does) reaches the cost
 * rollups; finance reads both through the gateway, players are refused with a typed error.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { LLM_USAGE_EVENT, usageSubject, type LlmUsageData } from '@startales/contracts';
import { connectBus, createEnvelope } from '@startales/kit';
import { startStack, gql, errorCode, eventually, signAccessToken, TEST_NATS_URL, type Stack } from '@startales/testing';

let stack: Stack;
let url: string;
let finance: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack({ services: ['users', 'analytics', 'gateway'] });
  url = stack.gatewayUrl;
  finance = await signAccessToken(stack.keys, { userId: '0190aaaa-0000-7000-8000-00000000f1a1', roles: ['finance'] });
}, 120_000);

afterAll(() => stack?.stop(), 60_000);

test('a signup joins today’s retention cohort; an LLM call shows up in the cost breakdown; players are refused', async () => {
  const suffix = Date.now().toString(36);
  const reg = await gql(url, `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`, {
    input: { email: `a.${suffix}@example.com`, password: 'correct horse battery', handle: `a_${suffix}` },
  });
  expect(reg.errors).toBeUndefined();
  const { accessToken, user } = reg.data!.register;

  const RETENTION = `query ($day: String!) { analytics { retention(input: { period: DAY, from: $day, to: $day }) { cohorts { start size values { offset complete } } } } }`;
  const cohort = await eventually(async () => {
    const res = await gql(url, RETENTION, { day: today }, finance);
    const c = res.data?.analytics.retention.cohorts[0];
    return c?.size === 1 ? c : undefined;
  }, 'the signup to reach the analytics cohort', 20_000);
  expect(cohort).toEqual({ start: today, size: 1, values: [1, 7, 30].map((offset) => ({ offset, complete: false })) });

  const bus = await connectBus({ url: TEST_NATS_URL, ns: stack.ns, name: 'e2e-llm-router' });
  try {
    const data: LlmUsageData = {
      callId: `e2e-${suffix}`, provider: 'anthropic', model: 'anthropic/claude-sonnet-4', tier: 'PREMIUM', userId: user.id, campaignId: null, purpose: 'moderation',
      inputTokens: 1200, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 80, reasoningTokens: 0, images: 0, costMicros: 4_800, priceVersion: 'e2e', status: 'ok',
      startedAt: new Date().toISOString(), durationMs: 700,
    };
    await bus.publish(usageSubject('anthropic'), createEnvelope(LLM_USAGE_EVENT, data, 'service:llm-router'));
  } finally {
    await bus.close();
  }
  const LLM = `query ($day: String!) { analytics { llmCost(input: { from: $day, to: $day, groupBy: [USER, DAY] }) {
    totals { calls costMicros inputTokens } edges { node { day user { id } usage { costMicros outputTokens } } } } } }`;
  const cost = await eventually(async () => {
    const res = await gql(url, LLM, { day: today }, finance);
    return res.data?.analytics.llmCost.totals.calls === 1 ? res.data.analytics.llmCost : undefined;
  }, 'the usage event to reach the cost rollups', 20_000);
  expect(cost).toEqual({ totals: { calls: 1, costMicros: 4_800, inputTokens: 1200 }, edges: [{ node: { day: today, user: { id: user.id }, usage: { costMicros: 4_800, outputTokens: 80 } } }] });

  expect(errorCode(await gql(url, LLM, { day: today }, accessToken))).toBe('FORBIDDEN');
  expect(errorCode(await gql(url, LLM, { day: today }))).toBe('UNAUTHENTICATED');
  expect(errorCode(await gql(url, `{ analytics { funnel(input: { from: "${today}", to: "2020-01-01" }) { from } } }`, {}, finance))).toBe('BAD_USER_INPUT');
}, 60_000);
