/**
 * The one-shot modes the chart's hook Job and CronJob run, on a real subgraph process: MIGRATE_ONLY applies the
 * committed migrations and exits 0 without NATS or HTTP; RETENTION_ONLY runs the service's retention rules and exits 0.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { join } from 'node:path';
import { createTestDatabase, freePort, REPO_ROOT, type TestDatabase } from '@startales/testing';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function run(env: Record<string, string>) {
  const port = await freePort();
  const proc = Bun.spawn(['bun', 'src/main.ts'], {
    cwd: join(REPO_ROOT, 'subgraphs', 'analytics'),
    // NATS on a port nobody listens on: these modes must not need it
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: db.url, NATS_URL: `nats://127.0.0.1:${await freePort()}`, PORT: String(port), ...env },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  const [out, err, code] = [await new Response(proc.stdout).text(), await new Response(proc.stderr).text(), await proc.exited];
  clearTimeout(timer);
  return { code, log: out + err };
}

test('MIGRATE_ONLY=true migrates and exits 0 (the migration Job); a second run finds nothing to do', async () => {
  const first = await run({ MIGRATE_ONLY: 'true' });
  expect({ code: first.code, log: first.code === 0 ? '' : first.log }).toEqual({ code: 0, log: '' });
  expect(first.log).toContain('migrations applied');
  const sql = new Bun.SQL(db.url, { max: 1 });
  try {
    const rows = await sql`select count(*)::int as n from analytics.mikro_orm_migrations`;
    expect(rows[0].n).toBeGreaterThan(0);
  } finally {
    await sql.close();
  }
  const second = await run({ MIGRATE_ONLY: 'true' });
  expect(second.code).toBe(0);
  expect(second.log).toContain('no pending migration');
}, 60_000);

test('RETENTION_ONLY=true runs the retention rules and exits 0 (the retention CronJob)', async () => {
  // analytics' rules: dedupe records age out after 90 days, game facts after 2 years (here from the DEFAULT partition)
  const sql = new Bun.SQL(db.url, { max: 1 });
  const [oldEvent, newEvent, oldFact] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  try {
    await sql`insert into analytics.processed_event (consumer, event_id, processed_at) values ('t', ${oldEvent}, now() - interval '100 days'), ('t', ${newEvent}, now() - interval '10 days')`;
    await sql`insert into analytics.game_event_fact (id, occurred_at, type, campaign_id, data) values (${oldFact}, now() - interval '3 years', 'x', 'c', '{}')`;
    const r = await run({ RETENTION_ONLY: 'true', DATABASE_MIGRATE: 'false' });
    expect({ code: r.code, log: r.code === 0 ? '' : r.log }).toEqual({ code: 0, log: '' });
    expect(r.log).toContain('retention applied');
    expect(r.log).not.toContain('listening');
    expect((await sql`select event_id from analytics.processed_event where consumer = 't'`).map((row: { event_id: string }) => row.event_id)).toEqual([newEvent]);
    expect(await sql`select id from analytics.game_event_fact where id = ${oldFact}`).toEqual([]);
  } finally {
    await sql.close();
  }
}, 60_000);
