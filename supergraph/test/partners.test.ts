/**
 * Partners and production policy, in process over the fixture subgraphs: key scopes, trusted documents, rate limits
 * shared by two replicas through Redis (REDIS_URL, default 127.0.0.1:6379), usage per key, introspection and
 * suggestions in production.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { startFixtureSubgraphs, type FixtureSubgraphs } from './fixtures/subgraphs.ts';
import { bearer, buildGateway, code, fakeExchanger, logger, partnerToken, userToken, type BuiltGateway } from './harness.ts';
import { createRedisRateLimiter, type RateLimiter } from '../src/rate-limit.ts';
import type { TrustedDocumentStore } from '../src/documents.ts';

const REDIS_URL = Bun.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let fixture: FixtureSubgraphs;
const keys = new Map<string, string>();
const ownerId = Bun.randomUUIDv7();
const REGISTERED = `query Users { users(first: 2) { id name } }`;
/** Documents registered per partner (what the users documents module holds). */
const store: TrustedDocumentStore = {
  async get(principal, id) {
    return principal.userId === ownerId && id === sha256(REGISTERED) ? REGISTERED : null;
  },
};
let prod: BuiltGateway;

beforeAll(async () => {
  fixture = startFixtureSubgraphs();
  keys.set('stk_read', await partnerToken({ userId: ownerId, scopes: ['read'] }));
  keys.set('stk_login', await partnerToken({ userId: ownerId, scopes: ['operation:login'] }));
  prod = await buildGateway({ supergraphSdl: fixture.supergraphSdl, production: true, apiKeys: fakeExchanger(keys), documents: store });
});
afterAll(async () => {
  await prod?.stop();
  fixture?.close();
});

describe('partner keys', () => {
  test('a key without the scope is refused before anything runs', async () => {
    const dev = await buildGateway({ supergraphSdl: fixture.supergraphSdl, apiKeys: fakeExchanger(keys), documents: store });
    const before = fixture.controls.requests.accounts;
    const denied = await dev.gql(`mutation { login(password: "right") }`, {}, bearer('stk_read'));
    expect(code(denied)).toBe('FORBIDDEN');
    expect(denied.errors![0].extensions.missingScopes).toEqual(['operation:login']);
    expect(fixture.controls.requests.accounts).toBe(before);
    expect((await dev.gql(`mutation { login(password: "right") }`, {}, bearer('stk_login'))).data.login).toBe('token');
    expect(code(await dev.gql(`{ me { id } }`, {}, bearer('stk_login')))).toBe('FORBIDDEN');
    expect((await dev.gql(`{ me { id } }`, {}, bearer('stk_read'))).data.me.id).toBe('u0');
    expect(code(await dev.gql(`{ me { id } }`, {}, bearer('stk_unknown')))).toBe('UNAUTHENTICATED');
    await dev.stop();
  });

  test('production: a key runs only documents its owner registered, by id', async () => {
    const id = sha256(REGISTERED);
    const byHash = await prod.post({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } }, bearer('stk_read'));
    expect(((await byHash.json()) as any).data.users).toEqual([{ id: 'u0', name: 'User 0' }, { id: 'u1', name: 'User 1' }]);
    const byDocumentId = await prod.post({ documentId: `sha256:${id}` }, bearer('stk_read'));
    expect(((await byDocumentId.json()) as any).data.users).toHaveLength(2);
    // the text with its id is fine; the text alone, or an unregistered document, is not
    expect((await prod.post({ query: REGISTERED, extensions: { persistedQuery: { version: 1, sha256Hash: id } } }, bearer('stk_read'))).status).toBe(200);
    const text = await prod.gql(REGISTERED, {}, bearer('stk_read'));
    expect(text.status).toBe(400);
    expect(code(text)).toBe('PERSISTED_QUERY_REQUIRED');
    const other = `{ users(first: 3) { id } }`;
    const unregistered = await prod.post({ query: other, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(other) } } }, bearer('stk_read'));
    expect(code((await unregistered.json()) as any)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(code((await (await prod.post({ documentId: 'f'.repeat(64) }, bearer('stk_read'))).json()) as any)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const mismatch = await prod.post({ query: other, extensions: { persistedQuery: { version: 1, sha256Hash: id } } }, bearer('stk_read'));
    expect(code((await mismatch.json()) as any)).toBe('BAD_USER_INPUT');
    // another partner's key cannot run this partner's document
    keys.set('stk_stranger', await partnerToken({ scopes: ['read'] }));
    expect(code((await (await prod.post({ documentId: id }, bearer('stk_stranger'))).json()) as any)).toBe('PERSISTED_QUERY_NOT_FOUND');
    // players (the web app) still send their operations as text
    expect((await prod.gql(`{ me { name } }`, {}, bearer(await userToken()))).data.me.name).toBe('User 0');
  });
});

