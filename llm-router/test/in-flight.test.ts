import { afterAll, beforeAll, beforeEach, expect, test } from 'bun:test';
import { createLogger } from '@startales/kit';
import { eventually } from '@startales/testing';
import { createBudgetService, type BudgetKey, type Flight } from '../src/modules/budgets/service.ts';
import { INSTANCE_LOCK_NS, startRecovery } from '../src/modules/metering/recovery.ts';
import { ADMIN_TOKEN, attribution, startRouter, type TestRouter } from './helpers.ts';

let router: TestRouter;
beforeAll(async () => {
  router = await startRouter();
});
afterAll(async () => {
  await router?.close();
});
beforeEach(() => router.resetFakes());

const logger = createLogger({ service: 'llm-router-test', level: 'silent' });
const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${router.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const budget = async (scope: string, id: string) => (await (await admin('GET', `/v1/budgets/${scope}/${id}`)).json()) as { spentMicros: number; reservedMicros: number };
const inFlight = (id?: string) =>
  router.sql<{ id: string; reserved_micros: string; reserved_budgets: unknown }>(
    `select id, reserved_micros, reserved_budgets from llm_router.call_in_flight${id ? ' where id = ?' : ''}`,
    id ? [id] : [],
  );
const flight = (instanceId: string, user: string): Flight => ({
  id: Bun.randomUUIDv7(),
  instanceId,
  startedAt: new Date().toISOString(),
  call: {
    keyId: 'service',
    userId: user,
    campaignId: null,
    purpose: 'narration',
    endpoint: 'chat',
    stream: false,
    requestedModel: 'openai/gpt-4o-mini',
    provider: 'openai',
    model: 'openai/gpt-4o-mini',
    tier: 'ECONOMY',
    priceVersion: router.prices.version,
  },
});

test('an admitted call is in call_in_flight, with its reservation, until the write of its ledger row removes it', async () => {
  await admin('PUT', '/v1/budgets/user/u-flight', { limitMicros: 1_000_000, period: 'month' });
  const release = Promise.withResolvers<void>();
  router.fakes.openai.gate = release.promise;
  const call = router.openai(attribution('u-flight')).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 100 });
  const [row] = await eventually(async () => {
    const rows = await inFlight();
    return rows.length ? rows : undefined;
  }, 'the call to be in flight');
  const held = await budget('user', 'u-flight');
  expect(held.reservedMicros).toBeGreaterThan(0);
  expect(Number(row!.reserved_micros)).toBe(held.reservedMicros);
  expect(row!.reserved_budgets).toEqual(expect.arrayContaining([{ scope: 'user', scope_id: 'u-flight' }]));
  release.resolve();
  const { response } = await call.withResponse();
  await router.settled();
  expect(await inFlight()).toEqual([]);
  const [ledger] = await router.sql(`select status, reserved_micros from llm_router.ledger_entry where id = ?`, [response.headers.get('x-startales-call-id')]);
  expect(ledger).toMatchObject({ status: 'ok' });
  expect(await budget('user', 'u-flight')).toMatchObject({ reservedMicros: 0 });
});

