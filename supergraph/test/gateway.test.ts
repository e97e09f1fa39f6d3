/** The gateway in process, over the committed supergraph, with every subgraph unreachable. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { SUBGRAPHS } from '@startales/contracts';
import { createLogger, createTokenVerifier } from '@startales/kit';
import { createTestKeys, signAccessToken, freePort, type TestKeys } from '@startales/testing';
import { createApolloGateway } from '../src/gateway.ts';
import { createGatewayApp } from '../src/app.ts';
import { SUPERGRAPH_PATH } from '../src/subgraphs.ts';

const logs: string[] = [];
const logger = createLogger({ service: 'gateway-test', level: 'warn', write: (line) => logs.push(line) });
let keys: TestKeys;
let closedPort: number;

async function build(production: boolean) {
  const gateway = createApolloGateway({
    supergraphSdl: await Bun.file(SUPERGRAPH_PATH).text(),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s, `http://127.0.0.1:${closedPort}/graphql`])),
    timeoutMs: 2000,
    logger,
  });
  await gateway.load();
  const verifier = createTokenVerifier({ jwks: keys.jwks, issuer: 'startales-users', audience: 'startales' });
  const built = createGatewayApp({ gateway, verifier, logger, production, maxRequestBytes: 10_000 });
  built.state.ready = true;
  return { ...built, gateway };
}

let dev: Awaited<ReturnType<typeof build>>;
let prod: Awaited<ReturnType<typeof build>>;

beforeAll(async () => {
  keys = await createTestKeys();
  closedPort = await freePort();
  dev = await build(false);
  prod = await build(true);
});
afterAll(async () => {
  await dev?.gateway.stop();
  await prod?.gateway.stop();
});

const post = (app: typeof dev.app, body: unknown, headers: Record<string, string> = {}) =>
  app.handle(
    new Request('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

describe('gateway', () => {
  test('health: live always, ready only when marked ready', async () => {
    expect((await dev.app.handle(new Request('http://gateway.test/healthz/live'))).status).toBe(200);
    dev.state.ready = false;
    expect((await dev.app.handle(new Request('http://gateway.test/healthz/ready'))).status).toBe(503);
    dev.state.ready = true;
    expect((await dev.app.handle(new Request('http://gateway.test/healthz/ready'))).status).toBe(200);
  });

  test('introspection works in development and is refused in production', async () => {
    const q = { query: '{ __schema { queryType { name } } }' };
    const ok = (await (await post(dev.app, q)).json()) as any;
    expect(ok.data.__schema.queryType.name).toBe('Query');
    const res = await post(prod.app, q);
    const refused = (await res.json()) as any;
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('an invalid token is refused before any subgraph is called', async () => {
    const other = await createTestKeys();
    const token = await signAccessToken(other, { userId: '01a212ad-030a-7531-8e0f-e49d94410f3d' });
    const res = await post(dev.app, { query: '{ me { id } }' }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN' });
    const malformed = await post(dev.app, { query: '{ me { id } }' }, { authorization: 'Basic abc' });
    expect(malformed.status).toBe(401);
  });

  test('an unreachable subgraph is SERVICE_UNAVAILABLE, without leaking its address', async () => {
    const token = await signAccessToken(keys, { userId: '01a212ad-030a-7531-8e0f-e49d94410f3d' });
    const res = await post(dev.app, { query: '{ me { id } }' }, { authorization: `Bearer ${token}` });
    expect(res.status).toBeLessThan(500);
    const text = await res.text();
    expect(text).not.toContain('127.0.0.1');
    expect(JSON.parse(text).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  test('batched requests and oversized bodies are refused', async () => {
    const batch = await post(dev.app, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(batch.status).toBeGreaterThanOrEqual(400);
    expect(batch.status).toBeLessThan(500);
    const body = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(20_000) } });
    const declared = await post(dev.app, body, { 'content-length': String(body.length) });
    expect(declared.status).toBe(413);
    const chunked = await dev.app.handle(
      new Request('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Blob([body]).stream(),
      }),
    );
    expect(chunked.status).toBe(413);
    const small = await post(dev.app, { query: '{ __typename }' });
    expect(((await small.json()) as any).data.__typename).toBe('Query');
  });
});
