import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { Logger } from './logger.ts';

export type Orm = MikroORM;
export type { EntityManager };

export interface OrmOptions {
  /** postgres://user@host:port/db */
  url: string;
  /** The PostgreSQL schema this service owns (one per service). */
  schema: string;
  entities: unknown[];
  /** Committed migrations, in order. */
  migrations: Array<Constructor<Migration>>;
  /** Folder holding the migrations and their snapshot (used by the migration generator only). */
  migrationsPath?: string;
  poolMax?: number;
  logger?: Logger;
  /** Run pending migrations on start (default true). */
  migrate?: boolean;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Creates the database named in `url` when it does not exist yet (safe when several services race). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!IDENT.test(name)) throw new Error(`database name must match ${IDENT}: "${name}"`);
  // `postgres` always exists, and it is the only database of an embedded PGlite, whose shared session would make
  // this client's named prepared statements collide with other services' ("prepared statement P0 already exists")
  if (name === 'postgres') return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = new Bun.SQL(admin.toString(), { max: 1 });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) {
      try {
        await sql.unsafe(`create database "${name}"`);
      } catch (error) {
        // 42P04 duplicate_database, 23505: another service created it between our check and create
        const code = (error as { errno?: string; code?: string }).errno ?? (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505' && !/already exists/.test(String(error))) throw error;
      }
    }
  } finally {
    await sql.close();
  }
}

/** Builds the MikroORM options shared by the runtime and the migration generator. */
export function ormConfig(options: OrmOptions) {
  if (!IDENT.test(options.schema)) throw new Error(`schema must match ${IDENT}: "${options.schema}"`);
  return {
    clientUrl: options.url,
    schema: options.schema,
    entities: options.entities as never[],
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax ?? 10 },
    allowGlobalContext: false,
    debug: false,
    ensureDatabase: false,
    migrations: {
      tableName: 'mikro_orm_migrations',
      schema: options.schema,
      migrationsList: options.migrations,
      path: options.migrationsPath,
      pathTs: options.migrationsPath,
      snapshotOnMigrate: false,
      snapshotName: `.snapshot-${options.schema}`,
      silent: true,
      emit: 'ts' as const,
    },
  };
}

/**
 * Opens the service's ORM: ensures the database and the service's schema exist, then applies the
 * committed migrations (never a schema sync: production and tests run the same migration files).
 */
export async function createOrm(options: OrmOptions): Promise<Orm> {
  await ensureDatabase(options.url);
  const orm = await MikroORM.init(ormConfig(options));
  try {
    await orm.em.getConnection().execute(`create schema if not exists "${options.schema}"`);
    if (options.migrate !== false) {
      const applied = await orm.migrator.up();
      if (applied.length) options.logger?.info('migrations applied', { migrations: applied.map((m) => m.name) });
    }
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}

/** True when PostgreSQL answers a trivial query (readiness). */
export async function pingDatabase(orm: Orm): Promise<boolean> {
  await orm.em.getConnection().execute('select 1');
  return true;
}

/** True for a PostgreSQL unique-violation, however the driver wrapped it. */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 5 && e; i++) {
    const code = (e as { code?: string }).code;
    if (code === '23505') return true;
    if ((e as { name?: string }).name === 'UniqueConstraintViolationException') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
