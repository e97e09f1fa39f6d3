/**
 * Bad input always gets a typed error: variables that do not coerce reach a kit subgraph's client as BAD_USER_INPUT
 * (message intact, HTTP 400), just as inline literals get GRAPHQL_VALIDATION_FAILED.
 */
import { describe, expect, test } from 'bun:test';
import { GraphQLError, GraphQLScalarType, parse } from 'graphql';
import { createLogger, createSubgraphYoga, DateTimeScalar, InputError, metrics } from '../src/index.ts';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  scalar DateTime
  scalar Handle
  enum Mode { ONE_SHOT SERIES }
  input CampaignInput { title: String!, maxPlayers: Int, mode: Mode = ONE_SHOT, startsAt: DateTime, tags: [String!] }
  type Campaign { title: String!, maxPlayers: Int, mode: Mode! }
  type Query { campaign(title: String!): Campaign, byHandle(handle: Handle!): String, boom(kind: String!): String }
  type Mutation { createCampaign(input: CampaignInput!): Campaign! }
`);

/** A scalar that rejects values with a plain GraphQLError (no code), as graphql-js' own scalars do. */
const HandleScalar = new GraphQLScalarType({
  name: 'Handle',
  parseValue(value) {
    if (typeof value !== 'string' || !/^[a-z_]{3,}$/.test(value)) throw new GraphQLError('Handle must be 3+ lower-case letters');
    return value;
  },
});

const yoga = createSubgraphYoga({
  name: 'errors-test',
  typeDefs,
  logger: createLogger({ service: 'errors-test', level: 'silent' }),
  production: true,
  context: async () => ({}),
  resolvers: {
    DateTime: DateTimeScalar,
    Handle: HandleScalar,
    Query: {
      campaign: (_: unknown, { title }: { title: string }) => ({ title, maxPlayers: 4, mode: 'ONE_SHOT' }),
      byHandle: (_: unknown, { handle }: { handle: string }) => handle,
      boom: (_: unknown, { kind }: { kind: string }) => {
        if (kind === 'input') throw new InputError('title is too long', 'title');
        throw new Error('database on fire');
      },
    },
    Mutation: { createCampaign: (_: unknown, { input }: { input: Record<string, unknown> }) => input },
  },
});

const CREATE = `mutation Create($input: CampaignInput!) { createCampaign(input: $input) { title maxPlayers mode } }`;

interface Answer {
  status: number;
  data?: any;
  errors?: Array<{ message: string; path?: unknown; extensions?: Record<string, unknown> }>;
}

async function post(body: unknown, accept = 'application/graphql-response+json'): Promise<Answer> {
  const res = await yoga.fetch('http://subgraph.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
  return { status: res.status, ...((await res.json()) as object) };
}

function expectBadInput(answer: Answer, message: string | RegExp) {
  expect(answer.status).toBe(400);
  expect(answer.data).toBeUndefined();
  expect(answer.errors).toHaveLength(1);
  const [error] = answer.errors!;
  expect(error!.extensions).toEqual({ code: 'BAD_USER_INPUT' }); // the http status is not leaked into the body
  if (typeof message === 'string') expect(error!.message).toBe(message);
  else expect(error!.message).toMatch(message);
}

describe('variables that do not coerce get BAD_USER_INPUT', () => {
  test('a missing required input field', async () => {
    expectBadInput(await post({ query: CREATE, variables: { input: {} } }), 'Variable "$input" got invalid value {}; Field "title" of required type "String!" was not provided.');
  });

  test('a wrong scalar type, at the top and nested in the input', async () => {
    expectBadInput(await post({ query: CREATE, variables: { input: { title: 42 } } }), 'Variable "$input" got invalid value 42 at "input.title"; String cannot represent a non string value: 42');
    expectBadInput(await post({ query: CREATE, variables: { input: { title: 'x', maxPlayers: 'six' } } }), /at "input\.maxPlayers"; Int cannot represent non-integer value: "six"/);
    expectBadInput(await post({ query: CREATE, variables: { input: { title: 'x', tags: ['a', null] } } }), /at "input\.tags\[1\]"; Expected non-nullable type "String!" not to be null/);
    expectBadInput(await post({ query: `query ($t: String!) { campaign(title: $t) { title } }`, variables: { t: ['x'] } }), /^Variable "\$t" got invalid value \["x"\]; String cannot represent/);
  });

  test('a missing required variable, and null for a non-null one', async () => {
    expectBadInput(await post({ query: CREATE }), 'Variable "$input" of required type "CampaignInput!" was not provided.');
    expectBadInput(await post({ query: CREATE, variables: { input: null } }), 'Variable "$input" of non-null type "CampaignInput!" must not be null.');
  });

  test('an unknown enum value and an unknown input field', async () => {
    expectBadInput(await post({ query: CREATE, variables: { input: { title: 'x', mode: 'FOREVER' } } }), /^Variable "\$input" got invalid value "FOREVER" at "input\.mode"; Value "FOREVER" does not exist in "Mode" enum/);
    expectBadInput(await post({ query: CREATE, variables: { input: { title: 'x', colour: 'red' } } }), /Field "colour" is not defined by type "CampaignInput"/);
  });

  test('a custom scalar that rejects with a plain error; one that already carries a code keeps it', async () => {
    expectBadInput(await post({ query: `query ($h: Handle!) { byHandle(handle: $h) }`, variables: { h: 'X!' } }), 'Variable "$h" got invalid value "X!"; Handle must be 3+ lower-case letters');
    expectBadInput(await post({ query: CREATE, variables: { input: { title: 'x', startsAt: 'next tuesday' } } }), /^Variable "\$input" got invalid value "next tuesday" at "input\.startsAt"; DateTime must be an ISO-8601/);
  });

  test('request errors that already carry a code keep it (an operation name that does not resolve)', async () => {
    const res = await post({ query: CREATE, operationName: 'Nope', variables: { input: { title: 'x' } } });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([{ message: 'Could not determine what operation to execute.', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }]);
  });

  test('400 whichever response type the client accepts (what Yoga gives request errors)', async () => {
    expectBadInput(await post({ query: CREATE, variables: { input: {} } }, 'application/json'), /Field "title" of required type "String!" was not provided/);
  });

  test('the metrics count them by their code', async () => {
    const count = () => Number(metrics.render().match(/^graphql_errors_total\{code="BAD_USER_INPUT"[^}]*\} (\d+)$/m)?.[1] ?? 0);
    const before = count();
    await post({ query: CREATE, variables: { input: {} } });
    expect(count()).toBe(before + 1);
  });
});

describe('everything else is unchanged', () => {
  test('good variables execute', async () => {
    const ok = await post({ query: CREATE, variables: { input: { title: 'Dune', maxPlayers: 6, startsAt: '2027-01-09T18:00:00Z' } } });
    expect(ok).toEqual({ status: 200, data: { createCampaign: { title: 'Dune', maxPlayers: 6, mode: 'ONE_SHOT' } } });
  });

  test('inline literals that do not fit the schema stay GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await post({ query: `mutation { createCampaign(input: {}) { title } }` });
    expect(res.status).toBe(400);
    expect(res.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0]!.message).toBe('Field "CampaignInput.title" of required type "String!" was not provided.');
  });

  test('errors raised while executing keep their own code and path', async () => {
    const typed = await post({ query: `{ campaign(title: "x") { title } boom(kind: "input") }` });
    expect(typed).toEqual({
      status: 200,
      data: { campaign: { title: 'x' }, boom: null },
      errors: [{ message: 'title is too long', path: ['boom'], extensions: { field: 'title', code: 'BAD_USER_INPUT' } }],
    });
    const unexpected = await post({ query: `query ($k: String!) { boom(kind: $k) }`, variables: { k: 'other' } });
    expect(unexpected.status).toBe(200);
    expect(unexpected.errors).toEqual([{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  });
});