test("the calls of a router process that died are metered by another: ledger row, budgets settled, usage event; a live process's are left alone", async () => {
  await admin('PUT', '/v1/budgets/user/u-dead', { limitMicros: 1_000_000, period: 'month' });
  const budgets = createBudgetService(router.db);
  const keys: BudgetKey[] = [{ scope: 'user', id: 'u-dead' }];
  const dead = crypto.randomUUID();
  const alive = crypto.randomUUID();
  const lost = flight(dead, 'u-dead');
  const living = flight(alive, 'u-dead');
  // a process that is still alive holds the lock on its instance id
  const aliveLock = await router.db.reserve();
  await aliveLock.unsafe('select pg_advisory_lock($1, hashtext($2))', [INSTANCE_LOCK_NS, alive]);
  const a = await budgets.reserve(keys, 1_234, lost);
  const b = await budgets.reserve(keys, 1_000, living);
  expect(a.ok && b.ok).toBe(true);
  expect(await budget('user', 'u-dead')).toMatchObject({ reservedMicros: 2_234, spentMicros: 0 });

  const recovery = await startRecovery({ db: router.db, meter: router.app.meter, instanceId: router.app.instanceId, logger, intervalMs: 60_000 });
  try {
    await eventually(async () => (await inFlight(lost.id)).length === 0, 'the dead process call to be metered');
    expect(await recovery.sweep()).toBe(0);
    const [row] = await router.sql(`select status, error_code, cost_micros, reserved_micros, usage_estimated, user_id from llm_router.ledger_entry where id = ?`, [lost.id]);
    expect(row).toMatchObject({ status: 'error', error_code: 'router_lost', usage_estimated: true, user_id: 'u-dead' });
    expect(Number(row!.cost_micros)).toBe(1_234);
    expect(Number(row!.reserved_micros)).toBe(1_234);
    // released what it held, spent the most it could have cost; the living process's reservation is untouched
    expect(await budget('user', 'u-dead')).toMatchObject({ reservedMicros: 1_000, spentMicros: 1_234 });
    expect(await inFlight(living.id)).toHaveLength(1);
    await router.relay.flush();
    const msg = await router.bus.jsm.streams.getMessage(router.bus.streamName('USAGE' as never), { last_by_subj: router.bus.subject('llm.usage.openai') });
    expect(msg?.json<{ data: { callId: string; costMicros: number; status: string } }>().data).toMatchObject({ callId: lost.id, costMicros: 1_234, status: 'error' });
  } finally {
    await recovery.stop();
    await aliveLock.unsafe('select pg_advisory_unlock($1, hashtext($2))', [INSTANCE_LOCK_NS, alive]);
    aliveLock.release();
  }
  // the living process then writes its call: settled once, removed from flight
  router.app.meter.record({
    id: living.id,
    startedAt: new Date(living.startedAt),
    durationMs: 5,
    keyId: 'service',
    userId: 'u-dead',
    campaignId: null,
    purpose: 'narration',
    endpoint: 'chat',
    stream: false,
    requestedModel: 'openai/gpt-4o-mini',
    provider: 'openai',
    model: 'openai/gpt-4o-mini',
    tier: 'ECONOMY',
    status: 'ok',
    usage: { inputTokens: 10, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 10, reasoningTokens: 0, images: 0 },
    usageEstimated: false,
    costMicros: 8,
    reservation: b.ok ? b.reservation : null,
    priceVersion: router.prices.version,
    attempts: 1,
    errorCode: null,
    errorMessage: null,
  });
  await router.settled();
  expect(await budget('user', 'u-dead')).toMatchObject({ reservedMicros: 0, spentMicros: 1_242 });
  expect(await inFlight(living.id)).toHaveLength(0);
});

test('reservations arriving together are decided in one statement, and exactly: a call refused in the batch gets its own verdict', async () => {
  await admin('PUT', '/v1/budgets/campaign/c-batch', { limitMicros: 100, period: 'total' });
  // one statement at a time, so the three calls that arrive while the first runs form one batch
  const budgets = createBudgetService(router.db, { maxInFlight: 1 });
  const keys: BudgetKey[] = [{ scope: 'campaign', id: 'c-batch' }];
  // the first goes alone; the next three wait for it and go in one statement, which (counting 50 as granted)
  // refuses 30 and 10 too; each then gets its exact verdict alone: 50 does not fit, 30 and 10 do
  const results = await Promise.all([60, 50, 30, 10].map((amount) => budgets.reserve(keys, amount, flight(router.app.instanceId, 'u-batch'))));
  expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
  expect(await budget('campaign', 'c-batch')).toMatchObject({ reservedMicros: 100, spentMicros: 0 });
  const refused = results[1]!;
  if (!refused.ok) expect(refused.refused[0]).toMatchObject({ scope: 'campaign', id: 'c-batch', limitMicros: 100 });
  // clean up what the three granted calls hold, as their meter writes would
  await router.sql(`delete from llm_router.call_in_flight where call->>'userId' = 'u-batch'`);
  await router.sql(`update llm_router.budget set reserved_micros = 0 where scope = 'campaign' and scope_id = 'c-batch'`);
});
