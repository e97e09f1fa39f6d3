import { LiveCloseCode, Stream, gamehostCampaignConsumer } from '@startales/contracts';
import type { Bus, Logger } from '@startales/kit';
import type { Clock } from './clock.ts';
import type { LiveHub } from './live/hub.ts';
import { startDirectory, type CampaignDirectory, type CampaignStatus } from './nats/directory.ts';
import { createLeaseManager, preferredHost, type LeaseManager, type LeaseRecord } from './nats/leases.ts';
import { createCampaignRunner, type CampaignRunner } from './runner/campaign-runner.ts';
import { startModerationConsumer } from './moderation/consumer.ts';
import { createSanctionEnforcer, type SanctionEnforcer } from './moderation/enforcer.ts';
import { pruneSanctions } from './moderation/pruner.ts';
import { openSanctionStore, type SanctionStore } from './moderation/store.ts';
import type { Lease } from './nats/leases.ts';
import type { GameMaster } from './runner/game-master.ts';
import type { SnapshotStore } from './storage/snapshots.ts';

export interface GameHostOptions {
  hostId: string;
  /** Base URL players reach this host at (returned by `GET /campaigns/:id/owner`); read when the host starts. */
  url: () => string;
  bus: Bus;
  dataDir: string;
  snapshots: SnapshotStore;
  gameMaster: GameMaster;
  hub: LiveHub;
  clock: Clock;
  logger: Logger;
  leaseTtlMs: number;
  snapshotEvery: number;
  turnTimeoutMs: number;
  /** Campaigns this host holds at most. */
  maxCampaigns: number;
  /** Sanction pruning (see src/moderation/pruner.ts); every field has a default. */
  sanctionPruning?: Partial<SanctionPruning>;
}

/** How the sanctions bucket is pruned. */
export interface SanctionPruning {
  /** A revoked or expired sanction is kept this long after it stopped applying (default 1 day). */
  graceMs: number;
  /** A pruned action stays refused this long: the tombstone bucket's `max_age` (default 30 days). */
  tombstoneTtlMs: number;
  /** Time between two pruning passes of the elected host (default 1 minute). */
  everyMs: number;
  /** Purge markers older than this are swept (default 10 minutes: every host's watch has seen them). */
  markerAgeMs: number;
}

export const defaultSanctionPruning: SanctionPruning = { graceMs: 86_400_000, tombstoneTtlMs: 30 * 86_400_000, everyMs: 60_000, markerAgeMs: 600_000 };

/** The rendezvous key that elects the host running the pruning passes (the preferred one among the live hosts). */
const PRUNER = 'sanctions-pruner';

/** A gamehost process's campaigns: which exist, which it owns, and the runner of each owned one. */
export interface GameHost {
  readonly hostId: string;
  start(): Promise<void>;
  /** The runner of an owned, started campaign. */
  runner(campaignId: string): CampaignRunner | undefined;
  owned(): string[];
  status(campaignId: string): CampaignStatus | undefined;
  /** The lease holder (read from KV). */
  owner(campaignId: string): Promise<LeaseRecord | null>;
  /** Known holder from the watched leases (no round trip; may lag by a renewal). */
  knownOwner(campaignId: string): LeaseRecord | null;
  /** Stops every runner with a final snapshot and releases every lease. Idempotent. */
  stop(): Promise<void>;
}

/** KV bucket names of a namespace (`<ns>_gamehost_leases`, `<ns>_gamehost_campaigns`, `<ns>_gamehost_sanctions`, `<ns>_gamehost_sanctions_pruned`). */
export function bucketNames(ns: string) {
  const p = ns ? `${ns}_` : '';
  return { leases: `${p}gamehost_leases`, registry: `${p}gamehost_campaigns`, sanctions: `${p}gamehost_sanctions`, sanctionTombstones: `${p}gamehost_sanctions_pruned` };
}

