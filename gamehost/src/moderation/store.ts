import { Kvm, type KV } from '@nats-io/kv';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Logger } from '@startales/kit';

/** One moderation MUTE or KICK as gamehost keeps it (KV key = the moderation action id). */
export interface SanctionEntry {
  actionId: string;
  userId: string;
  type: 'MUTE' | 'KICK';
  /** Null: a platform-wide mute. */
  campaignId: string | null;
  startsAt: string;
  /** Null: no end (always for a KICK). */
  expiresAt: string | null;
  /** Set once revoked; never cleared (a late action event cannot bring a revoked sanction back). */
  revokedAt: string | null;
  /**
   * The campaigns whose stream may hold this sanction: an owner adds its campaign before it publishes
   * PLAYER_SANCTIONED there, and takes it off once the sanction was revoked and its campaign's state no longer holds
   * it. A revoked entry is pruned only when this is empty (or names only ended campaigns). Absent on entries written
   * before it existed: unknown, so such a revoked entry is kept.
   */
  campaigns?: string[];
}

/** What one moderation event says about a sanction; merged into the stored entry. */
export type SanctionChange = { kind: 'action'; entry: Omit<SanctionEntry, 'revokedAt' | 'campaigns'> } | { kind: 'revoked'; entry: Omit<SanctionEntry, 'revokedAt' | 'campaigns'>; revokedAt: string };

/** The entry after a change: an action fills in the facts, a revocation sticks whichever came first. */
export function mergeSanction(current: SanctionEntry | null, change: SanctionChange): SanctionEntry {
  if (change.kind === 'action') return { ...change.entry, revokedAt: current?.revokedAt ?? null, campaigns: current ? current.campaigns : [] };
  return current ? { ...current, revokedAt: current.revokedAt ?? change.revokedAt } : { ...change.entry, revokedAt: change.revokedAt, campaigns: [] };
}

/** A pruned entry, kept in the tombstone bucket (`<ns>_gamehost_sanctions_pruned`, whose `max_age` ends it). */
export interface SanctionTombstone {
  entry: SanctionEntry;
  prunedAt: string;
  reason: string;
}

/**
 * The sanctions every host knows: a KV bucket (`<ns>_gamehost_sanctions`) written by the shared moderation consumer
 * and watched by every host, indexed by campaign, by the campaigns whose stream may hold them and, for platform-wide
 * mutes, by player. Pruned entries leave a tombstone in a second bucket with a bucket-wide ttl, and a moderation
 * event for a tombstoned action is ignored, so a late or redelivered event never brings a pruned sanction back.
 */
export interface SanctionStore {
  get(actionId: string): SanctionEntry | undefined;
  /** Every entry (the pruner's pass). */
  all(): SanctionEntry[];
  /** Sanctions naming this campaign. */
  forCampaign(campaignId: string): SanctionEntry[];
  /** Platform-wide mutes of this player. */
  platformFor(userId: string): SanctionEntry[];
  /** Sanctions that record this campaign's stream as possibly holding them. */
  trackedBy(campaignId: string): SanctionEntry[];
  /**
   * Applies a change with compare-and-set (hosts share the consumer, so two may write one key at once):
   * 'duplicate' when it changed nothing or the action was pruned (tombstoned).
   */
  apply(change: SanctionChange): Promise<'applied' | 'duplicate'>;
  /**
   * Records that the campaign's stream is about to get this sanction. False (do not publish) when it is gone or was
   * revoked meanwhile.
   */
  track(actionId: string, campaignId: string): Promise<boolean>;
  /** The campaign's stream no longer holds the sanction. */
  untrack(actionId: string, campaignId: string): Promise<void>;
  /**
   * Tombstones then purges the entry, only if it is still the revision this host last saw (so an entry changed since
   * it was judged is kept). True when purged.
   */
  prune(actionId: string, reason: string, nowMs: number): Promise<boolean>;
  /** Removes the purge markers older than `olderThanMs` (each key's last message) so pruned keys leave nothing. */
  sweepMarkers(olderThanMs: number): Promise<number>;
  /** True if the action was pruned and its tombstone has not expired. */
  tombstoned(actionId: string): Promise<boolean>;
  /** Called after the watched bucket changed. */
  onChange(listener: (entry: SanctionEntry) => void): void;
  stop(): Promise<void>;
}

const index = <K>(map: Map<K, Set<string>>, key: K, id: string, add: boolean) => {
  let ids = map.get(key);
  if (add) {
    if (!ids) map.set(key, (ids = new Set()));
    ids.add(id);
  } else if (ids?.delete(id) && ids.size === 0) map.delete(key);
};

const CAS_CONFLICT = /wrong last sequence|key exists/i;

export interface SanctionStoreOptions {
  js: JetStreamClient;
  bucket: string;
  /** The tombstone bucket; its `max_age` is `tombstoneTtlMs`. */
  tombstoneBucket: string;
  /** How long a pruned action stays refused (the bucket's ttl). */
  tombstoneTtlMs: number;
  logger: Logger;
}

