/**
 * Fault: a subgraph is killed with SIGKILL while the gateway is under load. Queries that touch it get partial
 * results — the other subgraphs' fields plus a typed error (`extensions.code`) for the missing ones, never a bare
 * 5xx — and once it is started again the same queries are whole again, without touching the gateway.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createTestDatabase, createTestKeys, deleteNamespaceStreams, eventually, freePort, gql, uniqueName, TEST_NATS_URL, type GqlResponse, type TestDatabase } from '@startales/testing';
import { spawnService, stopService, type ServiceProcess } from './support.ts';

let db: TestDatabase;
const ns = uniqueName('fk');
let env: Record<string, string>;
let users: ServiceProcess;
let campaigns: ServiceProcess;
let gateway: ServiceProcess;
let campaignsPort: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const keys = await createTestKeys();
  const [usersPort, gatewayPort] = [await freePort(), await freePort()];
  campaignsPort = await freePort();
  env = {
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: '4',
    NATS_URL: TEST_NATS_URL,
    NATS_NAMESPACE: ns,
    JWT_PRIVATE_KEY: keys.privateKeyPem,
    JWKS_URL: `http://127.0.0.1:${usersPort}/.well-known/jwks.json`,
    SUBGRAPH_USERS_URL: `http://127.0.0.1:${usersPort}/graphql`,
    SUBGRAPH_CAMPAIGNS_URL: `http://127.0.0.1:${campaignsPort}/graphql`,
    RATE_LIMIT_ENABLED: 'false',
    PROSE_INTERVAL_MS: '600000',
    LLM_ROUTER_URL: 'http://127.0.0.1:9',
    SUBGRAPH_TIMEOUT_MS: '2000',
  };
  users = spawnService('users', usersPort, env);
  await users.ready();
  campaigns = spawnService('campaigns', campaignsPort, env);
  await campaigns.ready();
  gateway = spawnService('gateway', gatewayPort, env);
  await gateway.ready();
}, 120_000);

afterAll(async () => {
  for (const s of [gateway, campaigns, users]) if (s) await stopService(s);
  await db?.drop();
  await deleteNamespaceStreams(ns).catch(() => {});
}, 60_000);

test('kill -9 campaigns under load: partial results with typed errors, then whole again once it is back', async () => {
  const url = `${gateway.url}/graphql`;
  const reg = await gql(url, `mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }`, { i: { email: `k${ns}@example.com`, password: 'correct horse battery', handle: `k_${ns}`.slice(0, 30) } });
  expect(reg.errors).toBeUndefined();
  const token = reg.data!.register.accessToken as string;
  const created = await gql(
    url,
    `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
    { input: { title: 'Kill', mode: 'WEEKLY', lengthWeeks: 4, playHoursPerWeek: 3, maxPlayers: 4, llmTier: 'STANDARD', startsAt: new Date(Date.now() + 864e6).toISOString(), schedule: { weekday: 'MONDAY', time: '19:00', timezone: 'UTC' } } },
    token,
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createCampaign.id as string;
  const QUERY = `query ($id: ID!) { me { handle } campaign(id: $id) { id title } }`;

  type Outcome = 'whole' | 'partial' | 'bad';
  const outcomes: Array<{ at: number; outcome: Outcome; detail?: string }> = [];
  const codes = new Set<string>();
  let running = true;
  const worker = async () => {
    while (running) {
      const res: GqlResponse = await gql(url, QUERY, { id }, token).catch((error) => ({ status: 0, errors: [{ message: String(error) }], data: undefined }));
      const whole = res.status === 200 && !res.errors && res.data?.me?.handle && res.data?.campaign?.id === id;
      const partial = res.status === 200 && res.data?.me?.handle && res.data?.campaign === null && res.errors?.every((e) => typeof e.extensions?.code === 'string');
      if (partial) for (const e of res.errors ?? []) codes.add(String(e.extensions?.code));
      outcomes.push({ at: Date.now(), outcome: whole ? 'whole' : partial ? 'partial' : 'bad', detail: whole || partial ? undefined : JSON.stringify(res).slice(0, 500) });
    }
  };
  const workers = Array.from({ length: 6 }, worker);

  await Bun.sleep(500);
  campaigns.proc.kill('SIGKILL');
  await campaigns.proc.exited;
  const killedAt = Date.now();
  await eventually(async () => outcomes.filter((o) => o.at > killedAt && o.outcome === 'partial').length >= 20, 'partial results', 15_000, 50);

  campaigns = spawnService('campaigns', campaignsPort, env);
  await campaigns.ready();
  const backAt = Date.now();
  await eventually(async () => outcomes.filter((o) => o.at > backAt && o.outcome === 'whole').length >= 20, 'whole results again', 15_000, 50);
  running = false;
  await Promise.all(workers);

  expect(outcomes.filter((o) => o.outcome === 'bad').map((o) => o.detail)).toEqual([]);
  expect(outcomes.some((o) => o.at < killedAt && o.outcome === 'whole')).toBe(true);
  // the typed error names what happened
  expect([...codes]).toEqual(['SERVICE_UNAVAILABLE']);
  const sample = await gql(url, QUERY, { id }, token);
  expect(sample.errors).toBeUndefined();
  expect(gateway.proc.exitCode).toBeNull();
}, 120_000);

test('while a subgraph is down, its error is typed', async () => {
  const url = `${gateway.url}/graphql`;
  const login = await gql(url, `mutation ($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email: `k${ns}@example.com`, password: 'correct horse battery' } });
  const token = login.data!.login.accessToken as string;
  campaigns.proc.kill('SIGKILL');
  await campaigns.proc.exited;
  const res = await gql(url, `{ me { handle } myCampaigns { id } }`, {}, token);
  expect(res.status).toBe(200);
  expect(res.errors![0]!.extensions!.code).toBe('SERVICE_UNAVAILABLE');
  campaigns = spawnService('campaigns', campaignsPort, env);
  await campaigns.ready();
}, 60_000);
