/** Budgets: the admin API, reservations under concurrency, settlement, release on failure, periods. */
import { afterAll, afterEach, beforeAll, expect, test } from 'bun:test';
import OpenAI from 'openai';
import { eventually } from '@startales/testing';
import { ADMIN_TOKEN, attribution, startRouter, type TestRouter } from './helpers.ts';
import { openaiError } from './fakes/openai.ts';

let router: TestRouter;
beforeAll(async () => {
  router = await startRouter();
});
afterAll(() => router?.close());
afterEach(() => router.resetFakes());

const admin = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) =>
  fetch(`${router.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const budget = async (scope: string, id: string) => (await (await admin('GET', `/v1/budgets/${scope}/${id}`)).json()) as Record<string, any>;
const ask = (model = 'openai/gpt-4o-mini') => ({ model, max_tokens: 100, messages: [{ role: 'user' as const, content: 'Roll for it.' }] });

test('PUT then GET a budget; the admin API needs the admin token and valid input', async () => {
  const put = await admin('PUT', '/v1/budgets/user/u-admin', { limitMicros: 5_000_000, period: 'day' });
  expect(put.status).toBe(200);
  expect(await budget('user', 'u-admin')).toMatchObject({ scope: 'user', id: 'u-admin', limitMicros: 5_000_000, spentMicros: 0, reservedMicros: 0, period: 'day' });
  expect((await admin('PUT', '/v1/budgets/user/u-admin', { limitMicros: 7, period: 'total' })).status).toBe(200);
  expect(await budget('user', 'u-admin')).toMatchObject({ limitMicros: 7, period: 'total' });

  expect((await admin('GET', '/v1/budgets/user/nobody')).status).toBe(404);
  expect((await admin('PUT', '/v1/budgets/planet/x', { limitMicros: 1 })).status).toBe(400);
  expect((await admin('PUT', '/v1/budgets/tier/GOLD', { limitMicros: 1 })).status).toBe(400);
  const bad = await admin('PUT', '/v1/budgets/user/u1', { limitMicros: 1.5 });
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ error: { param: 'limitMicros' } });
  expect((await admin('PUT', '/v1/budgets/user/u1', { limitMicros: 1, period: 'fortnight' })).status).toBe(400);
  expect((await admin('PUT', '/v1/budgets/user/u1', { limitMicros: 1 }, 'test-service-token')).status).toBe(403);
  expect((await fetch(`${router.url}/v1/budgets/user/u1`)).status).toBe(401);
});

test('a call that could overrun a budget is refused with 402 before reaching the provider', async () => {
  await admin('PUT', '/v1/budgets/campaign/camp-poor', { limitMicros: 10, period: 'month' });
  const before = router.fakes.openai.requests.length;
  const error = await router
    .openai(attribution('u-poor', { 'x-startales-campaign': 'camp-poor' }))
    .chat.completions.create(ask())
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.APIError);
  expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(402);
  expect((error as Error).message).toContain('campaign budget "camp-poor"');
  expect(router.fakes.openai.requests.length).toBe(before);
  expect(await budget('campaign', 'camp-poor')).toMatchObject({ spentMicros: 0, reservedMicros: 0 });
});

test('200 concurrent calls against a budget of B: spent never passes B and no reservation leaks', async () => {
  const B = 2_000;
  await admin('PUT', '/v1/budgets/campaign/camp-race', { limitMicros: B, period: 'total' });
  // every user of the campaign also has a roomy budget of their own: all three budgets are reserved together
  for (let u = 0; u < 4; u++) await admin('PUT', `/v1/budgets/user/racer-${u}`, { limitMicros: 1_000_000, period: 'day' });
  router.fakes.openai.reply.usage = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };
  // answers are held until every call has been admitted or refused: reservations alone decide who runs
  const release = Promise.withResolvers<void>();
  router.fakes.openai.gate = release.promise;
  const upstreamBefore = router.fakes.openai.requests.length;
  let answered = 0;
  const pending = Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      router
        .openai(attribution(`racer-${i % 4}`, { 'x-startales-campaign': 'camp-race' }))
        .chat.completions.create(ask())
        .then(() => 200)
        .catch((e: { status?: number }) => e.status ?? 0)
        .finally(() => answered++),
    ),
  );
  await eventually(async () => answered + router.fakes.openai.requests.length - upstreamBefore === 200, 'every call to be admitted or refused');
  release.resolve();
  const results = await pending;
  await router.settled();
  const ok = results.filter((s) => s === 200).length;
  const refused = results.filter((s) => s === 402).length;
  expect(ok + refused).toBe(200);
  expect(ok).toBeGreaterThan(0);
  expect(refused).toBeGreaterThan(0);
  const campaign = await budget('campaign', 'camp-race');
  expect(campaign.spentMicros).toBeLessThanOrEqual(B);
  expect(campaign.reservedMicros).toBe(0);
  // 100 × $0.15 + 20 × $0.60 per million = 27 micro-dollars a call
  expect(campaign.spentMicros).toBe(ok * 27);
  // every call reserved the same maximum R, so exactly ⌊B / R⌋ of them fit
  const [{ reserved_micros: R }] = (await router.sql(`select reserved_micros from llm_router.ledger_entry where campaign_id = 'camp-race' limit 1`)) as [{ reserved_micros: string }];
  expect(ok).toBe(Math.floor(B / Number(R)));
  const [ledger] = await router.sql<{ n: string; total: string }>(
    `select count(*) as n, sum(cost_micros) as total from llm_router.ledger_entry where campaign_id = 'camp-race'`,
  );
  expect(Number(ledger!.n)).toBe(ok);
  expect(Number(ledger!.total)).toBe(campaign.spentMicros);
  let users = 0;
  for (let u = 0; u < 4; u++) {
    const b = await budget('user', `racer-${u}`);
    expect(b.reservedMicros).toBe(0);
    users += b.spentMicros;
  }
  expect(users).toBe(campaign.spentMicros);
});

test('a failed call releases its reservation and spends nothing', async () => {
  await admin('PUT', '/v1/budgets/user/u-fail', { limitMicros: 1_000_000, period: 'month' });
  router.fakes.openai.fail(openaiError(400, "Invalid 'messages': too long", 'invalid_value'));
  const error = await router.openai(attribution('u-fail')).chat.completions.create(ask()).catch((e: unknown) => e);
  expect((error as { status?: number }).status).toBe(400);
  await router.settled();
  expect(await budget('user', 'u-fail')).toMatchObject({ spentMicros: 0, reservedMicros: 0 });
  const [row] = await router.sql(`select status, cost_micros from llm_router.ledger_entry where user_id = 'u-fail'`);
  expect(row).toEqual({ status: 'error', cost_micros: '0' });
});

test('tier budgets apply to every call of the tier, whatever model serves it', async () => {
  await admin('PUT', '/v1/budgets/tier/ECONOMY', { limitMicros: 0, period: 'day' });
  // free models still pass a zero budget; paid ones do not
  await router.openai().chat.completions.create({ ...ask('ollama/llama3.1:8b') });
  const error = await router.openai().chat.completions.create(ask('openai/gpt-4o-mini')).catch((e: unknown) => e);
  expect((error as { status?: number }).status).toBe(402);
  await admin('DELETE', '/v1/budgets/tier/ECONOMY');
  await router.openai().chat.completions.create(ask('openai/gpt-4o-mini'));
});

test('a new period starts from zero spent', async () => {
  await admin('PUT', '/v1/budgets/user/u-daily', { limitMicros: 100, period: 'day' });
  await router.sql(`update llm_router.budget set spent_micros = 100, period_start = now() - interval '1 day' where scope_id = 'u-daily'`);
  expect(await budget('user', 'u-daily')).toMatchObject({ spentMicros: 0 });
  await router.openai(attribution('u-daily')).chat.completions.create({ ...ask(), max_tokens: 10 });
  await router.settled();
  const b = await budget('user', 'u-daily');
  expect(b.spentMicros).toBe(27);
  expect(new Date(b.periodStart).getTime()).toBe(new Date(new Date().toISOString().slice(0, 10)).getTime());

  // the same spend in the current period blocks
  await router.sql(`update llm_router.budget set spent_micros = 100 where scope_id = 'u-daily'`);
  const error = await router.openai(attribution('u-daily')).chat.completions.create({ ...ask(), max_tokens: 10 }).catch((e: unknown) => e);
  expect((error as { status?: number }).status).toBe(402);
});
