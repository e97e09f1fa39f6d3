import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { createLogger, createOrm, createRetentionRunner, type Orm, type RetentionPolicy, type RetentionResult, type RetentionRule } from '@startales/kit';
import { createTestDatabase } from './database.ts';

const DAY_MS = 86_400_000;

/** `days` days before `now` (fixtures are written relative to the clock the runner is given). */
export const daysBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);

/** A service's schema on its own database, with raw fixture writes and a retention runner on a clock the test moves. */
export interface RetentionFixture {
  orm: Orm;
  /** The database's URL (to run the service's own process on it). */
  url: string;
  /** A uuid that stands for `label` (the same every call): `remaining` reports it as the label. */
  id(label: string): string;
  /** Inserts one row: a Date becomes a timestamptz, an array a text[], a plain object jsonb. */
  insert(table: string, row: Record<string, unknown>): Promise<void>;
  /** The values of `column` left in `table` (uuids made by `id` as their labels), sorted. */
  remaining(table: string, column: string): Promise<string[]>;
  /** Runs `rules` once with the clock at `now` (and limits overriding the seed's, as the RETENTION_*_DAYS keys do). */
  run(rules: RetentionRule[], options: { now: Date; policy?: Partial<RetentionPolicy> }): Promise<RetentionResult[]>;
  close(): Promise<void>;
}

export async function createRetentionFixture(options: {
  schema: string;
  entities: unknown[];
  migrations: Array<Constructor<Migration>>;
}): Promise<RetentionFixture> {
  const { schema } = options;
  const logger = createLogger({ service: `${schema}-retention-test`, level: 'silent' });
  const db = await createTestDatabase();
  const orm = await createOrm({ url: db.url, schema, entities: options.entities, migrations: options.migrations, logger, poolMax: 2 });
  const sql = orm.em.getConnection();
  const ids = new Map<string, string>();
  const labels = new Map<string, string>();
  return {
    orm,
    url: db.url,
    id(label) {
      let id = ids.get(label);
      if (!id) {
        id = crypto.randomUUID();
        ids.set(label, id);
        labels.set(id, label);
      }
      return id;
    },
    async insert(table, row) {
      const cols = Object.keys(row);
      const params: unknown[] = [];
      const values = cols.map((c) => {
        const v = row[c];
        if (v === null || v === undefined) return 'null';
        if (v instanceof Date) {
          params.push(v.toISOString());
          return '?::timestamptz';
        }
        if (Array.isArray(v)) {
          params.push(`{${v.map((x) => JSON.stringify(String(x))).join(',')}}`);
          return '?::text[]';
        }
        if (typeof v === 'object') {
          params.push(JSON.stringify(v));
          return '?::jsonb';
        }
        params.push(v);
        return '?';
      });
      await sql.execute(`insert into "${schema}"."${table}" (${cols.map((c) => `"${c}"`).join(', ')}) values (${values.join(', ')})`, params as never[], 'run');
    },
    async remaining(table, column) {
      const rows = (await sql.execute(`select "${column}"::text as v from "${schema}"."${table}"`)) as Array<{ v: string }>;
      return rows.map((r) => labels.get(r.v) ?? r.v).sort();
    },
    run(rules, { now, policy }) {
      return createRetentionRunner({ orm, schema, rules, policy, clock: () => now, batchSize: 2, logger }).run();
    },
    async close() {
      await orm.close();
      await db.drop();
    },
  };
}
