/**
 * The federated path over the fixture subgraphs: plan cache, in-flight dedup, keep-alive, header policy, request
 * ids, cookies, and partial results when a subgraph is down or slow.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { NESTED_QUERY, expectedNested, startFixtureSubgraphs, type FixtureSubgraphs } from './fixtures/subgraphs.ts';
import { bearer, buildGateway, code, userToken, type BuiltGateway } from './harness.ts';

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

const reset = () => {
  for (const k of Object.keys(fixture.controls.requests) as Array<keyof typeof fixture.controls.requests>) fixture.controls.requests[k] = 0;
};

test('a nested query across three subgraphs answers exactly', async () => {
  const res = await gw.gql(NESTED_QUERY);
  expect(res.errors).toBeUndefined();
  expect({ data: res.data }).toEqual(expectedNested());
});

test('query plans are cached by @apollo/gateway per operation (text + operation name)', async () => {
  const planner = (gw.gateway as unknown as { queryPlanner: { buildQueryPlan: (...a: unknown[]) => unknown } }).queryPlanner;
  const original = planner.buildQueryPlan;
  let plans = 0;
  planner.buildQueryPlan = function (this: unknown, ...args: unknown[]) {
    plans++;
    return original.apply(this, args);
  };
  try {
    const q = `query Cached { campaigns(first: 2) { title price { amountCents } } }`;
    for (let i = 0; i < 3; i++) expect((await gw.gql(q)).data.campaigns).toHaveLength(2);
    expect(plans).toBe(1);
    await gw.gql(q.replace('first: 2', 'first: 3'));
    expect(plans).toBe(2);
    // same text, other operation selected: its own plan
    const two = `query A { me { id } } query B { me { name } }`;
    await gw.post({ query: two, operationName: 'A' });
    await gw.post({ query: two, operationName: 'B' });
    await gw.post({ query: two, operationName: 'A' });
    expect(plans).toBe(4);
  } finally {
    planner.buildQueryPlan = original;
  }
});

describe('in-flight deduplication', () => {
  test('identical concurrent queries share each subgraph call; different callers do not', async () => {
    fixture.controls.delayMs.catalog = 80;
    reset();
    const token = await userToken();
    const answers = await Promise.all(Array.from({ length: 20 }, () => gw.gql(NESTED_QUERY, {}, bearer(token))));
    for (const a of answers) expect({ data: a.data }).toEqual(expectedNested());
    // catalog is called twice per plan (root, then the friends' campaigns), accounts and billing once
    expect(fixture.controls.requests).toEqual({ catalog: 2, accounts: 1, billing: 1 });
    reset();
    const other = await userToken();
    await Promise.all([...Array.from({ length: 5 }, () => gw.gql(NESTED_QUERY, {}, bearer(token))), ...Array.from({ length: 5 }, () => gw.gql(NESTED_QUERY, {}, bearer(other)))]);
    expect(fixture.controls.requests.billing).toBe(2);
    fixture.controls.delayMs.catalog = 0;
  });

  test('mutations are never shared', async () => {
    fixture.controls.delayMs.accounts = 50;
    reset();
    const results = await Promise.all(Array.from({ length: 5 }, () => gw.gql(`mutation { login(password: "right") }`)));
    for (const r of results) expect(r.data.login).toBe('token');
    expect(fixture.controls.requests.accounts).toBe(5);
    fixture.controls.delayMs.accounts = 0;
  });

  test('without dedup every request calls every subgraph', async () => {
    const plain = await buildGateway({ supergraphSdl: fixture.supergraphSdl, dedup: false });
    fixture.controls.delayMs.catalog = 50;
    reset();
    await Promise.all(Array.from({ length: 10 }, () => plain.gql(NESTED_QUERY)));
    expect(fixture.controls.requests.billing).toBe(10);
    fixture.controls.delayMs.catalog = 0;
    await plain.stop();
  });
});

test('subgraph connections are kept alive and reused', async () => {
  fixture.controls.ports.billing.clear();
  for (let i = 0; i < 20; i++) await gw.gql(`{ campaigns(first: 1) { price { currency } } }`);
  expect(fixture.controls.ports.billing.size).toBeLessThanOrEqual(2);
});

describe('headers', () => {
  test('only allow-listed headers reach subgraphs; the request id is echoed; cookies never come back', async () => {
    fixture.controls.setCookie = 'sid=from-subgraph; HttpOnly';
    const token = await userToken();
    const res = await gw.post(
      { query: `{ me { name } }` },
      {
        ...bearer(token),
        'x-request-id': 'req-123.abc',
        'accept-language': 'fr-CH',
        cookie: 'secret=1',
        'x-forwarded-for': '6.6.6.6',
        'x-startales-client-ip': '6.6.6.6',
        'x-custom': 'nope',
      },
    );
    fixture.controls.setCookie = undefined;
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-123.abc');
    expect(res.headers.get('set-cookie')).toBeNull();
    const seen = fixture.controls.lastHeaders.accounts!;
    expect(seen.authorization).toBe(`Bearer ${token}`);
    expect(seen['x-request-id']).toBe('req-123.abc');
    expect(seen['accept-language']).toBe('fr-CH');
    for (const h of ['cookie', 'x-forwarded-for', 'x-startales-client-ip', 'x-custom']) expect(seen[h]).toBeUndefined();
  });

  test('a missing or unsafe request id is replaced by a fresh one, on every response', async () => {
    const fresh = await gw.post({ query: '{ __typename }' });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await gw.post({ query: '{ __typename }' }, { 'x-request-id': 'a b <script>'.repeat(20) });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await gw.post('{ nope', { 'x-request-id': 'bad-req-1' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-request-id')).toBe('bad-req-1');
  });
});

describe('a subgraph that is down or slow', () => {
  test('down: the rest of the answer arrives, with a typed error where the missing part belongs', async () => {
    const own = startFixtureSubgraphs();
    const g = await buildGateway({ supergraphSdl: own.supergraphSdl });
    own.stop('billing');
    const res = await g.gql(NESTED_QUERY);
    expect(res.status).toBe(200);
    expect(res.data.campaigns).toHaveLength(10);
    expect(res.data.campaigns[0]).toMatchObject({ title: 'Campaign 0', price: null, owner: { name: 'User 0' } });
    expect(code(res)).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(res)).not.toContain('127.0.0.1');
    await g.stop();
    own.close();
  });

  test('slow: cut at the subgraph timeout, not a hang', async () => {
    const own = startFixtureSubgraphs();
    const g = await buildGateway({ supergraphSdl: own.supergraphSdl, timeoutMs: 300 });
    own.controls.delayMs.billing = 5000;
    const started = performance.now();
    const res = await g.gql(NESTED_QUERY);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(res.data.campaigns[3]).toMatchObject({ title: 'Campaign 3', price: null });
    expect(code(res)).toBe('SERVICE_UNAVAILABLE');
    await g.stop();
    own.close();
  });
});
