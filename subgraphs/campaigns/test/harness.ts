import { createEnvelope } from '@startales/kit';
import { createInProcessDeps, signAccessToken, type InProcessSubgraph } from '@startales/testing';
import { gameSubject, GameEvent, GameSubjectKind, type EventEnvelope } from '@startales/contracts';
import { campaignSettings, createApp } from '../src/app.ts';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { startCampaignWorkers, type CampaignWorkers } from '../src/workers.ts';
import type { CampaignsDeps } from '../src/deps.ts';
import { createProseClient, startProseWriter, type ProseWriter } from '../src/modules/prose/writer.ts';

export interface GqlResult {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

/** A clock tests can move. */
export function createClock(start = Date.now()) {
  let offset = start - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

export interface Harness {
  sub: InProcessSubgraph;
  deps: CampaignsDeps;
  workers: CampaignWorkers;
  clock: ReturnType<typeof createClock>;
  prose?: ProseWriter;
  gql(query: string, variables?: Record<string, unknown>, userId?: string, roles?: string[]): Promise<GqlResult>;
  /** Publishes an event the way another service would (its outbox → JetStream). */
  publish(subject: string, type: string, data: unknown, actor?: string): Promise<EventEnvelope>;
  outcome(campaignId: string, type: string, data: Record<string, unknown>): Promise<EventEnvelope>;
  /** Every message on a subject of this run's namespace, in order. */
  messages(subject: string): Promise<EventEnvelope[]>;
  sql: Bun.SQL;
  cleanup(): Promise<void>;
}

/** The campaigns app in process against a real database and NATS namespace, with its consumers running. */
export async function startHarness(options: { holdMs?: number; maxOffsetMinutes?: number; llmRouterUrl?: string; llmRouterToken?: string } = {}): Promise<Harness> {
  const sub = await createInProcessDeps({ schema: 'campaigns', entities, migrations });
  const clock = createClock();
  const deps: CampaignsDeps = { ...sub.deps, settings: { clock: clock.now, holdMs: options.holdMs ?? 3_600_000, maxOffsetMinutes: options.maxOffsetMinutes } };
  const prose = options.llmRouterUrl
    ? startProseWriter({ orm: sub.deps.orm, logger: sub.deps.logger, client: createProseClient({ url: options.llmRouterUrl, serviceToken: options.llmRouterToken ?? '', timeoutMs: 5_000 }), clock: clock.now, intervalMs: 3_600_000 })
    : undefined;
  deps.prose = prose;
  const { app } = createApp(deps);
  const workers = await startCampaignWorkers({ bus: sub.deps.bus, orm: sub.deps.orm, logger: sub.deps.logger, settings: campaignSettings(deps), sweepIntervalMs: 3_600_000 });
  const tokens = new Map<string, string>();
  const url = new URL((sub.deps.orm.config.get('clientUrl') as string) ?? '');
  const sql = new Bun.SQL(url.toString(), { max: 2 });
  const bus = sub.deps.bus;
  return {
    sub,
    deps,
    workers,
    clock,
    sql,
    async gql(query, variables = {}, userId, roles = ['player']) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (userId) {
        const key = `${userId}:${roles.join(',')}`;
        if (!tokens.has(key)) tokens.set(key, await signAccessToken(sub.keys, { userId, handle: `h_${userId.slice(-8)}`, roles }));
        headers.authorization = `Bearer ${tokens.get(key)}`;
      }
      const res = await app.handle(new Request('http://campaigns.test/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) }));
      return (await res.json()) as GqlResult;
    },
    async publish(subject, type, data, actor = 'test') {
      const envelope = createEnvelope(type, data, actor);
      await bus.publish(subject, envelope);
      return envelope;
    },
    outcome(campaignId, type, data) {
      const envelope = createEnvelope(type, { campaignId, ...data }, 'service:gamehost');
      return bus.publish(gameSubject(campaignId, GameSubjectKind.OUTCOMES), envelope).then(() => envelope);
    },
    async messages(subject) {
      const stream = bus.streamName(subject.startsWith('game.') ? 'GAME' : 'DOMAIN');
      const filter = bus.subject(subject);
      const out: EventEnvelope[] = [];
      const info = await bus.jsm.streams.info(stream);
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
        const m = await bus.jsm.streams.getMessage(stream, { seq }).catch(() => null);
        if (m && subjectMatches(filter, m.subject)) out.push(JSON.parse(new TextDecoder().decode(m.data)));
      }
      return out;
    },
    prose,
    async cleanup() {
      await prose?.stop();
      await workers.stop();
      await sql.close();
      await sub.cleanup();
    },
  };
}

function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (f[i] !== '*' && f[i] !== s[i]) return false;
  }
  return f.length === s.length;
}

export const uid = () => Bun.randomUUIDv7();
export const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code as string | undefined;
export { GameEvent };

/** createCampaign input with defaults a test can override. */
export const campaignInput = (over: Record<string, unknown> = {}) => ({
  title: 'The Long Night',
  mode: 'WEEKLY',
  lengthWeeks: 4,
  playHoursPerWeek: 3,
  maxPlayers: 4,
  llmTier: 'STANDARD',
  startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  ...over,
});
