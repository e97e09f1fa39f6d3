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

const leaseOf = async (instance: string, scopeId: string) =>
  Number((await router.sql<{ amount_micros: string }>(`select amount_micros from llm_router.budget_lease where instance_id = ? and scope_id = ?`, [instance, scopeId]))[0]?.amount_micros ?? 0);
const budgetRow = async (scopeId: string) => {
  const [row] = await router.sql<{ reserved_micros: string; spent_micros: string }>(`select reserved_micros, spent_micros from llm_router.budget where scope_id = ?`, [scopeId]);
  return { reserved: Number(row!.reserved_micros), spent: Number(row!.spent_micros) };
};

test("the calls and leases of a router process that died are metered and released by another; a live process's are left alone", async () => {
  await admin('PUT', '/v1/budgets/user/u-dead', { limitMicros: 1_000_000, period: 'month' });
  const keys: BudgetKey[] = [{ scope: 'user', id: 'u-dead' }];
  const dead = crypto.randomUUID();
  const alive = crypto.randomUUID();
  // two other router processes (their idle leases stay put for the test)
  const deadBudgets = createBudgetService(router.db, { instanceId: dead, logger, idleMs: 3_600_000 });
  const aliveBudgets = createBudgetService(router.db, { instanceId: alive, logger, idleMs: 3_600_000 });
  const lost = flight(dead, 'u-dead');
  const living = flight(alive, 'u-dead');
  // a process that is still alive holds the lock on its instance id
  const aliveLock = await router.db.reserve();
  await aliveLock.unsafe('select pg_advisory_lock($1, hashtext($2))', [INSTANCE_LOCK_NS, alive]);
  const a = await deadBudgets.reserve(keys, 1_234, lost);
  const b = await aliveBudgets.reserve(keys, 1_000, living);
  expect(a.ok && b.ok).toBe(true);
  await deadBudgets.flightsWritten();
  await aliveBudgets.flightsWritten();
  const deadLease = await leaseOf(dead, 'u-dead');
  const aliveLease = await leaseOf(alive, 'u-dead');
  expect(deadLease).toBeGreaterThanOrEqual(1_234);
  expect(aliveLease).toBeGreaterThanOrEqual(1_000);
  // the budget row holds both leases (read from the table: the admin GET hands back its own process's first)
  expect(await budgetRow('u-dead')).toEqual({ reserved: deadLease + aliveLease, spent: 0 });

  const recovery = await startRecovery({ db: router.db, meter: router.app.meter, instanceId: router.app.instanceId, logger, intervalMs: 60_000 });
  try {
    await eventually(async () => (await inFlight(lost.id)).length === 0 && (await leaseOf(dead, 'u-dead')) === 0, 'the dead process call to be metered and its lease released');
    expect(await recovery.sweep()).toBe(0);
    const [row] = await router.sql(`select status, error_code, cost_micros, reserved_micros, usage_estimated, user_id from llm_router.ledger_entry where id = ?`, [lost.id]);
    expect(row).toMatchObject({ status: 'error', error_code: 'router_lost', usage_estimated: true, user_id: 'u-dead' });
    expect(Number(row!.cost_micros)).toBe(1_234);
    expect(Number(row!.reserved_micros)).toBe(1_234);
    // the dead lease is gone (the most the call could have cost spent out of it, the rest released); the living
    // process's lease and in-flight call are untouched
    expect(await budgetRow('u-dead')).toEqual({ reserved: aliveLease, spent: 1_234 });
    expect(await router.sql(`select 1 from llm_router.budget_lease where instance_id = ?`, [dead])).toEqual([]);
    expect(await inFlight(living.id)).toHaveLength(1);
    await router.relay.flush();
    const msg = await router.bus.jsm.streams.getMessage(router.bus.streamName('USAGE' as never), { last_by_subj: router.bus.subject('llm.usage.openai') });
    expect(msg?.json<{ data: { callId: string; costMicros: number; status: string } }>().data).toMatchObject({ callId: lost.id, costMicros: 1_234, status: 'error' });
  } finally {
    await recovery.stop();
    await aliveLock.unsafe('select pg_advisory_unlock($1, hashtext($2))', [INSTANCE_LOCK_NS, alive]);
    aliveLock.release();
  }
  // the living process then writes its call: settled once out of its lease, removed from flight
  const reservation = b.ok ? b.reservation : null;
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
    reservation,
    priceVersion: router.prices.version,
    attempts: 1,
    errorCode: null,
    errorMessage: null,
  });
  await router.settled();
  expect(await budgetRow('u-dead')).toEqual({ reserved: aliveLease - 8, spent: 1_242 });
  expect(await leaseOf(alive, 'u-dead')).toBe(aliveLease - 8);
  expect(await inFlight(living.id)).toHaveLength(0);
  // ...and, at its shutdown, hands back what its lease still holds
  aliveBudgets.finish(reservation!, 8);
  aliveBudgets.settled([{ reservation, costMicros: 8 }]);
  await aliveBudgets.close();
  expect(await budgetRow('u-dead')).toEqual({ reserved: 0, spent: 1_242 });
});

