/**
 * The real process in the modes the chart runs it in: the migration hook Job (`MIGRATE_ONLY=true`: apply the
 * committed migrations and exit 0, with no tokens, NATS or HTTP), then the service with `DATABASE_MIGRATE=false`
 * and a read replica (`DATABASE_REPLICA_URLS`), whose ORM reads outside transactions go to the replica.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { createTestDatabase, deleteNamespaceStreams, eventually, freePort, TEST_NATS_URL, uniqueName, type TestDatabase } from '@startales/testing';

const CWD = join(import.meta.dir, '..');
let db: TestDatabase;
const ns = uniqueName('lrm');

beforeAll(async () => {
  db = await createTestDatabase('llmr_m');
});
afterAll(async () => {
  await db?.drop();
  await deleteNamespaceStreams(ns).catch(() => {});
});

async function runOnce(env: Record<string, string>) {
  const proc = Bun.spawn(['bun', 'src/main.ts'], {
    cwd: CWD,
    // production without the router's tokens, and NATS on a port nobody listens on: the Job needs neither
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', DATABASE_URL: db.url, NATS_URL: `nats://127.0.0.1:${await freePort()}`, PORT: String(await freePort()), LLM_ROUTER_SERVICE_TOKEN: '', LLM_ROUTER_ADMIN_TOKEN: '', ...env },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  const [out, err, code] = [await new Response(proc.stdout).text(), await new Response(proc.stderr).text(), await proc.exited];
  clearTimeout(timer);
  return { code, log: out + err };
}

async function tables(): Promise<string[]> {
  const sql = new Bun.SQL(db.url, { max: 1 });
  try {
    const rows = await sql`select table_name from information_schema.tables where table_schema = 'llm_router' order by 1`;
    return rows.map((r: { table_name: string }) => r.table_name);
  } finally {
    await sql.close();
  }
}

test('MIGRATE_ONLY=true creates the llm_router schema and exits 0; a second run finds nothing to do', async () => {
  expect(await tables()).toEqual([]);
  const first = await runOnce({ MIGRATE_ONLY: 'true' });
  expect({ code: first.code, log: first.code === 0 ? '' : first.log }).toEqual({ code: 0, log: '' });
  expect(first.log).toContain('migrations applied');
  const created = await tables();
  expect(created).toContain('mikro_orm_migrations');
  expect(created).toContain('ledger_entry');
  expect(created).toContain('virtual_key');
  expect(first.log).not.toContain('listening');

  const second = await runOnce({ MIGRATE_ONLY: 'true' });
  expect(second.code).toBe(0);
  expect(second.log).toContain('no pending migration');
}, 60_000);

test('without MIGRATE_ONLY, production still refuses to start without its tokens', async () => {
  const run = await runOnce({});
  expect(run.code).toBe(1);
  expect(run.log).toContain('LLM_ROUTER_SERVICE_TOKEN: is required in production');
}, 30_000);

test('DATABASE_MIGRATE=false starts on the migrated schema; with DATABASE_REPLICA_URLS the ORM reads from the replica', async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc: Subprocess<'ignore', 'pipe', 'pipe'> = Bun.spawn(['bun', 'src/main.ts'], {
    cwd: CWD,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      DATABASE_URL: db.url,
      DATABASE_MIGRATE: 'false',
      // a second connection to the same database stands in for a streaming replica
      DATABASE_REPLICA_URLS: db.url,
      NATS_URL: TEST_NATS_URL,
      NATS_NAMESPACE: ns,
      LLM_ROUTER_SERVICE_TOKEN: 'mig-service-token',
      LLM_ROUTER_ADMIN_TOKEN: 'mig-admin-token',
    },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const log: string[] = [];
  for (const stream of [proc.stdout, proc.stderr]) {
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) log.push(decoder.decode(chunk));
    })();
  }
  try {
    await eventually(
      async () => {
        if (proc.exitCode !== null) throw new Error(`exited ${proc.exitCode}: ${log.join('')}`);
        return (await fetch(`${url}/healthz/ready`)).ok;
      },
      'the router to be ready',
      30_000,
    );
    expect(log.join('')).not.toContain('migrations applied');
    const admin = { authorization: 'Bearer mig-admin-token', 'content-type': 'application/json' };
    const created = await fetch(`${url}/v1/keys`, { method: 'POST', headers: admin, body: JSON.stringify({ userId: 'u_replica', name: 'replica test' }) });
    expect(created.status).toBe(201);
    // the list is an ORM read outside a transaction: it goes to the replica connection
    const listed = await eventually(async () => {
      const res = await fetch(`${url}/v1/keys?userId=u_replica`, { headers: admin });
      const body = (await res.json()) as { data: Array<{ name: string }> };
      return body.data.length === 1 ? body : null;
    }, 'the key to be listed', 5_000);
    expect(listed.data[0]!.name).toBe('replica test');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/db_query_duration_seconds_count\{operation="select",connection="read",service="llm-router"\} [1-9]/);
    expect(metrics).toMatch(/db_query_duration_seconds_count\{operation="insert",connection="write",service="llm-router"\} [1-9]/);
  } finally {
    proc.kill('SIGTERM');
    await Promise.race([proc.exited, Bun.sleep(10_000).then(() => proc.kill('SIGKILL'))]);
  }
  expect(proc.exitCode).toBe(0);
}, 60_000);
