import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { Logger } from './logger.ts';
import type { Logger as OrmLogger, LogContext, LoggerNamespace, LoggerOptions } from '@mikro-orm/core';
import { metrics } from './metrics.ts';
import { SpanKind, recordSpan } from './tracing.ts';

const queryDuration = metrics.histogram('db_query_duration_seconds', 'PostgreSQL query time as the ORM measured it, by operation and connection (write = primary, read = replica).', ['operation', 'connection'], [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);
const queryErrors = metrics.counter('db_query_errors_total', 'PostgreSQL queries that failed, by operation.', ['operation']);

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
  /**
   * Read replicas (`postgres://…` URLs): reads outside a transaction go to one of them, everything else to `url`.
   * For read-heavy services that accept replication lag on such reads.
   */
  replicaUrls?: string[];
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
    ...(options.replicaUrls?.length
      ? { replicas: options.replicaUrls.map((clientUrl, i) => ({ name: `read-${i + 1}`, clientUrl })), preferReadReplicas: true }
      : {}),
    allowGlobalContext: false,
    debug: false,
    // every query is timed into `db_query_duration_seconds` and, inside a trace, recorded as a span
    loggerFactory: (loggerOptions: LoggerOptions) => new ObservedOrmLogger(options.schema, loggerOptions, options.logger),
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

/** The statement's verb (`select`, `insert`, `begin`...), a bounded label. */
function operationOf(query: string | undefined): string {
  const m = /^\s*\(?\s*([a-z]+)/i.exec(query ?? '');
  const verb = m?.[1]?.toLowerCase() ?? 'other';
  return ['select', 'insert', 'update', 'delete', 'with', 'begin', 'commit', 'rollback', 'savepoint', 'release', 'create', 'alter', 'drop', 'set', 'lock', 'truncate'].includes(verb) ? verb : 'other';
}

/** MikroORM's logger, turned into metrics and spans; warnings still reach the service log, nothing else is printed. */
class ObservedOrmLogger implements OrmLogger {
  private debugMode: boolean | LoggerNamespace[];
  constructor(
    private readonly schema: string,
    options: LoggerOptions,
    private readonly logger?: Logger,
  ) {
    this.debugMode = options.debugMode ?? false;
  }
  log(namespace: string, message: string): void {
    if (this.isEnabled(namespace as LoggerNamespace)) this.logger?.debug(message, { namespace });
  }
  error(namespace: string, message: string): void {
    this.logger?.error(message, { namespace });
  }
  warn(namespace: string, message: string): void {
    this.logger?.warn(message, { namespace });
  }
  logQuery(context: LogContext): void {
    if (context.namespace === 'slow-query') return;
    const operation = operationOf(context.query);
    const connection = context.connection?.type ?? 'write';
    const took = context.took ?? 0;
    const failed = context.level === 'error';
    queryDuration.observe({ operation, connection }, took / 1000);
    if (failed) queryErrors.inc({ operation });
    recordSpan(`${operation} ${this.schema}`, {
      kind: SpanKind.CLIENT,
      durationMs: took,
      error: failed,
      attributes: {
        'db.system': 'postgresql',
        'db.namespace': this.schema,
        'db.operation.name': operation,
        'db.query.text': (context.query ?? '').slice(0, 2000),
        'db.connection': context.connection?.name ?? connection,
      },
    });
  }
  setDebugMode(debugMode: boolean | LoggerNamespace[]): void {
    this.debugMode = debugMode;
  }
  isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    if (context?.enabled !== undefined) return context.enabled;
    const mode = context?.debugMode ?? this.debugMode;
    return mode === true || (Array.isArray(mode) && mode.includes(namespace));
  }
}

/**
 * Applies the committed migrations and closes the ORM: what the Kubernetes migration Job runs
 * (`MIGRATE_ONLY=true`), so replicas never race each other to migrate at start.
 */
export async function runMigrations(options: Omit<OrmOptions, 'migrate' | 'replicaUrls'>): Promise<string[]> {
  await ensureDatabase(options.url);
  const orm = await MikroORM.init(ormConfig(options));
  try {
    await orm.em.getConnection().execute(`create schema if not exists "${options.schema}"`);
    const applied = await orm.migrator.up();
    options.logger?.info(applied.length ? 'migrations applied' : 'no pending migration', { migrations: applied.map((m) => m.name) });
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
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
