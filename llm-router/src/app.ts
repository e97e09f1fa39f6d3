import type { SQL } from 'bun';
import { Elysia } from 'elysia';
import { LLM_PROVIDERS } from '@startales/contracts';
import { health, pingDatabase, type Bus, type Logger, type Orm, type OutboxRelay, type ReadyFlag } from '@startales/kit';
import { errorResponse, RouterError, RouterErrorCode } from './errors.ts';
import type { PriceTable } from './pricing/price-table.ts';
import type { ProviderSet } from './providers/types.ts';
import { createAuth } from './modules/auth/service.ts';
import { createKeyService } from './modules/auth/keys.ts';
import { createBudgetService, type BudgetScope } from './modules/budgets/service.ts';
import { createRateLimiter, type Limits } from './modules/limits/rate-limiter.ts';
import { createBreakers } from './modules/resilience/breaker.ts';
import { createMeter } from './modules/metering/meter.ts';
import { createRegistry } from './modules/routing/registry.ts';
import { createPipeline } from './modules/calls/pipeline.ts';
import { createChatHandler } from './routes/chat.ts';
import { createMessagesHandler } from './routes/messages.ts';
import { createImagesHandler } from './routes/images.ts';
import { createModelsBodies } from './routes/model-list.ts';
import { adminRoutes } from './routes/admin.ts';

/** Retry, timeout and circuit-breaker policy for provider calls. */
export interface ResiliencePolicy {
  maxRetries: number;
  retryBaseMs: number;
  retryMaxDelayMs: number;
  timeoutMs: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
}

/** Everything createApp needs; built by main.ts from the config (or by a test). */
export interface RouterDeps {
  orm: Orm;
  /** Bun's native PostgreSQL client on the same database (synchronous commits): budgets admin, WAL flushes. */
  db: SQL;
  /**
   * The per-call statements (in-flight rows; the meter's ledger batches, which settle budgets) on sessions with
   * `synchronous_commit=off`: they hold budget row locks only while they run, never through an fsync. What must be
   * durable is made so explicitly: the meter forgets a batch only after a synchronous commit has flushed it; lease
   * resizes commit synchronously on `db`. Default: `db`.
   */
  callsDb?: SQL;
  bus: Pick<Bus, 'nc' | 'publish' | 'subject'>;
  /** Publishes queued usage events right after a commit. */
  outbox: Pick<OutboxRelay, 'kick'>;
  logger: Logger;
  prices: PriceTable;
  providers: ProviderSet;
  tokens: { service: string; admin: string };
  limits: { service: Limits; keyDefaults: Limits };
  resilience: ResiliencePolicy;
  maxBodyBytes: number;
  /** This process's id in `call_in_flight` and `budget_lease` (default: a new one); see modules/metering/recovery.ts. */
  instanceId?: string;
  /** How often this process sends its rate-limit counts to the others (default 200 ms). */
  limitsSyncMs?: number;
  /** Budget lease timing (modules/budgets/service.ts); defaults there. */
  leases?: { ttlMs?: number; idleMs?: number; leaseCalls?: number };
}

/** Core NATS subjects (not on any stream) the router processes use to tell each other about admin changes. */
export const CONTROL_KEY_REVOKED = 'control.llm-router.key-revoked';
export const CONTROL_BUDGET_CHANGED = 'control.llm-router.budget-changed';
export const CONTROL_RATE_LIMITS = 'control.llm-router.rate-limits';

const LLM_PATHS = ['/v1/chat/completions', '/v1/messages', '/v1/images/generations'];

