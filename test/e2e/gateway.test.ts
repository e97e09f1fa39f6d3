/**
 * The gateway end to end with the real users process: a partner registers trusted documents with its session, its
 * API key then runs only those (trusted documents required, as in production), key rate limits answer 429 with
 * Retry-After from the shared Redis counters, and usage is counted per key.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { RedisClient } from 'bun';
import { startStack, gql, errorCode, REPO_ROOT, type Stack } from '@startales/testing';

let stack: Stack;
let url: string;
let partnerToken: string;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ME = `query PartnerMe { me { handle roles } }`;

async function createKey(name: string) {
  const res = await gql(url, `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`, { input: { name, scopes: ['read'] } }, partnerToken);
  expect(res.errors).toBeUndefined();
  return res.data!.createApiKey as { secret: string; apiKey: { id: string } };
}

const run = (body: Record<string, unknown>, key: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  stack = await startStack({ services: ['users', 'gateway'], env: { REQUIRE_TRUSTED_DOCUMENTS: 'true', RATE_LIMIT_KEY_REQUESTS: '4' } });
  url = stack.gatewayUrl;
  const handle = `gw_${Date.now().toString(36)}`;
  const reg = await gql(url, `mutation ($input: RegisterInput!) { register(input: $input) { user { id } } }`, {
    input: { email: `${handle}@example.com`, password: 'correct horse battery', handle },
  });
  expect(reg.errors).toBeUndefined();
  const grant = Bun.spawnSync(['bun', 'run', '--cwd', join(REPO_ROOT, 'subgraphs/users'), 'grant-role', `${handle}@example.com`, 'partner'], { env: { ...process.env, ...stack.env } });
  expect(grant.exitCode).toBe(0);
  const login = await gql(url, `mutation { login(input: { email: "${handle}@example.com", password: "correct horse battery" }) { accessToken } }`);
  partnerToken = login.data!.login.accessToken;
}, 120_000);

afterAll(() => stack?.stop(), 60_000);

test('a partner key runs only the documents its owner registered', async () => {
  const { secret } = await createKey('documents');
  // the text alone is refused: keys run registered documents only
  const text = await run({ query: ME }, secret);
  expect(text.status).toBe(400);
  expect(errorCode({ status: 400, ...((await text.json()) as object) })).toBe('PERSISTED_QUERY_REQUIRED');
  const unknown = await run({ documentId: sha256(`{ me { id } }`) }, secret);
  expect(errorCode({ status: unknown.status, ...((await unknown.json()) as object) })).toBe('PERSISTED_QUERY_NOT_FOUND');

  const registered = await gql(url, `mutation ($docs: [TrustedDocumentInput!]!) { registerTrustedDocuments(documents: $docs) { id } }`, { docs: [{ body: ME, name: 'me' }] }, partnerToken);
  expect(registered.data!.registerTrustedDocuments[0].id).toBe(sha256(ME));
  const ok = await run({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(ME) } } }, secret);
  expect(ok.status).toBe(200);
  const body = (await ok.json()) as { data: { me: { roles: string[] } } };
  expect(body.data.me.roles).toContain('PARTNER');
  // the partner's own session is not bound to documents
  expect((await gql(url, `{ me { handle } }`, {}, partnerToken)).errors).toBeUndefined();
});

test('per-key requests are limited through the shared store (429 + Retry-After) and usage is counted per key', async () => {
  const { secret, apiKey } = await createKey('limited');
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  for (let i = 0; i < 5; i++) {
    const res = await run({ documentId: sha256(ME) }, secret);
    statuses.push(res.status);
    if (res.status === 429) {
      retryAfter = res.headers.get('retry-after');
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    } else await res.arrayBuffer();
    expect(res.headers.get('x-request-id')).toBeTruthy();
  }
  expect(statuses).toEqual([200, 200, 200, 200, 429]);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  const redis = new RedisClient(Bun.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const usage = await redis.hgetall(`startales:gateway:${stack.ns}:usage:${apiKey.id}:${new Date().toISOString().slice(0, 10)}`);
  redis.close();
  expect(usage).toMatchObject({ requests: '4' });
  expect(Number((usage as Record<string, string>).cost)).toBeGreaterThan(0);
});
