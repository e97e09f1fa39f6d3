/** Several router processes on one database: shared budgets, and admin changes that apply on every process at once. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import OpenAI from 'openai';
import { ADMIN_TOKEN, attribution, startRouter, type RouterPeer, type TestRouter } from './helpers.ts';

let router: TestRouter;
let peer: RouterPeer;
beforeAll(async () => {
  router = await startRouter();
  peer = await router.peer();
});
afterAll(async () => {
  await peer?.close();
  await router?.close();
});

const admin = (base: string, method: string, path: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const ask = { model: 'openai/gpt-4o-mini', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Roll for it.' }] };
const status = (p: Promise<unknown>) => p.then(() => 200).catch((e: { status?: number }) => e.status ?? 0);

test('calls spread over two router processes never spend more than a shared budget, and nothing stays reserved', async () => {
  const B = 1_500;
  await admin(router.url, 'PUT', '/v1/budgets/campaign/c-shared', { limitMicros: B, period: 'total' });
  router.fakes.openai.reply.usage = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };
  const results = await Promise.all(
    Array.from({ length: 120 }, (_, i) =>
      status((i % 2 ? peer : router).openai(attribution(`sharer-${i % 5}`, { 'x-startales-campaign': 'c-shared' })).chat.completions.create(ask)),
    ),
  );
  await router.settled();
  await peer.app.meter.idle();
  const ok = results.filter((s) => s === 200).length;
  expect(ok + results.filter((s) => s === 402).length).toBe(120);
  expect(ok).toBeGreaterThan(0);
  // each process hands back its own unused lease when the budget is read through it
  await admin(peer.url, 'GET', '/v1/budgets/campaign/c-shared');
  const budget = (await (await admin(router.url, 'GET', '/v1/budgets/campaign/c-shared')).json()) as { spentMicros: number; reservedMicros: number };
  expect(budget.reservedMicros).toBe(0);
  expect(budget.spentMicros).toBeLessThanOrEqual(B);
  expect(budget.spentMicros).toBe(ok * 27);
  const [ledger] = await router.sql<{ n: string }>(`select count(*) as n from llm_router.ledger_entry where campaign_id = 'c-shared' and status = 'ok'`);
  expect(Number(ledger!.n)).toBe(ok);
});

test('a budget lowered through one process applies on the other at once, not only when its lease expires', async () => {
  await admin(router.url, 'PUT', '/v1/budgets/user/u-lowered-peer', { limitMicros: 1_000_000, period: 'total' });
  const client = peer.openai(attribution('u-lowered-peer'));
  expect(await status(client.chat.completions.create(ask))).toBe(200);
  // the peer now holds a lease with room for many more calls like it; the limit drops to what is spent
  await peer.app.meter.idle();
  const spent = ((await (await admin(router.url, 'GET', '/v1/budgets/user/u-lowered-peer')).json()) as { spentMicros: number }).spentMicros;
  await admin(router.url, 'PUT', '/v1/budgets/user/u-lowered-peer', { limitMicros: spent, period: 'total' });
  await Bun.sleep(100);
  const error = await client.chat.completions.create(ask).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.APIError);
  expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(402);
});

test('a key revoked through one process is refused by the other at once', async () => {
  const created = (await (await admin(router.url, 'POST', '/v1/keys', { userId: 'u-revoked-peer' })).json()) as { id: string; key: string };
  const client = peer.openai({ 'x-startales-purpose': 'narration' }, created.key);
  // the peer has seen (and cached) the key
  expect(await status(client.chat.completions.create(ask))).toBe(200);
  expect((await admin(router.url, 'DELETE', `/v1/keys/${created.id}`)).status).toBe(200);
  await Bun.sleep(100);
  const error = await client.chat.completions.create(ask).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
});

test("a key's requests-per-minute limit holds across router processes", async () => {
  const created = (await (await admin(router.url, 'POST', '/v1/keys', { userId: 'u-rpm-peer', rpm: 4 })).json()) as { key: string };
  const here = router.openai({ 'x-startales-purpose': 'narration' }, created.key);
  const there = peer.openai({ 'x-startales-purpose': 'narration' }, created.key);
  expect(await status(here.chat.completions.create(ask))).toBe(200);
  expect(await status(here.chat.completions.create(ask))).toBe(200);
  expect(await status(there.chat.completions.create(ask))).toBe(200);
  expect(await status(there.chat.completions.create(ask))).toBe(200);
  // each process has counted 2 of the 4; once they have told each other, neither admits a fifth
  await Bun.sleep(500);
  const refused = await there.chat.completions.create(ask).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
  expect(Number((refused as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(await status(here.chat.completions.create(ask))).toBe(429);
});
