import type { EventEnvelope } from '@startales/contracts';
import { startGdprConsumer, type RunningConsumer } from '@startales/kit';
import { createInProcessDeps, eventually, signAccessToken, type InProcessSubgraph } from '@startales/testing';
import { createApp } from '../src/app.ts';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { analyticsGdpr } from '../src/gdpr.ts';
import { startDomainFactsConsumer } from '../src/consumers/domain-facts.consumer.ts';
import { startGameFactsConsumer } from '../src/consumers/game-facts.consumer.ts';
import { startUsageFactsConsumer } from '../src/consumers/usage-facts.consumer.ts';

export interface GqlResult {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

/** A published message: subject (un-namespaced) and the exact envelope, so it can be published again. */
export interface Published {
  subject: string;
  envelope: EventEnvelope;
}

export interface Consumers {
  domain: RunningConsumer;
  game: RunningConsumer;
  usage: RunningConsumer;
  gdpr: RunningConsumer;
}

/** The analytics app in process against its own database and NATS namespace, with every consumer running. */
export async function startHarness() {
  const sub: InProcessSubgraph = await createInProcessDeps({ schema: 'analytics', entities, migrations });
  const { app } = createApp(sub.deps);
  const base = { bus: sub.deps.bus, orm: sub.deps.orm, logger: sub.deps.logger };
  const startConsumers = async (): Promise<Consumers> => ({
    domain: await startDomainFactsConsumer(base),
    game: await startGameFactsConsumer(base),
    usage: await startUsageFactsConsumer(base),
    gdpr: await startGdprConsumer({ service: 'analytics', ...base, outbox: sub.deps.outbox, handlers: analyticsGdpr }),
  });
  let consumers = await startConsumers();
  const tokens = new Map<string, string>();
  const sql = new Bun.SQL(sub.deps.orm.config.get('clientUrl') as string, { max: 2 });
  return {
    sub,
    sql,
    get consumers() {
      return consumers;
    },
    async gql(query: string, variables: Record<string, unknown> = {}, roles: string[] | null = ['finance']): Promise<GqlResult> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (roles) {
        const key = roles.join(',');
        if (!tokens.has(key)) tokens.set(key, await signAccessToken(sub.keys, { userId: '0190aaaa-0000-7000-8000-00000000f1a0', roles }));
        headers.authorization = `Bearer ${tokens.get(key)}`;
      }
      const res = await app.handle(new Request('http://analytics.test/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) }));
      return (await res.json()) as GqlResult;
    },
    /** Publishes in order, each acknowledged by JetStream before the next. */
    async publish(messages: readonly Published[]) {
      for (const m of messages) await sub.deps.bus.publish(m.subject, m.envelope);
    },
    /** Waits until the consumers have applied at least these many new events. */
    async applied(counts: Partial<Record<keyof Consumers, number>>, timeoutMs = 20_000) {
      await eventually(
        async () => Object.entries(counts).every(([k, n]) => consumers[k as keyof Consumers].applied >= n!),
        `consumers to apply ${JSON.stringify(counts)}`,
        timeoutMs,
        25,
      );
    },
    async stopConsumers() {
      await Promise.all(Object.values(consumers).map((c) => c.stop()));
    },
    /**
     * Replays every stream from its first message as a brand-new deployment would: the durable consumers are deleted
     * on NATS and the processed-event records are dropped, so each event reaches the handlers again and only the
     * facts' own keys stand between a replay and double counting.
     */
    async replayFromScratch() {
      await this.stopConsumers();
      const { jsm } = sub.deps.bus;
      for (const [stream, durable] of [['DOMAIN', 'analytics-domain'], ['GAME', 'analytics-game'], ['USAGE', 'analytics-usage']] as const) {
        await jsm.consumers.delete(sub.deps.bus.streamName(stream), durable);
      }
      await sql`delete from analytics.processed_event where consumer in ('analytics-domain', 'analytics-game', 'analytics-usage')`;
      consumers = await startConsumers();
    },
    async cleanup() {
      await this.stopConsumers().catch(() => {});
      await sql.close();
      await sub.cleanup();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
