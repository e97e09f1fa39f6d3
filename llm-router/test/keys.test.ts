/** Per-user virtual keys (hashed at rest, created by the admin API) and per-key rate limits. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import OpenAI from 'openai';
import { ADMIN_TOKEN, attribution, ledgerRow, startRouter, type TestRouter } from './helpers.ts';

let router: TestRouter;
beforeAll(async () => {
  router = await startRouter({ limits: { service: { rpm: 0, tpm: 0 }, keyDefaults: { rpm: 100, tpm: 1_000_000 } } });
});
afterAll(() => router?.close());

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${router.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const createKey = async (body: Record<string, unknown>) => (await (await admin('POST', '/v1/keys', body)).json()) as { id: string; key: string; prefix: string };
const ask = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello' }] };

test('a virtual key is shown once and stored only as a hash', async () => {
  const res = await admin('POST', '/v1/keys', { userId: 'user-k1', name: 'web app' });
  expect(res.status).toBe(201);
  const created = (await res.json()) as { id: string; key: string };
  expect(created.key).toStartWith('sk-st-');
  expect(created.key.length).toBeGreaterThan(40);
  const [row] = await router.sql<{ key_hash: string; prefix: string }>(`select key_hash, prefix from llm_router.virtual_key where id = ?`, [created.id]);
  expect(row!.key_hash).toBe(new Bun.CryptoHasher('sha256').update(created.key).digest('hex'));
  expect(row!.key_hash).not.toContain(created.key.slice(6));
  const list = (await (await admin('GET', '/v1/keys?userId=user-k1')).json()) as { data: Array<Record<string, unknown>> };
  expect(list.data).toHaveLength(1);
  expect(list.data[0]).toMatchObject({ id: created.id, userId: 'user-k1', name: 'web app', prefix: created.key.slice(0, 12) });
  expect(JSON.stringify(list)).not.toContain(created.key);
  expect((await admin('POST', '/v1/keys', { name: 'no user' })).status).toBe(400);
  expect((await fetch(`${router.url}/v1/keys`, { method: 'POST', headers: { authorization: 'Bearer test-service-token' }, body: '{}' })).status).toBe(403);
});

test("calls with a virtual key are attributed to the key's user; another user is refused; a revoked key is refused", async () => {
  const { id, key } = await createKey({ userId: 'user-k2' });
  const client = new OpenAI({ apiKey: key, baseURL: `${router.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-startales-campaign': 'camp-k' } });
  const { response } = await client.chat.completions.create(ask).withResponse();
  expect(await ledgerRow(router, response.headers.get('x-startales-call-id')!)).toMatchObject({ user_id: 'user-k2', key_id: id, campaign_id: 'camp-k', purpose: 'generation' });

  const spoof = await router.openai(attribution('someone-else'), key).chat.completions.create(ask).catch((e: unknown) => e);
  expect(spoof).toBeInstanceOf(OpenAI.PermissionDeniedError);

  // the Anthropic SDK's x-api-key works too
  const anthropic = await router.anthropic({}, key).messages.create({ ...ask, max_tokens: 20 });
  expect(anthropic.type).toBe('message');

  expect((await admin('DELETE', `/v1/keys/${id}`)).status).toBe(200);
  const revoked = await client.chat.completions.create(ask).catch((e: unknown) => e);
  expect(revoked).toBeInstanceOf(OpenAI.AuthenticationError);
  expect((await admin('DELETE', '/v1/keys/00000000-0000-0000-0000-000000000000')).status).toBe(404);
});

test('requests per minute: past the limit a 429 with Retry-After', async () => {
  const { key } = await createKey({ userId: 'user-k3', rpm: 2 });
  const client = router.openai({}, key);
  await client.chat.completions.create(ask);
  await client.chat.completions.create(ask);
  const error = await client.chat.completions.create(ask).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  const retryAfter = Number((error as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect((error as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('RATE_LIMITED');
});

test('tokens per minute: estimated on admission, corrected by the reported usage', async () => {
  const { key } = await createKey({ userId: 'user-k4', tpm: 400 });
  const client = router.openai({}, key);
  // each call: a ~30-token estimate + 100 max_tokens on admission, then 120 reported tokens (100 in + 20 out)
  await client.chat.completions.create({ ...ask, max_tokens: 100 });
  await client.chat.completions.create({ ...ask, max_tokens: 100 });
  await client.chat.completions.create({ ...ask, max_tokens: 100 });
  const error = await client.chat.completions.create({ ...ask, max_tokens: 100 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  expect((error as Error).message).toContain('tokens per minute');
  // another key has its own window
  const other = await createKey({ userId: 'user-k4', tpm: 400 });
  await router.openai({}, other.key).chat.completions.create({ ...ask, max_tokens: 100 });
});
