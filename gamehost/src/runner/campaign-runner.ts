import { join } from 'node:path';
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, nanos } from '@nats-io/nats-core';
import {
  DomainEvent,
  GameEvent,
  GameSubjectKind,
  LiveMessageType,
  Stream,
  gameSubject,
  gamehostCampaignConsumer,
  type CampaignCompletedData,
  type EventEnvelope,
  type LiveNarrationDeltaMessage,
} from '@startales/contracts';
import { createEnvelope, injectContext, recordConsumed, withSpan, withTraceHeaders, type Bus, type HeaderReader, type Logger } from '@startales/kit';
import type { Clock } from '../clock.ts';
import { nextScheduleStep, turnReadiness } from '../game/decisions.ts';
import { buildNarrationPrompt } from '../game/prompt.ts';
import { leaveReason } from '../game/sanctions.ts';
import { deterministicUuidV7 } from '../ids.ts';
import type { LiveHub } from '../live/hub.ts';
import type { Lease } from '../nats/leases.ts';
import { openOrResetCampaignDb, type CampaignDb } from '../storage/campaign-db.ts';
import type { SnapshotStore } from '../storage/snapshots.ts';
import { SYSTEM_LLM_USER, type GameMaster } from './game-master.ts';
import { recordOf } from './records.ts';

export interface RunnerOptions {
  campaignId: string;
  lease: Lease;
  bus: Bus;
  snapshots: SnapshotStore;
  dataDir: string;
  hub: LiveHub;
  gameMaster: GameMaster;
  clock: Clock;
  logger: Logger;
  snapshotEvery: number;
  turnTimeoutMs: number;
  /** Log rows kept in SQLite (older ones are pruned at snapshot time; clients behind them get a SYNC). */
  logKeep?: number;
  /** The campaign completed or was cancelled and every outcome is out: the host releases it. */
  onEnded(status: 'completed' | 'cancelled'): void;
  /** After each applied batch (the host reconciles moderation sanctions with the new state). */
  onApplied?(): void;
}

/** One owned campaign: its SQLite state, its durable consumer, its schedule and its game master. */
export interface CampaignRunner {
  readonly campaignId: string;
  readonly db: CampaignDb;
  /** The consumer has delivered everything the stream held for the campaign (as of the last message). */
  readonly caughtUp: boolean;
  /** Resolves once the state reached `seq` (false after `timeoutMs`). */
  waitForSeq(seq: number, timeoutMs: number): Promise<boolean>;
  start(): Promise<void>;
  /** Stops consuming and acting; with `snapshot`, uploads a final snapshot. Idempotent. */
  stop(options: { snapshot: boolean }): Promise<void>;
  /** Uploads a snapshot now. */
  snapshot(): Promise<void>;
}

const isConflict = (e: unknown) => /wrong last sequence/i.test(String(e));
/** The `consumer` label of the per-campaign consumers in the metrics (one per campaign would be unbounded). */
const CONSUMER_LABEL = 'gamehost-campaign';