export async function openSanctionStore(options: SanctionStoreOptions): Promise<SanctionStore> {
  const kvm = new Kvm(options.js);
  const kv: KV = await kvm.create(options.bucket, { history: 1 });
  const tombs: KV = await kvm.create(options.tombstoneBucket, { history: 1, ttl: options.tombstoneTtlMs });
  const jsm: JetStreamManager = await options.js.jetstreamManager();
  const streamName = `KV_${options.bucket}`;
  const entries = new Map<string, SanctionEntry>();
  const revisions = new Map<string, number>();
  /** Keys whose last message is a delete/purge marker: its stream sequence and server time. */
  const markers = new Map<string, { seq: number; at: number }>();
  const byCampaign = new Map<string, Set<string>>();
  const platform = new Map<string, Set<string>>();
  const tracked = new Map<string, Set<string>>();
  const listeners: Array<(e: SanctionEntry) => void> = [];

  const put = (e: SanctionEntry | undefined, add: boolean) => {
    if (!e) return;
    if (e.campaignId) index(byCampaign, e.campaignId, e.actionId, add);
    else index(platform, e.userId, e.actionId, add);
    for (const c of e.campaigns ?? []) index(tracked, c, e.actionId, add);
  };
  const watch = await kv.watch({ key: '>' });
  let initial = true;
  const loaded = new Promise<void>((resolve) => {
    void (async () => {
      for await (const e of watch) {
        put(entries.get(e.key), false);
        entries.delete(e.key);
        revisions.delete(e.key);
        markers.delete(e.key);
        if (e.operation === 'PUT') {
          const entry = e.json<SanctionEntry>();
          entries.set(e.key, entry);
          revisions.set(e.key, e.revision);
          put(entry, true);
          if (!initial) for (const l of listeners) l(entry);
        } else markers.set(e.key, { seq: e.revision, at: e.created.getTime() });
        if (initial && e.delta === 0) (initial = false), resolve();
      }
    })().catch((error) => options.logger.warn('sanctions watch ended', { error }));
    void kv.status().then((s) => s.values === 0 && ((initial = false), resolve()));
  });
  await Promise.race([loaded, Bun.sleep(5000)]);

  const tombstoned = async (actionId: string) => (await tombs.get(actionId))?.operation === 'PUT';

  /** Read-modify-write of one key with compare-and-set; `change` returns the next value or null to write nothing. */
  const modify = async <T>(key: string, change: (live: SanctionEntry | null) => Promise<{ next: SanctionEntry | null; result: T }>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const current = await kv.get(key);
      const live = current && current.operation === 'PUT' ? current.json<SanctionEntry>() : null;
      const { next, result } = await change(live);
      if (!next) return result;
      try {
        if (current) await kv.update(key, JSON.stringify(next), current.revision);
        else await kv.create(key, JSON.stringify(next));
        return result;
      } catch (error) {
        // another host wrote (or pruned) the key between our read and write: read it again
        if (attempt >= 10 || !CAS_CONFLICT.test(String(error))) throw error;
      }
    }
  };

  const pick = (ids: Set<string> | undefined) => [...(ids ?? [])].flatMap((id) => entries.get(id) ?? []);
  return {
    get: (id) => entries.get(id),
    all: () => [...entries.values()],
    forCampaign: (id) => pick(byCampaign.get(id)),
    platformFor: (userId) => pick(platform.get(userId)),
    trackedBy: (id) => pick(tracked.get(id)),
    tombstoned,
    apply: (change) =>
      modify(change.entry.actionId, async (live) => {
        // the tombstone is written before the purge, so a key seen absent here is either new or tombstoned
        if (!live && (await tombstoned(change.entry.actionId))) return { next: null, result: 'duplicate' as const };
        const next = mergeSanction(live, change);
        if (live && JSON.stringify(live) === JSON.stringify(next)) return { next: null, result: 'duplicate' as const };
        return { next, result: 'applied' as const };
      }),
    track: (actionId, campaignId) =>
      modify(actionId, async (live) => {
        if (!live || live.revokedAt) return { next: null, result: false };
        if (!live.campaigns || live.campaigns.includes(campaignId)) return { next: null, result: true };
        return { next: { ...live, campaigns: [...live.campaigns, campaignId] }, result: true };
      }),
    untrack: (actionId, campaignId) =>
      modify(actionId, async (live) => {
        if (!live?.campaigns?.includes(campaignId)) return { next: null, result: undefined };
        return { next: { ...live, campaigns: live.campaigns.filter((c) => c !== campaignId) }, result: undefined };
      }),
    async prune(actionId, reason, nowMs) {
      const entry = entries.get(actionId);
      const revision = revisions.get(actionId);
      if (!entry || revision === undefined) return false;
      const tomb: SanctionTombstone = { entry, prunedAt: new Date(nowMs).toISOString(), reason };
      await tombs.put(actionId, JSON.stringify(tomb));
      try {
        // a purge (rollup) drops the value at once; only its marker is left, swept later
        await kv.purge(actionId, { previousSeq: revision });
        return true;
      } catch (error) {
        if (CAS_CONFLICT.test(String(error))) return false;
        throw error;
      }
    },
    async sweepMarkers(olderThanMs) {
      let swept = 0;
      const before = Date.now() - olderThanMs;
      for (const [key, m] of markers) {
        if (m.at > before) continue;
        // up to and including the marker only: a value written after it is never touched
        const r = await jsm.streams.purge(streamName, { filter: `$KV.${options.bucket}.${key}`, seq: m.seq + 1 });
        if (markers.get(key)?.seq === m.seq) markers.delete(key);
        swept += r.purged;
      }
      return swept;
    },
    onChange: (l) => void listeners.push(l),
    async stop() {
      watch.stop();
    },
  };
}
