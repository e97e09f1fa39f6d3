/**
 * Variables that do not coerce, through the gateway: whether the gateway refuses them itself (input types it knows) or a
 * kit subgraph does (its own custom scalars, which the gateway passes through untouched), the client gets
 * BAD_USER_INPUT with the message intact — never a code-less error, never SERVICE_UNAVAILABLE.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { GraphQLError, GraphQLScalarType, parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { createLogger, createSubgraphYoga, DateTimeScalar } from '@startales/kit';
import { buildGateway, type BuiltGateway } from './harness.ts';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  scalar DateTime
  scalar Handle
  enum Mode { ONE_SHOT SERIES }
  input CampaignInput { title: String!, maxPlayers: Int, mode: Mode = ONE_SHOT, startsAt: DateTime, ownerHandle: Handle }
  type Campaign @key(fields: "id") { id: ID!, title: String!, maxPlayers: Int, mode: Mode! }
  type Query { campaign(id: ID!): Campaign }
  type Mutation { createCampaign(input: CampaignInput!): Campaign! }
`;

/** A subgraph-only scalar that rejects with a plain GraphQLError (no code). */
const HandleScalar = new GraphQLScalarType({
  name: 'Handle',
  parseValue(value) {
    if (typeof value !== 'string' || !/^[a-z_]{3,}$/.test(value)) throw new GraphQLError('Handle must be 3+ lower-case letters');
    return value;
  },
});

const CREATE = `mutation Create($input: CampaignInput!) { createCampaign(input: $input) { id title maxPlayers mode } }`;

let server: ReturnType<typeof Bun.serve>;
let supergraphSdl: string;
let calls = 0;
let dev: BuiltGateway;
let prod: BuiltGateway;

beforeAll(async () => {
  const yoga = createSubgraphYoga({
    name: 'campaigns',
    typeDefs: parse(SDL),
    logger: createLogger({ service: 'variables-test', level: 'silent' }),
    production: true,
    context: async () => ({}),
    resolvers: {
      DateTime: DateTimeScalar,
      Handle: HandleScalar,
      Query: { campaign: (_: unknown, { id }: { id: string }) => ({ id, title: 'Dune', maxPlayers: 4, mode: 'ONE_SHOT' }) },
      Mutation: { createCampaign: (_: unknown, { input }: { input: Record<string, unknown> }) => ({ id: 'c1', ...input }) },
    },
  });
  server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: (request) => {
      calls++;
      return yoga.fetch(request);
    },
  });
  const composed = composeServices([{ name: 'campaigns', url: `http://127.0.0.1:${server.port}/graphql`, typeDefs: parse(SDL) }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  supergraphSdl = composed.supergraphSdl;
  dev = await buildGateway({ supergraphSdl });
  prod = await buildGateway({ supergraphSdl, production: true });
});

afterAll(async () => {
  await dev?.stop();
  await prod?.stop();
  void server?.stop(true);
});

/** Refused by the gateway before any subgraph is called: 400, no `data`, BAD_USER_INPUT. */
async function refusedAtTheGateway(gw: BuiltGateway, query: string, variables: Record<string, unknown>, message: string | RegExp) {
  const before = calls;
  const res = await gw.gql(query, variables);
  expect(res.status).toBe(400);
  expect(res.data).toBeUndefined();
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
  if (typeof message === 'string') expect(res.errors![0].message).toBe(message);
  else expect(res.errors![0].message).toMatch(message);
  expect(calls).toBe(before);
}

describe('refused by the gateway', () => {
  test('a missing required input field', async () => {
    await refusedAtTheGateway(dev, CREATE, { input: {} }, 'Variable "$input" got invalid value {}; Field "title" of required type "String!" was not provided.');
  });

  test('a wrong scalar type', async () => {
    await refusedAtTheGateway(dev, CREATE, { input: { title: 7 } }, 'Variable "$input" got invalid value 7 at "input.title"; String cannot represent a non string value: 7');
    await refusedAtTheGateway(dev, CREATE, { input: { title: 'x', maxPlayers: '6' } }, /at "input\.maxPlayers"; Int cannot represent non-integer value: "6"/);
    await refusedAtTheGateway(dev, `query ($id: ID!) { campaign(id: $id) { id } }`, { id: { $gt: '' } }, /^Variable "\$id" got invalid value \{ \$gt: "" \}; ID cannot represent value/);
  });

  test('a missing required variable', async () => {
    await refusedAtTheGateway(dev, CREATE, {}, 'Variable "$input" of required type "CampaignInput!" was not provided.');
    await refusedAtTheGateway(dev, `query ($id: ID!) { campaign(id: $id) { id } }`, { id: null }, 'Variable "$id" of non-null type "ID!" must not be null.');
  });

  test('an unknown enum value; in production without the "Did you mean" hint', async () => {
    await refusedAtTheGateway(dev, CREATE, { input: { title: 'x', mode: 'ONE_SHOTS' } }, /"ONE_SHOTS" at "input\.mode"; Value "ONE_SHOTS" does not exist in "Mode" enum\. Did you mean/);
    await refusedAtTheGateway(prod, CREATE, { input: { title: 'x', mode: 'ONE_SHOTS' } }, 'Variable "$input" got invalid value "ONE_SHOTS" at "input.mode"; Value "ONE_SHOTS" does not exist in "Mode" enum.');
  });
});

describe('refused by the subgraph (its own scalars), relayed by the gateway', () => {
  test('a scalar that rejects with a plain error arrives as BAD_USER_INPUT, not SERVICE_UNAVAILABLE', async () => {
    const before = calls;
    const res = await dev.gql(CREATE, { input: { title: 'x', ownerHandle: 'NOT OK' } });
    expect(calls).toBe(before + 1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/Handle must be 3\+ lower-case letters$/);
    expect(res.data ?? null).toBeNull();
  });

  test('a scalar that already carries BAD_USER_INPUT keeps it and its message', async () => {
    const res = await dev.gql(CREATE, { input: { title: 'x', startsAt: 'next tuesday' } });
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/DateTime must be an ISO-8601 date-time with offset, got "next tuesday"$/);
  });
});

describe('unchanged', () => {
  test('good variables run, including the subgraph-only scalars', async () => {
    const res = await dev.gql(CREATE, { input: { title: 'Dune', maxPlayers: 6, mode: 'SERIES', startsAt: '2027-01-09T18:00:00Z', ownerHandle: 'paul' } });
    expect(res.status).toBe(200);
    expect(res).toMatchObject({ data: { createCampaign: { id: 'c1', title: 'Dune', maxPlayers: 6, mode: 'SERIES' } } });
    expect(res.errors).toBeUndefined();
  });

  test('inline literals stay GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await dev.gql(`mutation { createCampaign(input: {}) { id } }`);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