test('calls arriving together are decided exactly: each lease grows by what is left, a call that does not fit is refused', async () => {
  await admin('PUT', '/v1/budgets/campaign/c-batch', { limitMicros: 100, period: 'total' });
  const instanceId = crypto.randomUUID();
  const budgets = createBudgetService(router.db, { instanceId, logger, idleMs: 3_600_000 });
  const keys: BudgetKey[] = [{ scope: 'campaign', id: 'c-batch' }];
  // the first takes 60 (all a quarter of what is left cannot cover it); 50 then does not fit in the 40 left, 30 and 10 do
  const results = await Promise.all([60, 50, 30, 10].map((amount) => budgets.reserve(keys, amount, flight(instanceId, 'u-batch'))));
  expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
  expect(await budgetRow('c-batch')).toEqual({ reserved: 100, spent: 0 });
  expect(await leaseOf(instanceId, 'c-batch')).toBe(100);
  const refused = results[1]!;
  if (!refused.ok) expect(refused.refused[0]).toMatchObject({ scope: 'campaign', id: 'c-batch', limitMicros: 100 });
  // the calls end without spending: the lease goes back whole
  for (const r of results) if (r.ok) budgets.finish(r.reservation, 0);
  await budgets.flightsWritten();
  await budgets.close();
  expect(await budgetRow('c-batch')).toEqual({ reserved: 0, spent: 0 });
  await router.sql(`delete from llm_router.call_in_flight where call->>'userId' = 'u-batch'`);
});

test('router processes sharing a budget never hold more than its limit between them; an idle lease goes back by itself', async () => {
  await admin('PUT', '/v1/budgets/tier/PREMIUM', { limitMicros: 1_000, period: 'total' });
  const keys: BudgetKey[] = [{ scope: 'tier', id: 'PREMIUM' }];
  const processes = [0, 1, 2].map(() => {
    const instanceId = crypto.randomUUID();
    return { instanceId, budgets: createBudgetService(router.db, { instanceId, logger, idleMs: 200 }) };
  });
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) => {
      const p = processes[i % 3]!;
      return p.budgets.reserve(keys, 100, flight(p.instanceId, 'u-shared'));
    }),
  );
  const granted = results.filter((r) => r.ok);
  expect(granted).toHaveLength(10);
  const row = await budgetRow('PREMIUM');
  expect(row.reserved).toBeLessThanOrEqual(1_000);
  let leased = 0;
  for (const p of processes) leased += await leaseOf(p.instanceId, 'PREMIUM');
  expect(leased).toBe(row.reserved);
  // every call ends at no cost: each process hands its lease back once idle, nobody asks it to
  results.forEach((r, i) => {
    if (r.ok) processes[i % 3]!.budgets.finish(r.reservation, 0);
  });
  await eventually(async () => (await budgetRow('PREMIUM')).reserved === 0, 'idle leases to go back');
  for (const p of processes) {
    await p.budgets.flightsWritten();
    await p.budgets.close();
  }
  await router.sql(`delete from llm_router.call_in_flight where call->>'userId' = 'u-shared'`);
  await admin('DELETE', '/v1/budgets/tier/PREMIUM');
});

test('a lease is checked against its budget again after its time to live: a lowered limit applies to other processes', async () => {
  await admin('PUT', '/v1/budgets/user/u-lowered', { limitMicros: 100_000, period: 'total' });
  const instanceId = crypto.randomUUID();
  const budgets = createBudgetService(router.db, { instanceId, logger, ttlMs: 100, idleMs: 3_600_000 });
  const keys: BudgetKey[] = [{ scope: 'user', id: 'u-lowered' }];
  const first = await budgets.reserve(keys, 1_000, flight(instanceId, 'u-lowered'));
  expect(first.ok).toBe(true);
  // its lease has room for more calls like it...
  expect(await leaseOf(instanceId, 'u-lowered')).toBeGreaterThan(2_000);
  // ...until an admin, through another process, lowers the limit below what is held
  await admin('PUT', '/v1/budgets/user/u-lowered', { limitMicros: 1_500, period: 'total' });
  await Bun.sleep(150);
  const second = await budgets.reserve(keys, 1_000, flight(instanceId, 'u-lowered'));
  expect(second.ok).toBe(false);
  // what the lease held beyond the new limit went back: the call in flight keeps its 1,000, 500 stay free
  expect(await leaseOf(instanceId, 'u-lowered')).toBe(1_500);
  expect((await budgetRow('u-lowered')).reserved).toBe(1_500);
  // ...which a smaller call can still use, without passing the limit
  const third = await budgets.reserve(keys, 400, flight(instanceId, 'u-lowered'));
  expect(third.ok).toBe(true);
  if (third.ok) budgets.finish(third.reservation, 0);
  if (first.ok) budgets.finish(first.reservation, 0);
  await budgets.flightsWritten();
  await budgets.close();
  expect((await budgetRow('u-lowered')).reserved).toBe(0);
  await router.sql(`delete from llm_router.call_in_flight where call->>'userId' = 'u-lowered'`);
});
