import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager, DeliverPolicy } from '@nats-io/jetstream';
import {
  GameEvent,
  GameSubjectKind,
  Stream,
  gameSubject,
  type CampaignOpenedData,
  type LiveMessage,
} from '@startales/contracts';
import { connectBus, createEnvelope, createLogger, createTokenVerifier, serveApp, type Bus, type Logger } from '@startales/kit';
import { TEST_NATS_URL, uniqueName, type TestKeys } from '@startales/testing';
import { createApp } from '../src/app.ts';
import { systemClock, type Clock } from '../src/clock.ts';
import { createGameHost, type GameHost, type SanctionPruning } from '../src/host.ts';
import { createLiveHub } from '../src/live/hub.ts';
import { createGameMaster } from '../src/runner/game-master.ts';
import { createFileStore } from '../src/storage/object-store.ts';
import { createSnapshotStore } from '../src/storage/snapshots.ts';
import { reduce } from '../src/game/reducer.ts';
import { initialState, type CampaignState, type GameRecord } from '../src/game/state.ts';
import { recordOf } from '../src/runner/records.ts';

export const quietLogger: Logger = createLogger({ service: 'gamehost-test', level: (Bun.env.TEST_LOG_LEVEL as 'debug') ?? 'silent' });

/** A private NATS namespace (streams and KV buckets), a scratch directory, and their cleanup. */
export interface TestEnv {
  ns: string;
  bus: Bus;
  dir: string;
  cleanup(): Promise<void>;
}

export async function createTestEnv(url = TEST_NATS_URL): Promise<TestEnv> {
  const ns = uniqueName('gh');
  const bus = await connectBus({ url, ns, name: `test-${ns}` });
  await bus.ensureStreams([Stream.GAME, Stream.DOMAIN]);
  const dir = mkdtempSync(join(tmpdir(), `${ns}-`));
  return {
    ns,
    bus,
    dir,
    async cleanup() {
      await bus.close();
      await deleteNamespace(ns, url);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Deletes a namespace's streams, KV buckets included (`<ns>_*`, `KV_<ns>_*`). */
export async function deleteNamespace(ns: string, url = TEST_NATS_URL): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(`${ns}_`) || name.startsWith(`KV_${ns}_`)) await jsm.streams.delete(name).catch(() => {});
    }
  } finally {
    await nc.close();
  }
}

/** Publishes a game event the way campaigns (or gamehost) does; returns its stream sequence. */
export async function publishGame(bus: Bus, campaignId: string, kind: GameSubjectKind, type: string, data: object, actor = 'service:campaigns'): Promise<number> {
  const { seq } = await bus.publish(gameSubject(campaignId, kind), createEnvelope(type, { campaignId, ...data }, actor));
  return seq;
}

/** CAMPAIGN_OPENED data with `sessions` given as [startOffsetMs, durationMs] from `base`. */
export function openedData(campaignId: string, base: number, sessions: Array<[number, number]>, extra: Partial<CampaignOpenedData> = {}): CampaignOpenedData {
  return {
    campaignId,
    seed: `seed-${campaignId}`,
    title: 'The Sunken Bell',
    mode: 'WEEKLY',
    llmTier: 'STANDARD',
    lengthWeeks: 4,
    playHoursPerWeek: 3,
    maxPlayers: 6,
    startsAt: new Date(base + (sessions[0]?.[0] ?? 0)).toISOString(),
    sessions: sessions.map(([start, length], index) => ({ index, startsAt: new Date(base + start).toISOString(), endsAt: new Date(base + start + length).toISOString() })),
    ownerId: 'owner-1',
    ...extra,
  };
}

/** Opens a campaign whose one session is open from now for an hour, with these players joined. */
export async function openRunningCampaign(bus: Bus, campaignId: string, players: string[], extra: Partial<CampaignOpenedData> = {}) {
  await publishGame(bus, campaignId, GameSubjectKind.LIFECYCLE, GameEvent.CAMPAIGN_OPENED, openedData(campaignId, Date.now() - 1000, [[0, 3_600_000]], extra));
  for (const userId of players) await publishGame(bus, campaignId, GameSubjectKind.LIFECYCLE, GameEvent.PLAYER_JOINED, { userId, handle: `h-${userId}` });
}