export function createCampaignRunner(o: RunnerOptions): CampaignRunner {
  const { campaignId, bus, lease, clock, logger: log } = o;
  const logger = log.child({ campaignId });
  const streamName = bus.streamName(Stream.GAME);
  const outcomesSubject = bus.subject(gameSubject(campaignId, GameSubjectKind.OUTCOMES));
  const durable = gamehostCampaignConsumer(campaignId);
  let db!: CampaignDb;
  let messages: ConsumerMessages | undefined;
  let loop: Promise<void> = Promise.resolve();
  let batch: JsMsg[] = [];
  let caughtUp = false;
  let stopped = false;
  let stopping: Promise<void> | undefined;
  let timer: unknown;
  let sinceSnapshot = 0;
  let snapshotting: Promise<void> | undefined;
  /** An outcome we published and have not applied yet: nothing else is published until it is (the fence needs it). */
  let inFlight: { seq?: number } | null = null;
  let narrating: AbortController | null = null;
  /** Trace context of the last traced message applied: the narration it leads to joins that player action's trace. */
  let lastTrace: HeaderReader | undefined;
  /** Back-off after a failed publish (schedule) and after a failed narration, kept apart so one never delays the other. */
  let publishRetryAt = 0;
  let narrationRetryAt = 0;
  let failures = 0;
  let ended = false;
  const waiters = new Set<{ seq: number; resolve: (ok: boolean) => void }>();

  const flush = () => {
    const msgs = batch;
    batch = [];
    if (!msgs.length) return;
    const before = db.state;
    let updates;
    try {
      updates = db.apply(msgs.map(recordOf));
    } catch (error) {
      // the state did not change (the transaction rolled back): let JetStream redeliver
      logger.error('applying events failed; will retry', { error });
      for (const m of msgs) m.nak(1000), recordConsumed(CONSUMER_LABEL, m, 'failed');
      return;
    }
    for (const m of msgs) m.ack(), recordConsumed(CONSUMER_LABEL, m, 'applied');
    lastTrace = msgs.findLast((m) => m.headers?.has('traceparent'))?.headers ?? lastTrace;
    for (const u of updates) {
      o.hub.broadcast(campaignId, u.message);
      if (u.direct) o.hub.sendTo(campaignId, u.direct.userId, u.direct.message);
    }
    caughtUp = msgs.at(-1)!.info.pending === 0;
    const state = db.state;
    // most events touch a player (action counts); only a change of who is active can evict anyone
    if (state.players !== before.players && state.players.some((p, i) => p.active !== before.players[i]?.active)) {
      o.hub.evict(campaignId, new Set(state.players.filter((p) => p.active).map((p) => p.userId)), (userId) => leaveReason(state, userId));
    }
    if (inFlight?.seq !== undefined && state.lastOutcomeSeq >= inFlight.seq) inFlight = null;
    for (const w of waiters) if (state.lastSeq >= w.seq) (waiters.delete(w), w.resolve(true));
    sinceSnapshot += updates.length;
    if (sinceSnapshot >= o.snapshotEvery && !snapshotting) void runner.snapshot().catch((error) => logger.warn('snapshot failed', { error }));
    o.onApplied?.();
    drive();
  };

  /** `traced`: the outcome carries the active trace context (a narration continues its player action's trace). */
  const publishOutcome = async (envelope: EventEnvelope, traced = false): Promise<'ok' | 'conflict' | 'error'> => {
    inFlight = {};
    const h = natsHeaders();
    h.set('Content-Type', 'application/json');
    h.set('Startales-Event-Type', envelope.type);
    if (traced) injectContext((k, v) => h.set(k, v));
    try {
      // fenced: accepted only if the last message on our outcomes subject is the one we applied last, so two hosts
      // (or a stale one) can never both record an outcome for the same state
      const ack = await bus.js.publish(outcomesSubject, JSON.stringify(envelope), {
        msgID: envelope.id,
        headers: h,
        expect: { lastSubjectSequence: db.state.lastOutcomeSeq },
      });
      if (stopped || db.state.lastOutcomeSeq >= ack.seq) inFlight = null;
      else inFlight = { seq: ack.seq };
      return 'ok';
    } catch (error) {
      inFlight = null;
      if (isConflict(error)) return 'conflict';
      logger.warn('publishing an outcome failed', { type: envelope.type, error });
      publishRetryAt = clock.now() + 1000;
      return 'error';
    } finally {
      if (inFlight === null) queueMicrotask(drive);
    }
  };

  const narrate = async (ac: AbortController) => {
    const state = db.state;
    const turn = state.turn;
    const throughSeq = state.lastSeq;
    try {
      // a new owner must not narrate a turn the previous one already recorded: nothing may be on the outcomes
      // subject that we have not applied
      const last = await bus.jsm.streams.getMessage(streamName, { last_by_subj: outcomesSubject });
      if ((last && last.seq > db.state.lastOutcomeSeq) || !lease.held() || db.state.turn !== turn) return;
      const delta = (text: string) => {
        const m: LiveNarrationDeltaMessage = { type: LiveMessageType.NARRATION_DELTA, turn, text };
        o.hub.broadcast(campaignId, JSON.stringify(m));
      };
      const result = await o.gameMaster.narrate({
        campaignId,
        tier: state.config!.llmTier,
        userId: state.config!.ownerId ?? SYSTEM_LLM_USER,
        messages: buildNarrationPrompt(state),
        signal: ac.signal,
        onDelta: delta,
      });
      const envelope = createEnvelope(
        GameEvent.NARRATION_RECORDED,
        { campaignId, turn, text: result.text, model: result.model, costMicros: result.costMicros, throughSeq },
        'service:gamehost',
      );
      // a conflict means another outcome (a session ending) got in first: catch up and record the same text
      for (let attempt = 0; attempt < 5; attempt++) {
        const fence = db.state.lastOutcomeSeq;
        while (inFlight && !stopped) await Bun.sleep(5);
        if (stopped || !lease.held() || db.state.turn !== turn) return;
        const outcome = await publishOutcome(envelope, true);
        if (outcome === 'ok') return void (failures = 0);
        if (outcome === 'error') throw new Error('recording the narration failed');
        for (let i = 0; i < 200 && db.state.lastOutcomeSeq === fence && !stopped; i++) await Bun.sleep(10);
      }
    } catch (error) {
      if (ac.signal.aborted) return;
      failures++;
      narrationRetryAt = clock.now() + Math.min(60_000, 1000 * 2 ** Math.min(failures, 6));
      logger.warn('narration failed; will retry', { turn, error, retryInMs: narrationRetryAt - clock.now() });
    } finally {
      narrating = null;
      queueMicrotask(drive);
    }
  };

  /** Decides what to do now (schedule, narration) and when to look again. Only the caught-up lease holder acts. */
  function drive() {
    if (stopped || !caughtUp || !db) return;
    if (timer !== undefined) clock.clearTimeout(timer), (timer = undefined);
    if (!lease.held()) return;
    const state = db.state;
    const now = clock.now();
    if (state.status === 'completed' || state.status === 'cancelled') {
      if (!inFlight && !ended) void end(state.status);
      return;
    }
    let wake = Number.POSITIVE_INFINITY;
    if (!inFlight && now < publishRetryAt) wake = publishRetryAt;
    else if (!inFlight) {
      const step = nextScheduleStep(state, now);
      if (step.outcome) {
        const { type, data, at, key } = step.outcome;
        const envelope = { ...createEnvelope(type, data, 'service:gamehost'), id: deterministicUuidV7(at, `${campaignId}:${key}`) };
        void publishOutcome(envelope);
      }
      if (step.wakeAt !== undefined) wake = Math.min(wake, step.wakeAt);
    }
    const turn = turnReadiness(state, now, o.turnTimeoutMs);
    if (turn.ready && !narrating && now >= narrationRetryAt) {
      const ac = (narrating = new AbortController());
      void withTraceHeaders(lastTrace, () => withSpan('narrate turn', { attributes: { 'startales.campaign_id': campaignId, 'startales.turn': state.turn } }, () => narrate(ac)));
    } else if (turn.ready && !narrating) wake = Math.min(wake, narrationRetryAt);
    if (turn.wakeAt !== undefined) wake = Math.min(wake, turn.wakeAt);
    if (Number.isFinite(wake)) timer = clock.setTimeout(drive, wake - now);
  }

  const end = async (status: 'completed' | 'cancelled') => {
    ended = true;
    if (status === 'completed') {
      const s = db.state;
      const last = s.sessions.at(-1);
      const completedAt = last?.endsAt ?? s.config?.startsAt ?? new Date(0).toISOString();
      const data: CampaignCompletedData = { campaignId, completedAt, sessions: s.sessions.length, turns: s.narrations, narrationCostMicros: s.narrationCostMicros };
      const envelope = { ...createEnvelope(DomainEvent.CAMPAIGN_COMPLETED, data, 'service:gamehost'), id: deterministicUuidV7(Date.parse(completedAt) || 0, `${campaignId}:domain-completed`) };
      for (let attempt = 0; ; attempt++) {
        try {
          await bus.publish(`domain.${DomainEvent.CAMPAIGN_COMPLETED}`, envelope);
          break;
        } catch (error) {
          if (stopped || attempt >= 5) return logger.error('publishing domain.campaigns.completed failed', { error });
          await Bun.sleep(500 * (attempt + 1));
        }
      }
    }
    o.onEnded(status);
  };

  let closed = false;
  const takeSnapshot = async (final: boolean) => {
    if (!db) return;
    while (snapshotting) await snapshotting.catch(() => {});
    if (closed || (stopped && !final)) return;
    // the export is synchronous, so the snapshot is one consistent (state, last_seq, log tail)
    const snap = db.exportSnapshot();
    sinceSnapshot = 0;
    db.pruneLog(o.logKeep ?? 5000);
    snapshotting = o.snapshots.save(snap).finally(() => (snapshotting = undefined));
    return snapshotting;
  };

  const runner: CampaignRunner = {
    campaignId,
    get db() {
      return db;
    },
    get caughtUp() {
      return caughtUp;
    },
    waitForSeq(seq, timeoutMs) {
      if (db.state.lastSeq >= seq) return Promise.resolve(true);
      return new Promise((resolve) => {
        const w = { seq, resolve };
        waiters.add(w);
        setTimeout(() => waiters.delete(w) && resolve(false), timeoutMs);
      });
    },
    async start() {
      db = openOrResetCampaignDb(join(o.dataDir, `${campaignId}.sqlite`), campaignId, (error) => logger.warn('local state unreadable; starting from the snapshot', { error }));
      const snap = await o.snapshots.load(campaignId).catch((error) => {
        logger.warn('snapshot unreadable; replaying from the local state', { error });
        return null;
      });
      if (snap && snap.lastSeq > db.lastSeq) db.restore(snap);
      // this host holds the lease, so it alone uses the durable: recreate it at our sequence, whatever the last
      // owner acknowledged — events after last_seq are delivered again, events up to it are skipped on arrival
      await bus.jsm.consumers.delete(streamName, durable).catch(() => {});
      await bus.jsm.consumers.add(streamName, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(30_000),
        max_ack_pending: 10_000,
        filter_subject: bus.subject(`game.${campaignId}.>`),
        ...(db.lastSeq > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: db.lastSeq + 1 } : { deliver_policy: DeliverPolicy.All }),
      });
      const consumer = await bus.js.consumers.get(streamName, durable);
      caughtUp = (await consumer.info()).num_pending === 0;
      if (stopped) return;
      const m = await consumer.consume({ max_messages: 1000 });
      if (stopped) return void (await m.close().catch(() => {}));
      messages = m;
      loop = (async () => {
        for await (const msg of m) {
          // group commit: messages that arrive together (one socket read) are applied in one transaction
          batch.push(msg);
          if (batch.length >= 1000) flush();
          else if (batch.length === 1) setImmediate(flush);
        }
        flush();
      })().catch((error) => logger.error('campaign consumer ended', { error }));
      logger.info('campaign hosted', { lastSeq: db.lastSeq, restoredFrom: snap?.lastSeq ?? null });
      drive();
    },
    snapshot: () => takeSnapshot(false),
    stop(options) {
      stopping ??= (async () => {
        stopped = true;
        if (timer !== undefined) clock.clearTimeout(timer);
        narrating?.abort();
        await messages?.close().catch(() => {});
        await loop;
        for (const w of waiters) w.resolve(false);
        if (!db) return;
        if (options.snapshot) await takeSnapshot(true).catch((error) => logger.warn('final snapshot failed', { error }));
        else await snapshotting?.catch(() => {});
        closed = true;
        db.close();
      })();
      return stopping;
    },
  };
  return runner;
}