/**
 * Claims campaigns and runs them. Every scan (a quarter of the lease ttl, and whenever the registry changes) it looks
 * at the active campaigns nobody holds; the host that rendezvous hashing prefers among the live hosts claims one at
 * once, any other host only after it has stayed unclaimed for a whole ttl (the preferred host may be stuck), so N
 * hosts share campaigns evenly and a free campaign is never left alone.
 */
export function createGameHost(o: GameHostOptions): GameHost {
  const { bus, logger } = o;
  const buckets = bucketNames(bus.ns);
  const pruning: SanctionPruning = { ...defaultSanctionPruning, ...o.sanctionPruning };
  let leases!: LeaseManager;
  let directory: CampaignDirectory | undefined;
  let sanctions: SanctionStore | undefined;
  let enforcer: SanctionEnforcer | undefined;
  let moderation: { stop(): Promise<void> } | undefined;
  const heldLeases = new Map<string, Lease>();
  const runners = new Map<string, CampaignRunner>();
  const claiming = new Set<string>();
  const releases = new Map<string, () => Promise<void>>();
  let scanTimer: ReturnType<typeof setInterval> | undefined;
  let stopping: Promise<void> | undefined;

  const drop = async (campaignId: string, how: { snapshot: boolean; release: boolean; close: [number, string] }) => {
    const runner = runners.get(campaignId);
    if (!runner) return;
    runners.delete(campaignId);
    heldLeases.delete(campaignId);
    o.hub.closeCampaign(campaignId, ...how.close);
    await runner.stop({ snapshot: how.snapshot });
    const release = releases.get(campaignId);
    releases.delete(campaignId);
    if (how.release) await release?.();
  };

  const claim = async (campaignId: string) => {
    claiming.add(campaignId);
    try {
      const lease = await leases.tryAcquire(campaignId);
      if (!lease) return;
      if (stopping) return void (await lease.release());
      const runner = createCampaignRunner({
        campaignId,
        lease,
        bus,
        snapshots: o.snapshots,
        dataDir: o.dataDir,
        hub: o.hub,
        gameMaster: o.gameMaster,
        clock: o.clock,
        logger,
        snapshotEvery: o.snapshotEvery,
        turnTimeoutMs: o.turnTimeoutMs,
        onEnded: (status) => void ended(campaignId, status),
        onApplied: () => enforce(campaignId),
      });
      runners.set(campaignId, runner);
      heldLeases.set(campaignId, lease);
      releases.set(campaignId, () => lease.release());
      void lease.lost.then(() => {
        if (runners.get(campaignId) !== runner) return;
        logger.warn('lease lost; campaign dropped', { campaignId });
        void drop(campaignId, { snapshot: false, release: false, close: [LiveCloseCode.GOING_AWAY, 'campaign moved: ask /owner'] });
      });
      try {
        await runner.start();
        enforce(campaignId);
      } catch (error) {
        logger.error('starting campaign failed', { campaignId, error });
        await drop(campaignId, { snapshot: false, release: true, close: [LiveCloseCode.GOING_AWAY, 'campaign moved: ask /owner'] });
      }
    } finally {
      claiming.delete(campaignId);
    }
  };

  // the registry says "ended" before the lease goes, so no host claims the campaign again (one that raced us would
  // find it ended, republish the deduplicated completion and let it go)
  const ended = async (campaignId: string, status: 'completed' | 'cancelled') => {
    try {
      await directory?.markEnded(campaignId, status);
    } catch (error) {
      logger.warn('marking the campaign ended failed', { campaignId, error });
    }
    const release = releases.get(campaignId);
    await drop(campaignId, { snapshot: true, release: false, close: [LiveCloseCode.ENDED, `campaign ${status}`] });
    await bus.jsm.consumers.delete(bus.streamName(Stream.GAME), gamehostCampaignConsumer(campaignId)).catch(() => {});
    await release?.();
    logger.info('campaign ended', { campaignId, status });
  };

  // moderation: a caught-up owner puts the sanctions that concern its campaign on the campaign's stream
  const enforce = (campaignId: string) => {
    const runner = runners.get(campaignId);
    if (!enforcer || !runner?.caughtUp || !heldLeases.get(campaignId)?.held()) return;
    void enforcer.reconcile(runner.db.state).catch((error) => logger.warn('enforcing sanctions failed', { campaignId, error }));
  };

  // when each campaign was first seen without a live holder: hosts other than the preferred one wait a full ttl
  const unownedSince = new Map<string, number>();
  // one host (the preferred among the live ones) prunes the sanctions bucket; two at once during a change of hosts
  // is harmless (each purge is compare-and-set)
  let lastPrune = -Infinity;
  let pruneRun: Promise<unknown> | undefined;
  const prune = () => {
    if (!sanctions || !directory || pruneRun || performance.now() - lastPrune < pruning.everyMs) return;
    if (preferredHost(PRUNER, leases.liveHosts()) !== o.hostId) return;
    lastPrune = performance.now();
    const dir = directory;
    pruneRun = pruneSanctions({ store: sanctions, markerAgeMs: pruning.markerAgeMs, logger, ctx: { now: o.clock.now(), graceMs: pruning.graceMs, campaignStatus: (id) => dir.status(id) } })
      .catch((error) => logger.warn('pruning sanctions failed; retried on a later scan', { error }))
      .finally(() => (pruneRun = undefined));
  };
  const scan = () => {
    if (stopping || !directory) return;
    const hosts = leases.liveHosts();
    const now = performance.now();
    const active = directory.active();
    for (const id of unownedSince.keys()) if (directory.status(id) !== 'active') unownedSince.delete(id);
    for (const id of active) {
      if (runners.has(id) || claiming.has(id) || leases.holder(id)) {
        unownedSince.delete(id);
        continue;
      }
      if (!unownedSince.has(id)) unownedSince.set(id, now);
      if (runners.size + claiming.size >= o.maxCampaigns) continue;
      if (preferredHost(id, hosts) === o.hostId || now - unownedSince.get(id)! >= o.leaseTtlMs) void claim(id);
    }
    // a sanction whose publish failed is retried here
    for (const id of runners.keys()) enforce(id);
    prune();
  };

  return {
    hostId: o.hostId,
    async start() {
      await bus.ensureStreams([Stream.GAME, Stream.DOMAIN]);
      leases = createLeaseManager({ js: bus.js, bucket: buckets.leases, hostId: o.hostId, url: o.url(), ttlMs: o.leaseTtlMs, logger });
      await leases.start();
      sanctions = await openSanctionStore({ js: bus.js, bucket: buckets.sanctions, tombstoneBucket: buckets.sanctionTombstones, tombstoneTtlMs: pruning.tombstoneTtlMs, logger });
      enforcer = createSanctionEnforcer({ bus, store: sanctions, logger, now: () => o.clock.now(), graceMs: pruning.graceMs });
      sanctions.onChange((e) => {
        for (const id of runners.keys()) if (e.campaignId === null || e.campaignId === id) enforce(id);
      });
      moderation = await startModerationConsumer({ bus, store: sanctions, logger });
      directory = await startDirectory({ bus, bucket: buckets.registry, logger });
      directory.onChange(() => queueMicrotask(scan));
      scanTimer = setInterval(scan, Math.max(50, Math.floor(o.leaseTtlMs / 4)));
      scan();
    },
    runner: (id) => runners.get(id),
    owned: () => [...runners.keys()],
    status: (id) => directory?.status(id),
    owner: (id) => (leases ? leases.owner(id) : Promise.resolve(null)),
    knownOwner: (id) => leases?.holder(id) ?? null,
    stop() {
      stopping ??= (async () => {
        if (scanTimer) clearInterval(scanTimer);
        while (claiming.size) await Bun.sleep(10);
        await Promise.all(
          [...runners.keys()].map((id) => drop(id, { snapshot: true, release: true, close: [LiveCloseCode.GOING_AWAY, 'host stopping: ask /owner'] })),
        );
        await moderation?.stop();
        await pruneRun;
        await sanctions?.stop();
        await directory?.stop();
        await leases?.stop();
      })();
      return stopping;
    },
  };
}