export interface TestHost {
  host: GameHost;
  url: string;
  wsUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A gamehost in this process (app listening on a free port), as main.ts wires it. */
export async function startTestHost(env: TestEnv, options: { keys: TestKeys; routerUrl?: string; hostId?: string; leaseTtlMs?: number; snapshotEvery?: number; turnTimeoutMs?: number; clock?: Clock; snapshotsDir?: string; sanctionPruning?: Partial<SanctionPruning> }): Promise<TestHost> {
  const hostId = options.hostId ?? uniqueName('host');
  const dataDir = join(env.dir, hostId);
  const hub = createLiveHub();
  let url = '';
  const host = createGameHost({
    hostId,
    url: () => url,
    bus: env.bus,
    dataDir,
    snapshots: createSnapshotStore(createFileStore(options.snapshotsDir ?? join(env.dir, 'snapshots'))),
    gameMaster: createGameMaster({ routerUrl: options.routerUrl ?? 'http://127.0.0.1:9', serviceToken: 'svc-token', timeoutMs: 10_000, maxTokens: 300 }),
    hub,
    clock: options.clock ?? systemClock,
    logger: quietLogger.child({ hostId }),
    leaseTtlMs: options.leaseTtlMs ?? 1500,
    snapshotEvery: options.snapshotEvery ?? 50,
    turnTimeoutMs: options.turnTimeoutMs ?? 60_000,
    maxCampaigns: 1000,
    sanctionPruning: options.sanctionPruning,
  });
  const verifier = createTokenVerifier({ jwks: options.keys.jwks, issuer: 'startales-users', audience: 'startales' });
  const { app, state } = createApp({ host, hub, verifier, logger: quietLogger });
  serveApp(app, { hostname: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${app.server!.port}`;
  await host.start();
  state.ready = true;
  let stopped: Promise<void> | undefined;
  return {
    host,
    url,
    wsUrl: url.replace('http', 'ws'),
    dataDir,
    stop() {
      stopped ??= (async () => {
        state.ready = false;
        await host.stop();
        await app.stop(true);
      })();
      return stopped;
    },
  };
}

/** A player's socket that records every message and how it closed. */
export interface TestPlayer {
  messages: LiveMessage[];
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the first recorded message (from `from` on) matching `match`. */
  waitFor(match: (m: LiveMessage) => boolean, timeoutMs?: number, from?: number): Promise<LiveMessage>;
  /** Sequences of EVENT messages received, in order. */
  seqs(): number[];
  close(): void;
}

export function connectPlayer(wsUrl: string, campaignId: string, token: string | undefined, lastSeq?: number): TestPlayer {
  const q = new URLSearchParams();
  if (token) q.set('token', token);
  if (lastSeq !== undefined) q.set('lastSeq', String(lastSeq));
  const ws = new WebSocket(`${wsUrl}/campaigns/${campaignId}/live?${q}`);
  const messages: LiveMessage[] = [];
  const listeners = new Set<() => void>();
  ws.onmessage = (e) => {
    messages.push(JSON.parse(String(e.data)) as LiveMessage);
    for (const l of listeners) l();
  };
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (ws.onclose = (e) => resolve({ code: e.code, reason: e.reason })));
  return {
    messages,
    closed,
    waitFor(match, timeoutMs = 10_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.slice(from).find(match);
          if (found) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages.map((m) => [m.type, 'seq' in m ? m.seq : undefined]))}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    seqs: () => messages.flatMap((m) => (m.type === 'event' ? [m.seq] : [])),
    close: () => ws.close(),
  };
}

/** Every message on `subject` (un-namespaced) of a stream, in order (an ordered consumer from the start). */
export async function readSubject(bus: Bus, stream: Stream, subject: string): Promise<GameRecord[]> {
  const consumer = await bus.js.consumers.get(bus.streamName(stream), { filter_subjects: bus.subject(subject), deliver_policy: DeliverPolicy.All });
  const out: GameRecord[] = [];
  if ((await consumer.info()).num_pending === 0) return out;
  const messages = await consumer.consume();
  for await (const m of messages) {
    out.push(recordOf(m));
    if (m.info.pending === 0) break;
  }
  await messages.close();
  return out;
}

/** Every message of a campaign's stream, in order. */
export function readCampaignStream(bus: Bus, campaignId: string): Promise<GameRecord[]> {
  return readSubject(bus, Stream.GAME, `game.${campaignId}.>`);
}

/** A fresh replay of the campaign's stream through the reducer. */
export async function replayCampaign(bus: Bus, campaignId: string): Promise<CampaignState> {
  let s = initialState(campaignId);
  for (const r of await readCampaignStream(bus, campaignId)) s = reduce(s, r);
  return s;
}

export { GameEvent, GameSubjectKind };
