/**
 * Hostile input at the HTTP edge: a burst of malformed bodies (random bytes, huge strings, deep nesting, wrong types)
 * gets 4xx answers — never a 500, never a crash — and the gateway keeps serving. Also CSRF prevention.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startFixtureSubgraphs, type FixtureSubgraphs } from './fixtures/subgraphs.ts';
import { buildGateway, code, type BuiltGateway } from './harness.ts';

let fixture: FixtureSubgraphs;
let gw: BuiltGateway;

beforeAll(async () => {
  fixture = startFixtureSubgraphs();
  gw = await buildGateway({ supergraphSdl: fixture.supergraphSdl });
});
afterAll(async () => {
  await gw?.stop();
  fixture?.close();
});

/** A deterministic PRNG, so a failure replays. */
function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

/** Odd but well-formed: answered (200), not refused — and still no 500. */
const oddButValid = [
  JSON.stringify({ query: '{ users(ids: ["' + 'y'.repeat(900_000) + '"]) { id } }' }),
  JSON.stringify({ query: `query ($v: [ID!]) { users(ids: $v) { id } }`, variables: { v: Array(100_000).fill('id') } }),
  '{"query":"{ __typename }","variables":' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) + '}',
];

function malformedBodies(): Array<string | Uint8Array<ArrayBuffer>> {
  const rand = prng(42);
  const bodies: Array<string | Uint8Array<ArrayBuffer>> = [];
  for (let i = 0; i < 60; i++) bodies.push(Uint8Array.from({ length: 1 + Math.floor(rand() * 4000) }, () => Math.floor(rand() * 256)));
  const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  bodies.push(
    '', 'null', '[]', '{}', '"query"', '123', 'true', '{"query":', '{"query": "{"}', '\u0000\u0001',
    JSON.stringify({ query: 123 }),
    JSON.stringify({ query: ['{ __typename }'] }),
    JSON.stringify({ query: '{ __typename }', variables: 'x' }),
    JSON.stringify({ query: '{ __typename }', extensions: [] }),
    JSON.stringify({ query: '{ __typename }', operationName: 42 }),
    JSON.stringify({ query: '{ __typename }', unexpected: true }),
    JSON.stringify({ documentId: 12 }),
    JSON.stringify({ extensions: { persistedQuery: { sha256Hash: { $gt: '' } } } }),
    JSON.stringify({ query: 'x'.repeat(900_000) }),
    JSON.stringify({ query: `"${'x'.repeat(900_000)}"` }),
    JSON.stringify({ query: '{'.repeat(200_000) }),
    JSON.stringify({ query: '{ a'.repeat(100_000) }),
    JSON.stringify({ query: `query ($v: [ID!]) { users(ids: $v) { id } }`, variables: { v: JSON.parse('['.repeat(5000) + ']'.repeat(5000)) } }),
    deep(50_000),
    '['.repeat(300_000) + ']'.repeat(300_000),
    '{"query":"\\ud800"}',
    Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x7b, 0x7d]).toString('latin1'),
  );
  return bodies;
}

describe('malformed bodies', () => {
  test('a burst gets 4xx answers, never a 500, and the gateway keeps serving', async () => {
    const bodies = malformedBodies();
    const statuses = await Promise.all(
      bodies.map(async (body) => {
        const res = await gw.app.handle(new Request('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body }));
        await res.arrayBuffer();
        return res.status;
      }),
    );
    const unexpected = statuses.map((s, i) => ({ status: s, body: String(bodies[i]).slice(0, 80) })).filter(({ status }) => status < 400 || status >= 500);
    expect(unexpected).toEqual([]);
    for (const body of oddButValid) expect((await gw.post(body)).status).toBe(200);
    const ok = await gw.gql(`{ me { name } }`);
    expect(ok.data.me.name).toBe('User 0');
  });

  test('query strings of every shape over GET are refused politely too', async () => {
    for (const q of ['{', '%00', '{'.repeat(10_000), 'query { __typename } mutation { login(password: "x") }']) {
      const res = await gw.app.handle(new Request(`http://gateway.test/graphql?query=${encodeURIComponent(q)}`, { headers: { 'x-graphql-client-name': 'test', accept: 'application/graphql-response+json' } }));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });
});

describe('CSRF prevention', () => {
  const send = (init: RequestInit, search = '') => gw.app.handle(new Request(`http://gateway.test/graphql${search}`, init));

  test('simple requests (no preflight) are refused', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'TEXT/PLAIN; charset=utf-8']) {
      const res = await send({ method: 'POST', headers: { 'content-type': contentType }, body: '{"query":"mutation { login(password: \\"x\\") }"}' });
      expect(res.status).toBe(403);
      expect(code((await res.json()) as any)).toBe('CSRF_PREFLIGHT_REQUIRED');
    }
    const get = await send({ method: 'GET' }, `?query=${encodeURIComponent('{ me { id } }')}`);
    expect(get.status).toBe(403);
    const before = fixture.controls.requests.accounts;
    await send({ method: 'POST', body: '{"query":"mutation { login(password: \\"x\\") }"}' });
    expect(fixture.controls.requests.accounts).toBe(before);
  });

  test('JSON bodies or a preflight header pass', async () => {
    const get = await send({ method: 'GET', headers: { 'apollo-require-preflight': 'true', accept: 'application/json' } }, `?query=${encodeURIComponent('{ me { id } }')}`);
    expect(((await get.json()) as any).data.me.id).toBe('u0');
    const named = await send({ method: 'GET', headers: { 'x-graphql-client-name': 'web', accept: 'application/json' } }, `?query=${encodeURIComponent('{ __typename }')}`);
    expect(named.status).toBe(200);
    expect((await gw.gql(`{ __typename }`)).data.__typename).toBe('Query');
  });
});
