/**
 * Fault: SIGTERM (what Kubernetes sends on a rollout or scale-down) while requests are in flight. The service stops
 * taking new connections, lets every in-flight request finish with its normal answer, closes NATS and the ORM, and
 * exits 0 — for a subgraph (users, whose sign-ups hash passwords: slow requests) and for the gateway.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createTestDatabase, createTestKeys, deleteNamespaceStreams, eventually, freePort, gql, uniqueName, TEST_NATS_URL, type TestDatabase } from '@startales/testing';
import { spawnService, stopService, type ServiceProcess } from './support.ts';

let db: TestDatabase;
const ns = uniqueName('fs');
let env: Record<string, string>;
let users: ServiceProcess;
let gateway: ServiceProcess | undefined;
let usersPort: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const keys = await createTestKeys();
  usersPort = await freePort();
  env = {
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: '4',
    NATS_URL: TEST_NATS_URL,
    NATS_NAMESPACE: ns,
    JWT_PRIVATE_KEY: keys.privateKeyPem,
    JWKS_URL: `http://127.0.0.1:${usersPort}/.well-known/jwks.json`,
    SUBGRAPH_USERS_URL: `http://127.0.0.1:${usersPort}/graphql`,
    RATE_LIMIT_ENABLED: 'false',
  };
  users = spawnService('users', usersPort, env);
  await users.ready();
}, 90_000);

afterAll(async () => {
  for (const s of [gateway, users]) if (s) await stopService(s);
  await db?.drop();
  await deleteNamespaceStreams(ns).catch(() => {});
}, 60_000);

const REGISTER = `mutation ($i: RegisterInput!) { register(input: $i) { user { id } } }`;
let n = 0;
const signUp = (url: string) => {
  const id = `${ns}${(n++).toString(36)}`;
  return gql(url, REGISTER, { i: { email: `${id}@example.com`, password: 'correct horse battery', handle: `s_${id}`.slice(0, 30) } }).then(
    (res) => ({ res, at: Date.now() }),
    (error) => ({ res: { status: 0, errors: [{ message: String(error) }] } as Awaited<ReturnType<typeof gql>>, at: Date.now() }),
  );
};

/** Sums the samples of a metric on the target's /metrics (optionally only lines containing `filter`). */
async function metric(target: ServiceProcess, name: string, filter = ''): Promise<number> {
  const text = await (await fetch(`${target.url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(`${name}{`) && line.includes(filter)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

const CONCURRENT = 12;

async function drainCheck(target: ServiceProcess, url: string) {
  const inFlight = Array.from({ length: CONCURRENT }, () => signUp(url));
  // signal once the server has received every request (a request still in the kernel's accept queue at SIGTERM is
  // the load balancer's business: in Kubernetes the pod is out of the endpoints, preStop, before the signal comes)
  await eventually(
    async () => (await metric(target, 'http_requests_in_flight')) + (await metric(target, 'http_requests_total', 'route="/graphql"')) >= CONCURRENT,
    'every request received',
    10_000,
    5,
  );
  const pending = await metric(target, 'http_requests_in_flight');
  expect(pending).toBeGreaterThan(0);
  const signalAt = Date.now();
  target.proc.kill('SIGTERM');
  const results = await Promise.all(inFlight);
  const code = await target.proc.exited;
  expect(results.map((r) => [r.res.status, r.res.errors])).toEqual(results.map(() => [200, undefined]));
  // they really were in flight when the signal came: some answered after it
  expect(results.some((r) => r.at > signalAt)).toBe(true);
  expect(code).toBe(0);
}

test('a subgraph drains in-flight requests on SIGTERM and exits 0', async () => {
  await drainCheck(users, `${users.url}/graphql`);
  users = spawnService('users', usersPort, env);
  await users.ready();
}, 90_000);

test('the gateway drains in-flight requests on SIGTERM and exits 0', async () => {
  gateway = spawnService('gateway', await freePort(), env);
  await gateway.ready();
  await drainCheck(gateway, `${gateway.url}/graphql`);
}, 90_000);
