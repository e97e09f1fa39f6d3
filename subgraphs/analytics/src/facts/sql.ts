import type { EntityManager } from '@startales/kit';

/**
 * Raw SQL on the caller's EntityManager: inside a consumer's transaction it runs on that transaction's connection
 * (`em.execute`, unlike `em.getConnection().execute`, which takes a pool connection). `?` placeholders are bound by
 * MikroORM's escaping formatter, so SQL text here never contains a literal question mark.
 */
export async function all<T extends object>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await em.execute(sql, params as never[], 'all')) as T[];
}

export async function one<T extends object>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await all<T>(em, sql, params))[0];
}

/** Runs a statement; resolves to the rows it affected. */
export async function run(em: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const res = (await em.execute(sql, params as never[], 'run')) as unknown as { affectedRows: number };
  return res.affectedRows;
}

/** A transaction-scoped advisory lock: events about one campaign / user / subscription apply one at a time. */
export async function lockKey(em: EntityManager, key: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [key]);
}

/** PostgreSQL bigint / numeric (strings on the wire) → a safe JS integer; null → 0. */
export function int(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${String(value)}`);
  return n;
}
