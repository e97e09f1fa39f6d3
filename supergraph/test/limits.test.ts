/**
 * Operation limits, in process over the fixture subgraphs: each accepts N and refuses N+1 with a typed error before
 * any subgraph (so any resolver) is called; the published max-depth bypasses are refused.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { getIntrospectionQuery } from 'graphql';
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

const subgraphCalls = () => Object.values(fixture.controls.requests).reduce((a, b) => a + b, 0);

/** Runs `query` and asserts the typed refusal of `limit` with no subgraph call. */
async function refused(query: string, limit: string, variables: Record<string, unknown> = {}) {
  const before = subgraphCalls();
  const res = await gw.gql(query, variables);
  expect(res.status).toBe(400);
  expect(res.data ?? null).toBeNull();
  expect(res.errors![0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit });
  expect(subgraphCalls()).toBe(before);
  return res;
}

async function accepted(query: string, variables: Record<string, unknown> = {}) {
  const res = await gw.gql(query, variables);
  expect(res.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return res;
}

/** `me { bestFriend { … { name } } }`: `depth` fields on the longest path, cost `depth - 1`. */
const chain = (depth: number, leaf = 'name') => 'me { ' + 'bestFriend { '.repeat(depth - 2) + leaf + ' }'.repeat(depth - 2) + ' }';

describe('depth (10)', () => {
  test('10 levels run, 11 are refused', async () => {
    const ok = await accepted(`{ ${chain(10)} }`);
    expect(ok.data.me.bestFriend.bestFriend).toBeDefined();
    const res = await refused(`{ ${chain(11)} }`, 'depth');
    expect(res.errors![0].extensions).toMatchObject({ max: 10, actual: 11 });
  });

  test('an operation, fragment or alias named __schema is counted like any other', async () => {
    await refused(`query __schema { ${chain(11)} }`, 'depth');
    await refused(`{ me { ...__schema } } fragment __schema on User { ${'bestFriend { '.repeat(9)} name ${'}'.repeat(9)} }`, 'depth');
    await refused(`{ __schema: ${chain(11)} }`, 'depth');
    await refused(`query __schema { ...Q } fragment Q on Query { ${chain(11)} }`, 'depth');
  });

  test('a fragment spread again deeper is counted again (no fragment caching bypass)', async () => {
    const F = `fragment F on User { ${'bestFriend { '.repeat(5)} name ${'}'.repeat(5)} }`;
    // F is 6 deep: under me (1) it reaches 7; spread again 4 levels lower it reaches 11
    await accepted(`{ me { ...F } } ${F}`);
    await refused(`{ me { ...F bestFriend { bestFriend { bestFriend { bestFriend { ...F } } } } } } ${F}`, 'depth');
    await refused(`{ a: me { ...F } b: me { bestFriend { bestFriend { bestFriend { bestFriend { ...F } } } } } } ${F}`, 'depth');
  });

  test('real introspection is measured on its own (the standard query runs; deep cycles are refused)', async () => {
    const res = await accepted(getIntrospectionQuery());
    expect(res.data.__schema.queryType.name).toBe('Query');
    const cyclic = await gw.gql(`{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }`);
    expect(cyclic.status).toBe(400);
  });
});

describe('aliases (15), directives (50), tokens (1000)', () => {
  const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ');

  test('15 aliases run, 16 are refused, fragments counted at every spread', async () => {
    await accepted(`{ ${aliases(15)} }`);
    await refused(`{ ${aliases(16)} }`, 'aliases');
    const F = `fragment F on Query { ${aliases(8)} }`;
    await refused(`{ ...F me { id } } ${F} fragment G on Query { ...F }`.replace('me { id }', '...G'), 'aliases');
  });

  test('an alias-batched login cannot multiply tries: past the alias limit nothing reaches the subgraph', async () => {
    const tries = (n: number) => Array.from({ length: n }, (_, i) => `t${i}: login(password: "guess ${i}")`).join(' ');
    await refused(`mutation { ${tries(16)} }`, 'aliases');
    await refused(`mutation { ...T ...T } fragment T on Mutation { ${tries(8)} }`, 'aliases');
  });

  test('50 directives run, 51 are refused', async () => {
    const d = (n: number) => `{ ${Array.from({ length: n }, () => '__typename @include(if: true)').join(' ')} }`;
    expect((await accepted(d(50))).data.__typename).toBe('Query');
    await refused(d(51), 'directives');
  });

  test('1000 tokens run, 1001 are refused while parsing', async () => {
    // 15 tokens around the list: `{ users ( first : 1 ids : [ … ] ) { id } }`
    const doc = (tokens: number) => `{ users(first: 1, ids: [${'"x" '.repeat(tokens - 15)}]) { id } }`;
    expect((await accepted(doc(1000))).data.users).toHaveLength(1);
    await refused(doc(1001), 'tokens');
    // a megabyte of tokens is cut short, not parsed whole
    await refused(doc(100_000), 'tokens');
  });
});

describe('cost (5000)', () => {
  test('list sizes come from first/last (literal, variable or default); 5000 runs, 5001 is refused', async () => {
    expect((await accepted(`{ users(first: 5000) { id } }`)).data.users).toHaveLength(20);
    await refused(`{ users(first: 5001) { id } }`, 'cost');
    const Q = `query ($n: Int) { users(first: $n) { id } }`;
    await accepted(Q, { n: 5000 });
    const res = await refused(Q, 'cost', { n: 5001 });
    expect(res.errors![0].extensions).toMatchObject({ max: 5000, actual: 5001 });
  });

  test('nested lists multiply, and connections size their edges', async () => {
    // 50 users × (1 + 99 friends × 1) = 5000
    await accepted(`{ users(first: 50) { friends(first: 99) { id } } }`);
    await refused(`{ users(first: 50) { friends(first: 100) { id } } }`, 'cost');
    // 1 + 1666 edges × (1 + node 1 + owner 1) = 4999
    await accepted(`{ campaignConnection(first: 1666) { totalCount edges { node { owner { id } } } } }`);
    await refused(`{ campaignConnection(first: 1667) { totalCount edges { node { owner { id } } } } }`, 'cost');
  });
});