describe('production policy', () => {
  const INTROSPECT = `{ __schema { queryType { name } } }`;

  test('introspection only for signed-in partners and admins', async () => {
    expect(code(await prod.gql(INTROSPECT))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(code(await prod.gql(INTROSPECT, {}, bearer(await userToken(['player']))))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await prod.gql(INTROSPECT, {}, bearer(await userToken(['admin'])))).data.__schema.queryType.name).toBe('Query');
    expect((await prod.gql(INTROSPECT, {}, bearer(await userToken(['partner'])))).data.__schema.queryType.name).toBe('Query');
    // the cached validation of the partner's request is not reused for an anonymous one
    expect(code(await prod.gql(INTROSPECT))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('no field suggestions in production', async () => {
    const dev = await buildGateway({ supergraphSdl: fixture.supergraphSdl });
    expect((await dev.gql(`{ mee { id } }`)).errors![0].message).toContain('Did you mean');
    const hidden = await prod.gql(`{ mee { id } }`);
    expect(hidden.errors![0].message).toBe('Cannot query field "mee" on type "Query".');
    expect((await prod.gql(`{ users(frist: 1) { id } }`)).errors![0].message).not.toContain('Did you mean');
    await dev.stop();
  });
});

describe('rate limits, shared by replicas through Redis', () => {
  const prefix = `startales:test:${Bun.randomUUIDv7()}:`;
  let limiters: RateLimiter[] = [];
  let replicas: BuiltGateway[] = [];
  const rateKeys = new Map<string, string>();
  const keyId = Bun.randomUUIDv7();

  beforeAll(async () => {
    rateKeys.set('stk_rate', await partnerToken({ scopes: ['read'], apiKeyId: keyId }));
    limiters = [0, 1].map(() => createRedisRateLimiter({ url: REDIS_URL, prefix, windowSeconds: 60, logger }));
    replicas = await Promise.all(
      limiters.map((rateLimiter) =>
        buildGateway({ supergraphSdl: fixture.supergraphSdl, apiKeys: fakeExchanger(rateKeys), rateLimiter, rateLimits: { keyRequests: 6, keyCost: 100 } }),
      ),
    );
  });
  afterAll(async () => {
    for (const r of replicas) await r.stop();
    for (const l of limiters) l.close();
  });

  test('cost per key: the request that would pass the budget gets 429 with Retry-After; usage is counted', async () => {
    // 30 per request against 100 per window, alternating replicas
    const q = `{ users(first: 30) { id } }`;
    for (let i = 0; i < 3; i++) expect((await replicas[i % 2]!.gql(q, {}, bearer('stk_rate'))).status).toBe(200);
    const refused = await replicas[1]!.gql(q, {}, bearer('stk_rate'));
    expect(refused.status).toBe(429);
    expect(code(refused)).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.errors![0].extensions.retryAfterSeconds).toBe(Number(refused.headers.get('retry-after')));
    expect(await limiters[0]!.usage(keyId)).toEqual({ requests: 3, cost: 90, rejected: 1 });
  });

  test('requests per key: the 7th request of a window is refused whichever replica gets it', async () => {
    // four requests so far (three served, one refused for cost): two more fit
    for (let i = 0; i < 2; i++) expect((await replicas[i % 2]!.gql(`{ __typename }`, {}, bearer('stk_rate'))).status).toBe(200);
    const refused = await replicas[0]!.gql(`{ __typename }`, {}, bearer('stk_rate'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('x-request-id')).toBeTruthy();
  });

  test('requests per IP, over real sockets', async () => {
    const limiter = createRedisRateLimiter({ url: REDIS_URL, prefix: `${prefix}ip:`, windowSeconds: 60, logger });
    const g = await buildGateway({ supergraphSdl: fixture.supergraphSdl, rateLimiter: limiter, rateLimits: { ipRequests: 3 } });
    g.app.listen({ hostname: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${g.app.server!.port}/graphql`;
    const send = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    await g.app.stop();
    await g.stop();
    limiter.close();
  });
});
