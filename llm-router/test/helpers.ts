import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { connectBus, createLogger, createOrm, startOutboxRelay, type Bus, type Orm, type OutboxRelay } from '@startales/kit';
import { Stream } from '@startales/contracts';
import { createTestDatabase, deleteNamespaceStreams, TEST_NATS_URL, uniqueName, type TestDatabase } from '@startales/testing';
import { createApp, type ResiliencePolicy, type RouterDeps } from '../src/app.ts';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { DEFAULT_PRICES_FILE } from '../src/config.ts';
import { loadPriceTable, type PriceTable } from '../src/pricing/price-table.ts';
import { createProviders } from '../src/providers/index.ts';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/openai.ts';
import { startFakeAnthropic, type FakeAnthropic } from './fakes/anthropic.ts';
import { startFakeGemini, type FakeGemini } from './fakes/gemini.ts';

export const SERVICE_TOKEN = 'test-service-token';
export const ADMIN_TOKEN = 'test-admin-token';

export interface Fakes {
  openai: FakeOpenAI;
  anthropic: FakeAnthropic;
  gemini: FakeGemini;
  xai: FakeOpenAI;
  ollama: FakeOpenAI;
}

export interface TestRouter {
  url: string;
  fakes: Fakes;
  orm: Orm;
  bus: Bus;
  ns: string;
  prices: PriceTable;
  app: ReturnType<typeof createApp>;
  relay: OutboxRelay;
  /** An OpenAI SDK client pointed at the router, attributed with `headers`. */
  openai(headers?: Record<string, string>, apiKey?: string): OpenAI;
  /** An Anthropic SDK client pointed at the router. */
  anthropic(headers?: Record<string, string>, apiKey?: string): Anthropic;
  /** The router's own Bun.SQL pool (budget reservations, metering). */
  db: InstanceType<typeof Bun.SQL>;
  /** Raw SQL against the router's database. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Waits until every finished call is in the ledger. */
  settled(): Promise<void>;
  resetFakes(): void;
  /** A second router process on the same database, NATS namespace and upstreams (its own leases, caches). */
  peer(): Promise<RouterPeer>;
  close(): Promise<void>;
}

export interface RouterPeer {
  url: string;
  app: ReturnType<typeof createApp>;
  openai(headers?: Record<string, string>, apiKey?: string): OpenAI;
  close(): Promise<void>;
}

export interface RouterOptions {
  resilience?: Partial<ResiliencePolicy>;
  limits?: RouterDeps['limits'];
  /** Providers left without a key (reported unavailable). */
  unavailable?: Array<keyof Fakes>;
}

export const attribution = (user = 'user-1', extra: Record<string, string> = {}) => ({ 'x-startales-user': user, 'x-startales-purpose': 'narration', ...extra });

/**
 * The router in process on a free port, with a fresh database, a private NATS namespace and one fake upstream
 * per provider. SDK clients reach it over real HTTP, exactly as services do.
 */
