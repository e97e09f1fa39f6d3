import { connectBus, createLogger, createOrm, listen, runMigrations, startGdprConsumer, startOutboxRelay, startTelemetry, type Bus, type Orm } from '@startales/kit';
import { llmRouterGdpr } from './gdpr.ts';
import { SQL } from 'bun';
import { Stream } from '@startales/contracts';
import { loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { loadPriceTable } from './pricing/price-table.ts';
import { createProviders } from './providers/index.ts';
import { startRecovery } from './modules/metering/recovery.ts';
import { sharedSessionSql } from './shared-session.ts';
import { runRetentionOnce, scheduleRetention } from './retention.ts';

const config = loadConfig();
const logger = createLogger({ service: 'llm-router', level: config.LOG_LEVEL });
const stopTelemetry = await startTelemetry({ service: 'llm-router', endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, logger });
if (config.usingDevTokens) logger.warn('LLM_ROUTER_SERVICE_TOKEN / LLM_ROUTER_ADMIN_TOKEN not set: using development tokens');

let orm: Orm | undefined;
let db: SQL | undefined;
let callsDb: SQL | undefined;
let bus: Bus | undefined;
try {
  if (config.MIGRATE_ONLY) {
    // the migration Job (helm hook): apply the committed migrations and exit; no price table, NATS or HTTP
    await runMigrations({ url: config.DATABASE_URL, schema: 'llm_router', entities, migrations, poolMax: config.DATABASE_POOL_MAX, logger });
    await stopTelemetry();
    process.exit(0);
  }
  if (config.RETENTION_ONLY) {
    // the retention CronJob: run the retention rules once and exit; no price table, NATS or HTTP
    const code = await runRetentionOnce(config, logger);
    await stopTelemetry();
    process.exit(code);
  }
  // a bad price table stops the service here: no model is ever priced at $0 by omission
  const prices = loadPriceTable(config.LLM_ROUTER_PRICES_FILE);
  const providers = createProviders({
    openai: { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL },
    anthropic: { apiKey: config.ANTHROPIC_API_KEY, baseURL: config.ANTHROPIC_BASE_URL },
    google: { apiKey: config.GEMINI_API_KEY, baseURL: config.GEMINI_BASE_URL },
    xai: { apiKey: config.XAI_API_KEY, baseURL: config.XAI_BASE_URL },
    ollama: { baseURL: config.OLLAMA_BASE_URL },
  });
  const unavailable = Object.values(providers).filter((p) => !p.available).map((p) => p.id);
  if (unavailable.length) logger.warn('providers without credentials are unavailable', { providers: unavailable });

  orm = await createOrm({
    url: config.DATABASE_URL,
    schema: 'llm_router',
    entities,
    migrations,
    poolMax: config.DATABASE_POOL_MAX,
    logger,
    migrate: config.DATABASE_MIGRATE,
    replicaUrls: config.DATABASE_REPLICA_URLS,
  });
  db = new SQL(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, prepare: config.LLM_ROUTER_DB_PREPARED_STATEMENTS });
  // without prepared statements the session is shared by every service (embedded PGlite): see shared-session.ts
  if (!config.LLM_ROUTER_DB_PREPARED_STATEMENTS) db = sharedSessionSql(db);
  // per-call statements commit without waiting for the WAL flush; the meter makes its batches durable explicitly.
  // Not when services share one embedded PGlite session (no prepared statements): the setting would be theirs too.
  if (config.LLM_ROUTER_DB_PREPARED_STATEMENTS) {
    callsDb = new SQL(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, connection: { synchronous_commit: 'off' } });
  }
  bus = await connectBus({ url: config.NATS_URL, ns: config.NATS_NAMESPACE, name: 'llm-router', logger });
  await bus.ensureStreams([Stream.USAGE, Stream.DOMAIN, Stream.GDPR]);
  const relay = startOutboxRelay({ orm, bus, logger });
  const gdpr = await startGdprConsumer({ service: 'llm-router', bus, orm, logger, outbox: relay, handlers: llmRouterGdpr });
  const { app, state, meter, budgets, instanceId, stopSync } = createApp({
    orm,
    db,
    callsDb,
    bus,
    outbox: relay,
    logger,
    prices,
    providers,
    tokens: { service: config.LLM_ROUTER_SERVICE_TOKEN, admin: config.LLM_ROUTER_ADMIN_TOKEN },
    limits: {
      service: { rpm: config.LLM_ROUTER_SERVICE_RPM, tpm: config.LLM_ROUTER_SERVICE_TPM },
      keyDefaults: { rpm: config.LLM_ROUTER_KEY_RPM, tpm: config.LLM_ROUTER_KEY_TPM },
    },
    resilience: {
      maxRetries: config.LLM_ROUTER_MAX_RETRIES,
      retryBaseMs: config.LLM_ROUTER_RETRY_BASE_MS,
      retryMaxDelayMs: config.LLM_ROUTER_RETRY_MAX_DELAY_MS,
      timeoutMs: config.LLM_ROUTER_UPSTREAM_TIMEOUT_MS,
      breakerThreshold: config.LLM_ROUTER_BREAKER_THRESHOLD,
      breakerCooldownMs: config.LLM_ROUTER_BREAKER_COOLDOWN_MS,
    },
    maxBodyBytes: config.LLM_ROUTER_MAX_BODY_BYTES,
  });
  // calls left in flight by router processes that died are metered by the living ones
  const recovery = await startRecovery({ db, meter, instanceId, logger });
  const retention = scheduleRetention(orm, config, logger);
  const o = orm;
  const d = db;
  const cd = callsDb;
  const b = bus;
  listen({
    app,
    host: config.HOST,
    port: config.PORT,
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    setReady: (ready) => {
      state.ready = ready;
    },
    // in-flight calls finish first (http), then their ledger rows and usage events are written and published
    close: [
      { name: 'metering', run: () => meter.close(config.SHUTDOWN_TIMEOUT_MS / 2) },
      { name: 'rate-limit sync', run: () => stopSync() },
      { name: 'budget leases', run: () => budgets.close() },
      { name: 'recovery', run: () => recovery.stop() },
      { name: 'retention', run: () => retention.stop() },
      { name: 'gdpr consumer', run: () => gdpr.stop() },
      { name: 'outbox', run: () => relay.stop() },
      { name: 'nats', run: () => b.close() },
      { name: 'orm', run: () => o.close() },
      { name: 'db', run: () => d.close() },
      { name: 'calls db', run: () => cd?.close() },
      { name: 'telemetry', run: () => stopTelemetry() },
    ],
  });
} catch (error) {
  logger.error('failed to start', { error });
  await bus?.close().catch(() => {});
  await orm?.close().catch(() => {});
  await db?.close().catch(() => {});
  await callsDb?.close().catch(() => {});
  await stopTelemetry();
  process.exit(1);
}
