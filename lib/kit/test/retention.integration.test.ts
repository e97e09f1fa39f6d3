/** Data retention on fixtures with a moved clock, against the real PostgreSQL. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { Migration } from '@mikro-orm/migrations';
import { createTestDatabase, type TestDatabase } from '@startales/testing';
import { createLogger, createOrm, createRetentionRunner, metrics, ProcessedEvent, retentionCutoff, runMigrations, type Orm, type RetentionRule } from '../src/index.ts';

class RetentionFixtures extends Migration {
  override up() {
    this.addSql(`create table "kit_retention"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"))`);
    this.addSql(`create table "kit_retention"."account" ("id" text primary key, "email" text, "closed_at" timestamptz)`);
    this.addSql(`create table "kit_retention"."campaign" ("id" text primary key, "status" text not null, "ended_at" timestamptz)`);
    this.addSql(`create table "kit_retention"."audit_log" ("id" serial primary key, "at" timestamptz not null)`);
  }
}

const logger = createLogger({ service: 'kit-test', level: 'silent' });
const DAY = 86_400_000;
const NOW = new Date('2026-06-01T00:00:00Z');
let db: TestDatabase;
let orm: Orm;

beforeAll(async () => {
  db = await createTestDatabase();
  // MIGRATE_ONLY's path first: migrations applied and the ORM closed; the runtime ORM then finds nothing to do
  expect(await runMigrations({ url: db.url, schema: 'kit_retention', entities: [ProcessedEvent], migrations: [RetentionFixtures], logger })).toEqual(['RetentionFixtures']);
  orm = await createOrm({ url: db.url, schema: 'kit_retention', entities: [ProcessedEvent], migrations: [RetentionFixtures], logger });
  const sql = orm.em.getConnection();
  const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
  await sql.execute(`insert into "kit_retention"."account" values ('closed-8y', 'a@x', '${ago(8 * 365)}'), ('closed-6y', 'b@x', '${ago(6 * 365)}'), ('open', 'c@x', null)`);
  await sql.execute(
    `insert into "kit_retention"."campaign" values ('ended-3y', 'ENDED', '${ago(3 * 365)}'), ('ended-1y', 'ENDED', '${ago(365)}'), ('running-3y', 'RUNNING', '${ago(3 * 365)}')`,
  );
  // 2500 log rows older than 90 days (several delete batches) and 10 recent ones
  await sql.execute(`insert into "kit_retention"."audit_log" ("at") select '${ago(100)}'::timestamptz from generate_series(1, 2500)`);
  await sql.execute(`insert into "kit_retention"."audit_log" ("at") select '${ago(10)}'::timestamptz from generate_series(1, 10)`);
}, 60_000);

afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const rules: RetentionRule[] = [
  { name: 'closed-accounts', category: 'user', table: 'account', column: 'closed_at' },
  { name: 'ended-campaigns', category: 'campaign', table: 'campaign', column: 'ended_at', where: `status = 'ENDED'` },
  { name: 'audit-log', category: 'log', table: 'audit_log', column: 'at' },
  {
    name: 'anonymise-emails',
    category: 'user',
    run: async (em, cutoff) => {
      const res = (await em.getConnection().execute(`update "kit_retention"."account" set email = null where closed_at < ? and email is not null`, [cutoff], 'run')) as unknown as { affectedRows: number };
      return res.affectedRows;
    },
  },
];

const ids = async (table: string) => ((await orm.em.getConnection().execute(`select id from "kit_retention"."${table}" order by id`)) as Array<{ id: string }>).map((r) => r.id);
const count = async (table: string) => Number(((await orm.em.getConnection().execute(`select count(*) as n from "kit_retention"."${table}"`)) as Array<{ n: string }>)[0]!.n);

test('cutoffs follow the seed: user data 7 years, campaign data 2 years, logs 90 days', () => {
  expect(retentionCutoff('user', NOW).toISOString()).toBe(new Date(NOW.getTime() - 2557 * DAY).toISOString());
  expect(retentionCutoff('campaign', NOW).toISOString()).toBe('2024-06-01T00:00:00.000Z');
  expect(retentionCutoff('log', NOW).toISOString()).toBe('2026-03-03T00:00:00.000Z');
  expect(retentionCutoff('log', NOW, { logDays: 30 }).toISOString()).toBe('2026-05-02T00:00:00.000Z');
  // a service whose config lacks a limit keeps the seed's
  expect(retentionCutoff('campaign', NOW, { campaignDays: undefined }).toISOString()).toBe('2024-06-01T00:00:00.000Z');
});

test('the runner deletes exactly what aged out, in batches, and is idempotent', async () => {
  const runner = createRetentionRunner({ orm, schema: 'kit_retention', rules, clock: () => NOW, batchSize: 1000, logger });
  const results = await runner.run();
  expect(results.map((r) => [r.rule, r.affected, r.error])).toEqual([
    ['closed-accounts', 1, undefined],
    ['ended-campaigns', 1, undefined],
    ['audit-log', 2500, undefined],
    ['anonymise-emails', 0, undefined],
  ]);
  expect(await ids('account')).toEqual(['closed-6y', 'open']);
  expect(await ids('campaign')).toEqual(['ended-1y', 'running-3y']);
  expect(await count('audit_log')).toBe(10);
  expect(metrics.render()).toContain('retention_rows_total{rule="audit-log",category="log"');
  // nothing more to do at the same instant
  expect((await runner.run()).every((r) => r.affected === 0)).toBe(true);
});

test('moving the clock forward ages out the rest; configured limits win over the seed', async () => {
  const later = new Date(NOW.getTime() + 2 * 365 * DAY);
  const runner = createRetentionRunner({ orm, schema: 'kit_retention', rules, clock: () => later, policy: { campaignDays: 365 }, logger });
  const results = await runner.run();
  expect(results.find((r) => r.rule === 'closed-accounts')!.affected).toBe(1);
  expect(await ids('account')).toEqual(['open']);
  // ended a year before NOW, so three years before `later`; RUNNING campaigns are never aged out
  expect(await ids('campaign')).toEqual(['running-3y']);
  expect(await count('audit_log')).toBe(0);
});

test('a failing rule is reported and the others still run; bad identifiers are refused up front', async () => {
  const failing: RetentionRule[] = [{ name: 'broken', category: 'log', table: 'no_such_table', column: 'at' }, { name: 'audit-log', category: 'log', table: 'audit_log', column: 'at' }];
  const results = await createRetentionRunner({ orm, schema: 'kit_retention', rules: failing, clock: () => NOW, logger }).run();
  expect(results[0]!.error).toBeDefined();
  expect(results[1]!.error).toBeUndefined();
  expect(() => createRetentionRunner({ orm, schema: 'kit_retention', rules: [{ name: 'x', category: 'log', table: 'a; drop table b', column: 'at' }], logger })).toThrow();
});
