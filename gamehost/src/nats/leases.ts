import { Kvm, type KV } from '@nats-io/kv';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { Logger } from '@startales/kit';

/** What a lease key holds: who owns the campaign and where players reach it. */
export interface LeaseRecord {
  campaignId: string;
  hostId: string;
  /** The owner's base URL (`ws(s)://…/campaigns/<id>/live` is under it). */
  url: string;
  acquiredAt: string;
}

/** A held lease. Acting for the campaign (publishing, calling the LLM) is allowed only while `held()`. */
export interface Lease {
  readonly campaignId: string;
  /** True until the local deadline (last successful renewal's send time + ttl − margin) passes or the lease is lost. */
  held(): boolean;
  /** Resolves once the lease is lost (another revision won, or the deadline passed without a renewal). */
  readonly lost: Promise<void>;
  /** Deletes the key if it is still ours, so another host can take over at once. */
  release(): Promise<void>;
}

export interface LeaseManagerOptions {
  js: JetStreamClient;
  /** KV bucket, e.g. `<ns>_gamehost_leases`. */
  bucket: string;
  hostId: string;
  url: string;
  ttlMs: number;
  logger: Logger;
}

/** Leases of this host plus a watched view of everyone's (who owns what, which hosts are alive). */
export interface LeaseManager {
  tryAcquire(campaignId: string): Promise<Lease | null>;
  /** Reads the lease key (authoritative). */
  owner(campaignId: string): Promise<LeaseRecord | null>;
  /** From the watch: the campaign's current holder, if it renewed within the ttl. */
  holder(campaignId: string): LeaseRecord | null;
  /** Host ids that heartbeated within the ttl (always includes this host once started). */
  liveHosts(): string[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

const campaignKey = (id: string) => `c.${id}`;
const hostKey = (id: string) => `h.${id}`;
const isConflict = (e: unknown) => /wrong last sequence|key exists/i.test(String(e));

/**
 * Leases in a NATS KV bucket whose `max_age` is the lease ttl: a key nobody renews disappears after the ttl, and
 * `create` (expects no current value) then succeeds for exactly one host. Renewal is `update` at the revision we
 * last wrote, so a host that lost the key can never write it back. A host trusts its lease only until its local
 * deadline, computed from the time the last successful renewal was *sent*: the server expires the key no earlier
 * than ttl after it received that write, so the old owner stops acting before a new one can acquire.
 */
export function createLeaseManager(options: LeaseManagerOptions): LeaseManager {
  const { ttlMs, hostId, logger } = options;
  const marginMs = Math.max(100, Math.floor(ttlMs / 5));
  const renewEveryMs = Math.max(50, Math.floor(ttlMs / 4));
  const now = () => performance.now();
  let kv: KV;
  let timer: ReturnType<typeof setInterval> | undefined;
  let watchStop: (() => void) | undefined;
  const held = new Map<string, { revision: number; deadline: number; lose: () => void; lostFlag: boolean }>();
  const view = new Map<string, { record: LeaseRecord; seenAt: number }>();
  const hosts = new Map<string, number>();
  const record = (campaignId: string): LeaseRecord => ({ campaignId, hostId, url: options.url, acquiredAt: new Date().toISOString() });

  const renewAll = async () => {
    const sentAt = now();
    void kv.put(hostKey(hostId), JSON.stringify({ url: options.url, campaigns: held.size })).catch(() => {});
    await Promise.all(
      [...held].map(async ([campaignId, h]) => {
        if (h.lostFlag) return;
        try {
          h.revision = await kv.update(campaignKey(campaignId), JSON.stringify(record(campaignId)), h.revision);
          h.deadline = sentAt + ttlMs - marginMs;
        } catch (error) {
          if (isConflict(error)) h.lose();
          else logger.warn('lease renewal failed', { campaignId, error });
        }
      }),
    );
    for (const h of held.values()) if (now() >= h.deadline) h.lose();
  };

  return {
    async start() {
      kv = await new Kvm(options.js).create(options.bucket, { ttl: ttlMs, history: 1 });
      await kv.put(hostKey(hostId), JSON.stringify({ url: options.url, campaigns: 0 }));
      hosts.set(hostId, now());
      const watch = await kv.watch({ key: '>' });
      watchStop = () => watch.stop();
      void (async () => {
        for await (const e of watch) {
          const [kind, id] = [e.key.slice(0, 2), e.key.slice(2)];
          const gone = e.operation !== 'PUT';
          if (kind === 'h.') {
            if (gone) hosts.delete(id);
            else hosts.set(id, now());
          } else if (kind === 'c.') {
            if (gone) view.delete(id);
            else view.set(id, { record: e.json<LeaseRecord>(), seenAt: now() });
          }
        }
      })().catch((error) => logger.warn('lease watch ended', { error }));
      timer = setInterval(() => void renewAll().catch((error) => logger.warn('lease renewal round failed', { error })), renewEveryMs);
    },
    async tryAcquire(campaignId) {
      const sentAt = now();
      let revision: number;
      try {
        revision = await kv.create(campaignKey(campaignId), JSON.stringify(record(campaignId)));
      } catch (error) {
        if (!isConflict(error)) logger.warn('lease acquisition failed', { campaignId, error });
        return null;
      }
      let lose!: () => void;
      const lost = new Promise<void>((resolve) => (lose = resolve));
      const h = {
        revision,
        deadline: sentAt + ttlMs - marginMs,
        lostFlag: false,
        lose: () => {
          if (h.lostFlag) return;
          h.lostFlag = true;
          held.delete(campaignId);
          lose();
        },
      };
      held.set(campaignId, h);
      return {
        campaignId,
        held: () => !h.lostFlag && now() < h.deadline,
        lost,
        async release() {
          if (h.lostFlag) return;
          h.lostFlag = true;
          held.delete(campaignId);
          await kv.delete(campaignKey(campaignId), { previousSeq: h.revision }).catch(() => {});
        },
      };
    },
    async owner(campaignId) {
      const e = await kv.get(campaignKey(campaignId));
      return e && e.operation === 'PUT' ? e.json<LeaseRecord>() : null;
    },
    holder(campaignId) {
      const v = view.get(campaignId);
      return v && now() - v.seenAt < ttlMs ? v.record : null;
    },
    liveHosts() {
      const t = now();
      return [...hosts].filter(([id, seen]) => id === hostId || t - seen < ttlMs).map(([id]) => id);
    },
    async stop() {
      if (timer) clearInterval(timer);
      watchStop?.();
      await Promise.all([...held.keys()].map((id) => kv.delete(campaignKey(id), { previousSeq: held.get(id)!.revision }).catch(() => {})));
      held.clear();
      await kv?.delete(hostKey(hostId)).catch(() => {});
    },
  };
}

/** Rendezvous (highest random weight) ranking: every host computes the same preferred host for a campaign. */
export function preferredHost(campaignId: string, hostIds: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  for (const h of hostIds) {
    const score = Number(Bun.hash.wyhash(`${campaignId}\u0000${h}`) & 0xffffffffn);
    if (score > bestScore || (score === bestScore && h < best!)) [best, bestScore] = [h, score];
  }
  return best;
}