export async function startRouter(options: RouterOptions = {}): Promise<TestRouter> {
  const logger = createLogger({ service: 'llm-router-test', level: Bun.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent' });
  const db: TestDatabase = await createTestDatabase('llmr_t');
  const ns = uniqueName('lr');
  const fakes: Fakes = {
    openai: startFakeOpenAI('openai'),
    anthropic: startFakeAnthropic(),
    gemini: startFakeGemini(),
    xai: startFakeOpenAI('xai'),
    ollama: startFakeOpenAI('ollama'),
  };
  const off = new Set(options.unavailable ?? []);
  const key = (name: keyof Fakes, value: string) => (off.has(name) ? undefined : value);
  const prices = loadPriceTable(DEFAULT_PRICES_FILE);
  const orm = await createOrm({ url: db.url, schema: 'llm_router', entities, migrations, logger, poolMax: 8 });
  const pool = new Bun.SQL(db.url, { max: 8 });
  // as in main.ts: the per-call statements commit without waiting for the WAL flush
  const callsPool = new Bun.SQL(db.url, { max: 8, connection: { synchronous_commit: 'off' } });
  const bus = await connectBus({ url: TEST_NATS_URL, ns, name: 'llm-router-test', logger });
  await bus.ensureStreams([Stream.USAGE]);
  const relay = startOutboxRelay({ orm, bus, logger, intervalMs: 100 });
  const deps = (bus: Bus): RouterDeps => ({
    orm,
    db: pool,
    callsDb: callsPool,
    bus,
    outbox: relay,
    logger,
    prices,
    providers: createProviders({
      openai: { apiKey: key('openai', 'openai-test-key'), baseURL: `${fakes.openai.url}/v1` },
      anthropic: { apiKey: key('anthropic', 'anthropic-test-key'), baseURL: fakes.anthropic.url },
      google: { apiKey: key('gemini', 'gemini-test-key'), baseURL: fakes.gemini.url },
      xai: { apiKey: key('xai', 'xai-test-key'), baseURL: `${fakes.xai.url}/v1` },
      ollama: { baseURL: off.has('ollama') ? undefined : fakes.ollama.url },
    }),
    tokens: { service: SERVICE_TOKEN, admin: ADMIN_TOKEN },
    limits: options.limits ?? { service: { rpm: 0, tpm: 0 }, keyDefaults: { rpm: 0, tpm: 0 } },
    resilience: {
      maxRetries: 2,
      retryBaseMs: 5,
      retryMaxDelayMs: 1_500,
      timeoutMs: 5_000,
      breakerThreshold: 3,
      breakerCooldownMs: 60_000,
      ...options.resilience,
    },
    maxBodyBytes: 1024 * 1024,
  });
  const app = createApp(deps(bus));
  app.app.listen({ hostname: '127.0.0.1', port: 0 });
  app.state.ready = true;
  const url = `http://127.0.0.1:${app.app.server!.port}`;

  return {
    url,
    fakes,
    orm,
    bus,
    ns,
    prices,
    app,
    relay,
    openai: (headers = attribution(), apiKey = SERVICE_TOKEN) => new OpenAI({ apiKey, baseURL: `${url}/v1`, defaultHeaders: headers, maxRetries: 0 }),
    anthropic: (headers = attribution(), apiKey = SERVICE_TOKEN) => new Anthropic({ apiKey, baseURL: url, defaultHeaders: headers, maxRetries: 0 }),
    db: pool,
    sql: (query, params = []) => orm.em.getConnection().execute(query, params as unknown[]) as never,
    settled: () => app.meter.idle(),
    resetFakes: () => Object.values(fakes).forEach((f) => f.reset()),
    async peer() {
      const peerBus = await connectBus({ url: TEST_NATS_URL, ns, name: 'llm-router-test-peer', logger });
      const peer = createApp(deps(peerBus));
      peer.app.listen({ hostname: '127.0.0.1', port: 0 });
      peer.state.ready = true;
      const peerUrl = `http://127.0.0.1:${peer.app.server!.port}`;
      return {
        url: peerUrl,
        app: peer,
        openai: (headers = attribution(), apiKey = SERVICE_TOKEN) => new OpenAI({ apiKey, baseURL: `${peerUrl}/v1`, defaultHeaders: headers, maxRetries: 0 }),
        async close() {
          await peer.app.stop(true);
          peer.stopSync();
          await peer.meter.close(5_000);
          await peer.budgets.close();
          await peerBus.close();
        },
      };
    },
    async close() {
      await app.app.stop(true);
      app.stopSync();
      await app.meter.close(5_000);
      await app.budgets.close();
      await relay.stop();
      await bus.close();
      await orm.close();
      await pool.close();
      await callsPool.close();
      await db.drop();
      await deleteNamespaceStreams(ns).catch(() => {});
      await Promise.all(Object.values(fakes).map((f) => f.stop()));
    },
  };
}

/** The ledger row of a call (by the x-startales-call-id it answered with). */
export async function ledgerRow(router: TestRouter, callId: string): Promise<Record<string, any>> {
  await router.settled();
  const [row] = await router.sql(`select * from llm_router.ledger_entry where id = ?`, [callId]);
  if (!row) throw new Error(`no ledger row ${callId}`);
  return row;
}
