import type { Elysia } from 'elysia';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { createLogger, type Logger, type LogLevel } from './logger.ts';
import { startTelemetry } from './telemetry.ts';
import { createOrm, type Orm } from './db.ts';
import { connectBus, type Bus } from './events.ts';
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
}

/** Everything a subgraph's `main.ts` does: telemetry, ORM + migrations, NATS, outbox, listen, shutdown. */
export async function bootSubgraph<TExtra extends object>(options: BootOptions<TExtra>): Promise<ShutdownHandle> {
  const { config } = options;
  const logger = createLogger({ service: options.name, level: config.LOG_LEVEL });
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const stopTelemetry = await startTelemetry({ service: options.name, endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, logger });
  let orm: Orm | undefined;
  let bus: Bus | undefined;
  try {
    orm = await createOrm({
      url: config.DATABASE_URL,
      schema: options.name,
      entities: options.entities,
      migrations: options.migrations,
      poolMax: config.DATABASE_POOL_MAX,
      logger,
    });
    bus = await connectBus({ url: config.NATS_URL, ns: config.NATS_NAMESPACE, name: options.name, logger });
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
