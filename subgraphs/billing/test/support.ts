/** The billing subgraph in process (`app.handle`) on a real database and NATS namespace, with a fake Stripe. */
import { createInProcessDeps, signAccessToken, type InProcessSubgraph } from '@startales/testing';
import type { LlmTier } from '@startales/contracts';
import { createApp, createBillingServices, type BillingDeps } from '../src/app.ts';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { CampaignFacts } from '../src/modules/campaigns/entities/campaign-facts.entity.ts';
import { createStripeClient } from '../src/modules/stripe/client.ts';
import { startUsageReporter, type UsageReporter } from '../src/modules/usage/reporter.ts';
import { startFakeStripe, type FakeStripe } from './fakes/stripe/server.ts';
import type { Obj } from './fakes/stripe/model.ts';

export interface GqlResult {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

export interface BillingTestEnv {
  env: InProcessSubgraph;
  fake: FakeStripe;
  deps: BillingDeps;
  app: ReturnType<typeof createApp>['app'];
  services: ReturnType<typeof createBillingServices>;
  reporter: UsageReporter | null;
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult>;
  token(userId: string, roles?: string[]): Promise<string>;
  /** POSTs a signed event to /webhooks/stripe (a redelivery sends the same body and id). */
  deliver(event: Obj, options?: { timestamp?: number; secret?: string; signature?: string }): Promise<Response>;
  /** Delivers every event the fake emitted since the last call, in order, each once. */
  deliverPending(): Promise<void>;
  seedCampaign(over?: Partial<{ campaignId: string; llmTier: LlmTier; lengthWeeks: number; playHoursPerWeek: number | null; maxPlayers: number }>): Promise<string>;
  cleanup(): Promise<void>;
}

export async function createBillingTestEnv(options: { stripe?: boolean; webhooks?: boolean; reporter?: boolean; stripeTimeoutMs?: number } = {}): Promise<BillingTestEnv> {
  const env = await createInProcessDeps({ schema: 'billing', entities, migrations });
  const fake = startFakeStripe();
  const stripe =
    options.stripe === false
      ? null
      : createStripeClient({ secretKey: fake.secretKey, host: fake.host, port: fake.port, protocol: 'http', timeoutMs: options.stripeTimeoutMs ?? 5_000, maxNetworkRetries: 2 });
  const base: BillingDeps = { ...env.deps, stripe, webhookSecret: options.webhooks === false ? null : fake.webhookSecret, webAppUrl: 'http://web.test' };
  const services = createBillingServices(base);
  const reporter =
    options.reporter && stripe
      ? startUsageReporter({ orm: env.deps.orm, stripe, catalog: services.catalog!, sync: services.sync!, books: services.books, logger: env.deps.logger, intervalMs: 60_000 })
      : null;
  const deps: BillingDeps = { ...base, usageReporter: reporter ?? undefined };
  const { app } = createApp(deps, services);

  const deliver = async (event: Obj, opts: { timestamp?: number; secret?: string; signature?: string } = {}) => {
    const { body, signature } = fake.signEvent(event, opts);
    return app.handle(
      new Request('http://billing.test/webhooks/stripe', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': opts.signature ?? signature },
        body,
      }),
    );
  };

  return {
    env,
    fake,
    deps,
    app,
    services,
    reporter,
    async gql(query, variables = {}, token) {
      const res = await app.handle(
        new Request('http://billing.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        }),
      );
      return (await res.json()) as GqlResult;
    },
    token: (userId, roles = ['player']) => signAccessToken(env.keys, { userId, roles }),
    deliver,
    async deliverPending() {
      for (const event of fake.takeEvents()) {
        const res = await deliver(event);
        if (res.status !== 200) throw new Error(`webhook ${event.type} answered ${res.status}: ${await res.text()}`);
      }
    },
    async seedCampaign(over = {}) {
      const campaignId = over.campaignId ?? Bun.randomUUIDv7();
      const em = env.deps.orm.em.fork();
      em.create(CampaignFacts, {
        campaignId,
        ownerId: Bun.randomUUIDv7(),
        llmTier: over.llmTier ?? 'PREMIUM',
        lengthWeeks: over.lengthWeeks ?? 12,
        playHoursPerWeek: over.playHoursPerWeek === undefined ? 3 : over.playHoursPerWeek,
        maxPlayers: over.maxPlayers ?? 6,
        updatedAt: new Date(),
      });
      await em.flush();
      return campaignId;
    },
    async cleanup() {
      await reporter?.stop();
      await fake.stop();
      await env.cleanup();
    },
  };
}

/** Reads the JSON of every message on a namespaced subject (the domain events billing published). */
export async function domainEvents(env: InProcessSubgraph, type: string): Promise<Array<{ id: string; data: any }>> {
  const bus = env.deps.bus;
  const out: Array<{ id: string; data: any }> = [];
  const stream = bus.streamName('DOMAIN');
  const info = await bus.jsm.streams.info(stream);
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await bus.jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (!msg || msg.subject !== bus.subject(`domain.${type}`)) continue;
    out.push(msg.json());
  }
  return out;
}

/** Fisher–Yates with a seeded PRNG (mulberry32), so a failing order can be replayed. */
export function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every mutating request billing sent the fake carried a deterministic `startales:` Idempotency-Key. */
export function expectIdempotentPosts(fake: FakeStripe, expectFn: (v: unknown) => { toEqual(v: unknown): void }): void {
  const mutating = fake.requests.filter((r) => (r.method === 'POST' || r.method === 'DELETE') && r.path !== '/v1/invoices/create_preview');
  expectFn(mutating.filter((r) => !r.idempotencyKey?.startsWith('startales:')).map((r) => `${r.method} ${r.path}`)).toEqual([]);
}
