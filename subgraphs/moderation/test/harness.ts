/** Shared set-up for moderation's in-process tests: the app, the GAME consumer, the classifier and event reads. */
import { createInProcessDeps, signAccessToken, type InProcessSubgraph } from '@startales/testing';
import { GameEvent, GameSubjectKind, Stream, gameSubject, type EventEnvelope } from '@startales/contracts';
import { createEnvelope, type RunningConsumer } from '@startales/kit';
import { createApp } from '../src/app.ts';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { startGameConsumer } from '../src/modules/automation/game.consumer.ts';
import { startClassifierWorker, type ClassifierWorker } from '../src/modules/automation/checker.ts';
import { createLlmClassifier } from '../src/modules/automation/classifier.ts';
import { startFakeLlmRouter, type FakeLlmRouter } from './fakes/llm-router.ts';

export interface Harness {
  env: InProcessSubgraph;
  /** The test's clock: move `clock.now` (ms) to travel in time. */
  clock: { now: number };
  router: FakeLlmRouter | null;
  worker: ClassifierWorker | null;
  post(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: any; errors?: any[] }>;
  /** A fresh user id with a signed access token. */
  user(roles?: string[]): Promise<{ id: string; token: string }>;
  /** Publishes a GAME event (as campaigns or gamehost would); resolves to its envelope once stored in the stream. */
  game<T>(campaignId: string, kind: 'commands' | 'outcomes' | 'lifecycle', type: string, data: T, actor?: string): Promise<EventEnvelope<T>>;
  /** Every DOMAIN event of `type` published so far. */
  events<T = any>(type: string): Promise<Array<EventEnvelope<T>>>;
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  cleanup(): Promise<void>;
}

export const ROUTER_TOKEN = 'moderation-test-token';

/** A moderation app on its own database and NATS namespace; with `classifier`, the fake router and the worker too. */
export async function createHarness(options: { classifier?: boolean } = {}): Promise<Harness> {
  const env = await createInProcessDeps({ schema: 'moderation', entities, migrations });
  const clock = { now: Date.now() };
  const now = () => new Date(clock.now);
  const router = options.classifier ? startFakeLlmRouter({ token: ROUTER_TOKEN }) : null;
  const worker = router
    ? startClassifierWorker({
        orm: env.deps.orm,
        classifier: createLlmClassifier({ url: router.url, serviceToken: ROUTER_TOKEN, timeoutMs: 5_000 }),
        logger: env.deps.logger,
        clock: now,
        afterCommit: env.deps.outbox.kick,
        intervalMs: 100,
      })
    : null;
  const consumer: RunningConsumer = await startGameConsumer({
    ...env.deps,
    clock: now,
    classify: worker !== null,
    afterCommit: () => {
      env.deps.outbox.kick();
      worker?.kick();
    },
  });
  const { app } = createApp({ ...env.deps, clock: now });
  return {
    env,
    clock,
    router,
    worker,
    post: (query, variables = {}, token) =>
      app
        .handle(
          new Request('http://moderation.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ query, variables }),
          }),
        )
        .then(async (r) => {
          if (r.status >= 500) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
          return r.json() as Promise<{ data?: any; errors?: any[] }>;
        }),
    async user(roles = ['player']) {
      const id = Bun.randomUUIDv7();
      return { id, token: await signAccessToken(env.keys, { userId: id, roles }) };
    },
    async game(campaignId, kind, type, data, actor = 'service:campaigns') {
      const envelope = createEnvelope(type, data, actor);
      await env.deps.bus.publish(gameSubject(campaignId, kind as GameSubjectKind), envelope);
      return envelope;
    },
    async events(type) {
      const bus = env.deps.bus;
      const name = bus.streamName(Stream.DOMAIN);
      const subj = bus.subject(`domain.${type}`);
      const info = await bus.jsm.streams.info(name);
      const out: EventEnvelope[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
        const msg = await bus.jsm.streams.getMessage(name, { seq }).catch(() => null);
        if (msg?.subject === subj) out.push(msg.json<EventEnvelope>());
      }
      return out as never;
    },
    sql: (query, params = []) => env.deps.orm.em.fork().getConnection().execute(query, params as never[]) as never,
    async cleanup() {
      await consumer.stop();
      await worker?.stop();
      await router?.stop();
      await env.cleanup();
    },
  };
}

/** The first error's `extensions.code`. */
export const code = (res: { errors?: any[] }) => res.errors?.[0]?.extensions?.code as string | undefined;
export const field = (res: { errors?: any[] }) => res.errors?.[0]?.extensions?.field as string | undefined;

/** Polls until `check` returns something truthy. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out${last ? `: ${String(last)}` : ''}`);
    await Bun.sleep(50);
  }
}

/** A player message on `game.<campaignId>.commands`, as campaigns publishes it. */
export const playerMessage = (h: Harness, campaignId: string, userId: string, text: string) =>
  h.game(campaignId, 'commands', GameEvent.ACTION_SUBMITTED, { campaignId, userId, actionId: Bun.randomUUIDv7(), text }, userId);

/** AI output on `game.<campaignId>.outcomes`, as gamehost records it. */
export const narration = (h: Harness, campaignId: string, text: string, turn = 1) =>
  h.game(campaignId, 'outcomes', GameEvent.NARRATION_RECORDED, { campaignId, turn, text, model: 'fake/economy', costMicros: 10 }, 'service:gamehost');

/** Waits until moderation has recorded the GAME event as a content item. */
export const recorded = (h: Harness, eventId: string) =>
  eventually(async () => (await h.sql(`select id, hidden_at, check_status, seq from moderation.content_item where id = ?`, [eventId]))[0]);