/** The LLM router: OpenAI- and Anthropic-compatible endpoints, models, admin API, health. Reads no env, opens no socket. */
export function createApp(deps: RouterDeps) {
  const state: ReadyFlag = { ready: false };
  const auth = createAuth({
    orm: deps.orm,
    serviceToken: deps.tokens.service,
    adminToken: deps.tokens.admin,
    serviceLimits: deps.limits.service,
    keyDefaults: deps.limits.keyDefaults,
  });
  const instanceId = deps.instanceId ?? crypto.randomUUID();
  const budgets = createBudgetService(deps.db, { calls: deps.callsDb, instanceId, logger: deps.logger, ...deps.leases });
  const registry = createRegistry(deps.prices, deps.providers);
  const meter = createMeter({
    db: deps.db,
    calls: deps.callsDb,
    outbox: deps.outbox,
    budgets,
    publish: (subject, envelope) => deps.bus.publish(subject, envelope),
    logger: deps.logger,
  });
  const limiter = createRateLimiter(Date.now, instanceId);
  const breakers = createBreakers(LLM_PROVIDERS, { threshold: deps.resilience.breakerThreshold, cooldownMs: deps.resilience.breakerCooldownMs });
  const pipeline = createPipeline({
    auth,
    registry,
    limiter,
    budgets,
    meter,
    logger: deps.logger,
    instanceId,
    dispatch: {
      breakers,
      maxRetries: deps.resilience.maxRetries,
      backoff: { baseMs: deps.resilience.retryBaseMs, maxDelayMs: deps.resilience.retryMaxDelayMs },
      timeoutMs: deps.resilience.timeoutMs,
    },
  });
  // router processes tell each other, over core NATS, what must apply everywhere at once: a revoked key is refused
  // and a changed or deleted budget is looked at again by every process (each then hands back its unused lease)
  const control = {
    keyRevoked: deps.bus.subject(CONTROL_KEY_REVOKED),
    budgetChanged: deps.bus.subject(CONTROL_BUDGET_CHANGED),
    limits: deps.bus.subject(CONTROL_RATE_LIMITS),
  };
  const broadcast = (subject: string, data: string) => {
    try {
      if (!deps.bus.nc.isClosed()) deps.bus.nc.publish(subject, data);
    } catch (error) {
      deps.logger.warn('router control message not sent', { subject, error });
    }
  };
  deps.bus.nc.subscribe(control.keyRevoked, {
    callback: (error, msg) => {
      if (!error) auth.forget(msg.string());
    },
  });
  deps.bus.nc.subscribe(control.budgetChanged, {
    callback: (error, msg) => {
      if (error) return;
      try {
        const key = msg.json<{ scope: BudgetScope; id: string }>();
        void budgets.shrink(key).catch((e: unknown) => deps.logger.warn('handing back a changed budget lease failed', { error: e }));
      } catch {
        // not ours
      }
    },
  });
  // rate-limit counts go to the other processes a few times a second (see limits/rate-limiter.ts)
  deps.bus.nc.subscribe(control.limits, {
    callback: (error, msg) => {
      if (!error) limiter.merge(msg.string());
    },
  });
  const limitsTimer = setInterval(() => {
    const snapshot = limiter.snapshot();
    if (snapshot) broadcast(control.limits, snapshot);
  }, deps.limitsSyncMs ?? 200);
  limitsTimer.unref?.();
  const routeDeps = { auth, pipeline, providers: deps.providers, maxBodyBytes: deps.maxBodyBytes };
  const chat = createChatHandler(routeDeps);
  const messages = createMessagesHandler(routeDeps);
  const images = createImagesHandler(routeDeps);
  const models = createModelsBodies(registry, deps.providers);
  const jsonHeaders = { 'content-type': 'application/json' };

  const app = new Elysia({ name: '@startales/llm-router' })
    .use(health({ isReady: () => state.ready, checks: { database: () => pingDatabase(deps.orm), nats: () => !deps.bus.nc.isClosed() } }))
    .onError(({ code, error, request }) => {
      const path = new URL(request.url).pathname;
      let known: RouterError;
      if (error instanceof RouterError) known = error;
      else if (code === 'NOT_FOUND') known = new RouterError(RouterErrorCode.NOT_FOUND, `No route ${request.method} ${path}`, 404);
      else if (code === 'PARSE' || code === 'VALIDATION') known = new RouterError(RouterErrorCode.BAD_USER_INPUT, String((error as Error).message), 400);
      else {
        deps.logger.error('unhandled error', { path, error });
        known = new RouterError(RouterErrorCode.INTERNAL_SERVER_ERROR, 'Internal error', 500);
      }
      const response = errorResponse(known, path === '/v1/messages');
      // an LLM call that failed still says what it cost: nothing
      if (LLM_PATHS.includes(path)) response.headers.set('x-startales-cost-micros', '0');
      return response;
    })
    .get('/v1/models', async ({ request }) => {
      await auth.authenticate(request);
      return new Response(models.list, { headers: jsonHeaders });
    })
    .get('/v1/models/*', async ({ request, params }) => {
      await auth.authenticate(request);
      const id = decodeURIComponent(params['*']);
      const body = models.byId.get(id);
      if (!body) throw new RouterError(RouterErrorCode.MODEL_NOT_FOUND, `The model "${id}" does not exist or has no price`, 404);
      return new Response(body, { headers: jsonHeaders });
    })
    .post('/v1/chat/completions', ({ request }) => chat(request), { parse: 'none' })
    .post('/v1/messages', ({ request }) => messages(request), { parse: 'none' })
    .post('/v1/images/generations', ({ request }) => images(request), { parse: 'none' })
    .use(
      adminRoutes({
        auth,
        budgets,
        keys: createKeyService(deps.orm, auth, { revoked: (keyHash) => broadcast(control.keyRevoked, keyHash) }),
        budgetChanged: (key) => broadcast(control.budgetChanged, JSON.stringify(key)),
      }),
    );

  /** Stops sending rate-limit counts (shutdown). */
  const stopSync = () => clearInterval(limitsTimer);
  return { app, state, meter, budgets, breakers, instanceId, stopSync };
}
