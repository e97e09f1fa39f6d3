import type { Elysia } from 'elysia';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { createLogger, type Logger, type LogLevel } from './logger.ts';
import { startTelemetry } from './telemetry.ts';
import { createOrm, runMigrations, type Orm } from './db.ts';
import { createRetentionRunner, type RetentionRule } from './retention.ts';
import { connectBus, streamMaxAgesFromRetention, type Bus } from './events.ts';
import { createTokenVerifier, type TokenVerifier } from './auth.ts';
import { startOutboxRelay } from './outbox.ts';
import { listen } from './runtime.ts';
import type { ShutdownHandle } from './shutdown.ts';
import type { SubgraphDeps, ReadyFlag } from './subgraph.ts';

/** Config every subgraph's `config.ts` produces (common + database + auth keys). */
export interface BootConfig {
  NODE_ENV: 'development' | 'test' | 'production';
  LOG_LEVEL: LogLevel;
  HOST: string;
  PORT: number;
  NATS_URL: string;
  NATS_NAMESPACE: string;
  OTEL_EXPORTER_OTLP_ENDPOINT: string | undefined;
  SHUTDOWN_TIMEOUT_MS: number;
  DATABASE_URL: string;
  DATABASE_POOL_MAX: number;
  JWKS_URL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  /** Read replicas (from `databaseConfig`). */
  DATABASE_REPLICA_URLS?: string[];
  /** Migrate at start (default true). */
  DATABASE_MIGRATE?: boolean;
  /** Migrate and exit 0 (the Kubernetes migration Job). */
  MIGRATE_ONLY?: boolean;
  /** Run the retention rules once and exit 0 (the Kubernetes retention CronJob). */
  RETENTION_ONLY?: boolean;
  RETENTION_INTERVAL_HOURS?: number;
  RETENTION_USER_DAYS?: number;
  RETENTION_CAMPAIGN_DAYS?: number;
  RETENTION_LOG_DAYS?: number;
  RETENTION_BATCH_SIZE?: number;
}

export interface BootOptions<TExtra> {
  name: string;
  config: BootConfig;
  entities: unknown[];
  migrations: Array<Constructor<Migration>>;
  /** Overrides the JWKS verifier (users verifies with its own keys). */
  verifier?: (logger: Logger) => Promise<TokenVerifier> | TokenVerifier;
  /** Service-specific dependencies built after ORM and bus (e.g. signing keys, consumers). */
  extra?: (base: SubgraphDeps) => Promise<TExtra>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createApp: (deps: SubgraphDeps & TExtra) => { app: Elysia<any, any, any, any, any, any, any>; state: ReadyFlag };
  /** Extra shutdown steps run before NATS and the ORM close (e.g. stop consumers). */
  beforeClose?: (deps: SubgraphDeps & TExtra) => Array<{ name: string; run: () => Promise<void> | void }>;
  /** Data retention rules for the data this service owns (run by `RETENTION_ONLY=true` or every `RETENTION_INTERVAL_HOURS`). */
  retention?: RetentionRule[];
}

/**
 * Everything a subgraph's `main.ts` does: telemetry, ORM + migrations, NATS, outbox, listen, shutdown.
 * Two one-shot modes exit 0 when done: `MIGRATE_ONLY` (apply migrations; no NATS, no HTTP) and `RETENTION_ONLY`
 * (run the retention rules).
 */
export async function bootSubgraph<TExtra extends object>(options: BootOptions<TExtra>): Promise<ShutdownHandle> {
  const { config } = options;
  const logger = createLogger({ service: options.name, level: config.LOG_LEVEL });
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const stopTelemetry = await startTelemetry({ service: options.name, endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, logger });
  let orm: Orm | undefined;
  let bus: Bus | undefined;
  try {
    const ormOptions = {
      url: config.DATABASE_URL,
      schema: options.name,
      entities: options.entities,
      migrations: options.migrations,
      poolMax: config.DATABASE_POOL_MAX,
      logger,
    };
    if (config.MIGRATE_ONLY) {
      await runMigrations(ormOptions);
      await stopTelemetry();
      process.exit(0);
    }
    orm = await createOrm({ ...ormOptions, migrate: config.DATABASE_MIGRATE ?? true, replicaUrls: config.DATABASE_REPLICA_URLS });
    const retention = createRetentionRunner({
      orm,
      schema: options.name,
      rules: options.retention ?? [],
      policy: { userDays: config.RETENTION_USER_DAYS, campaignDays: config.RETENTION_CAMPAIGN_DAYS, logDays: config.RETENTION_LOG_DAYS },
      batchSize: config.RETENTION_BATCH_SIZE,
      logger,
    });
    if (config.RETENTION_ONLY) {
      if (!options.retention?.length) logger.info('no retention rules registered');
      const results = await retention.run();
      await orm.close();
      await stopTelemetry();
      process.exit(results.some((r) => r.error) ? 1 : 0);
    }
    if (config.RETENTION_INTERVAL_HOURS) retention.schedule(config.RETENTION_INTERVAL_HOURS * 3_600_000);
    bus = await connectBus({ url: config.NATS_URL, ns: config.NATS_NAMESPACE, name: options.name, logger, streamMaxAgeMs: streamMaxAgesFromRetention(config) });
    await bus.ensureStreams();
    const verifier = options.verifier
      ? await options.verifier(logger)
      : createTokenVerifier({ jwksUrl: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
    const relay = startOutboxRelay({ orm, bus, logger });
    const base: SubgraphDeps = { orm, bus, verifier, logger, production: config.NODE_ENV === 'production', outbox: relay };
    const extra = options.extra ? await options.extra(base) : ({} as TExtra);
    const deps = { ...base, ...extra };
    const { app, state } = options.createApp(deps);
    const o = orm;
    const b = bus;
    return listen({
      app,
      host: config.HOST,
      port: config.PORT,
      logger,
      timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      setReady: (ready) => {
        state.ready = ready;
      },
      close: [
        ...(options.beforeClose?.(deps) ?? []),
        { name: 'retention', run: () => retention.stop() },
        { name: 'outbox', run: () => relay.stop() },
        { name: 'nats', run: () => b.close() },
        { name: 'orm', run: () => o.close() },
        { name: 'telemetry', run: () => stopTelemetry() },
      ],
    });
  } catch (error) {
    logger.error('failed to start', { error });
    await bus?.close().catch(() => {});
    await orm?.close().catch(() => {});
    await stopTelemetry();
    process.exit(1);
  }
}
