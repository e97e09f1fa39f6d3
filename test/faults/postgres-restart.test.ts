/**
 * Fault: PostgreSQL crashes (`pg_ctl stop -m immediate`) under a running subgraph and comes back. The service goes
 * not-ready (so Kubernetes stops routing to it) while staying alive (liveness never checks dependencies, so it is
 * not restarted), and it is ready again on its own once PostgreSQL is back — the same process, no restart.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { eventually, freePort, uniqueName, deleteNamespaceStreams, TEST_NATS_URL } from '@startales/testing';
import { spawnService, startPrivatePostgres, stopService, type PrivatePostgres, type ServiceProcess } from './support.ts';

let pg: PrivatePostgres;
let service: ServiceProcess;
const ns = uniqueName('fpg');

beforeAll(async () => {
  pg = await startPrivatePostgres();
  const url = await pg.createDatabase('startales');
  service = spawnService('analytics', await freePort(), { DATABASE_URL: url, DATABASE_POOL_MAX: '4', NATS_URL: TEST_NATS_URL, NATS_NAMESPACE: ns });
  await service.ready();
}, 90_000);

afterAll(async () => {
  if (service) await stopService(service);
  await pg?.stop();
  await deleteNamespaceStreams(ns).catch(() => {});
}, 30_000);

const status = async (path: string) => (await fetch(`${service.url}${path}`).catch(() => null))?.status ?? 0;

test('PostgreSQL down: not ready but alive; back: ready again without a restart', async () => {
  const pid = service.proc.pid;
  expect(await status('/healthz/ready')).toBe(200);

  await pg.crash();
  const notReady = await eventually(async () => {
    const res = await fetch(`${service.url}/healthz/ready`);
    return res.status === 503 ? ((await res.json()) as { checks: Record<string, boolean> }) : null;
  }, 'not ready', 20_000, 200);
  expect(notReady.checks.database).toBe(false);
  expect(await status('/healthz/live')).toBe(200);

  await pg.start();
  await eventually(async () => (await status('/healthz/ready')) === 200, 'ready again', 30_000, 200);
  // the same process recovered its pool by itself (readiness runs `select 1` through the ORM's pool)
  expect(service.proc.exitCode).toBeNull();
  expect(service.proc.pid).toBe(pid);
  // it serves GraphQL again, and its metrics recorded the failed queries of the outage
  const res = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(res.status).toBe(200);
  const metrics = await (await fetch(`${service.url}/metrics`)).text();
  expect(metrics).toContain('db_query_errors_total');
}, 90_000);
