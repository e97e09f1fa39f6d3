/** Per-minute limits of a caller; 0 = unlimited. */
export interface Limits {
  rpm: number;
  tpm: number;
}

export type Admission = { ok: true } | { ok: false; limit: 'rpm' | 'tpm'; retryAfterSeconds: number };

interface Counts {
  start: number;
  requests: number;
  tokens: number;
  prevRequests: number;
  prevTokens: number;
}

interface Window extends Counts {
  /** What the other router processes last reported for this key (by instance id). */
  peers?: Map<string, Counts>;
  /** Counted since the last snapshot. */
  dirty?: boolean;
}

/** A snapshot another process sends: its instance id and, per key changed, its counts. */
interface Snapshot {
  i: string;
  k: Array<[key: string, start: number, requests: number, tokens: number, prevRequests: number, prevTokens: number]>;
}

const MINUTE = 60_000;

/**
 * Requests- and tokens-per-minute per key, as a sliding window approximated from two fixed minutes (the previous
 * minute's count weighted by how much of it still overlaps). Counted in memory; with several router processes,
 * each sends the counts of the keys it served (`snapshot`, a few times a second, over core NATS: app.ts) and adds
 * what the others sent (`merge`) to its own, so a key's limit holds across processes, give or take what the others
 * admitted since their last snapshot. Nothing of it is on a call's path but a sum over the other processes.
 */
export function createRateLimiter(now: () => number = Date.now, instanceId: string = crypto.randomUUID()) {
  const windows = new Map<string, Window>();

  /** The other processes' counts for `w`'s current and previous minute. */
  const peerCounts = (w: Window) => {
    let requests = 0;
    let tokens = 0;
    let prevRequests = 0;
    let prevTokens = 0;
    if (w.peers) {
      for (const [id, p] of w.peers) {
        if (p.start === w.start) {
          requests += p.requests;
          tokens += p.tokens;
          prevRequests += p.prevRequests;
          prevTokens += p.prevTokens;
        } else if (p.start === w.start - MINUTE) {
          prevRequests += p.requests;
          prevTokens += p.tokens;
        } else if (p.start < w.start) w.peers.delete(id);
      }
    }
    return { requests, tokens, prevRequests, prevTokens };
  };

  const current = (key: string, t: number): Window => {
    const start = t - (t % MINUTE);
    let w = windows.get(key);
    if (!w) {
      w = { start, requests: 0, tokens: 0, prevRequests: 0, prevTokens: 0 };
      windows.set(key, w);
    } else if (w.start !== start) {
      const adjacent = start - w.start === MINUTE;
      w.prevRequests = adjacent ? w.requests : 0;
      w.prevTokens = adjacent ? w.tokens : 0;
      w.requests = 0;
      w.tokens = 0;
      w.start = start;
    }
    return w;
  };

  /** Seconds until `prev × weight + cur + want` fits under `limit` (the previous minute keeps decaying). */
  const wait = (w: Window, t: number, prev: number, cur: number, want: number, limit: number): number => {
    if (cur + want > limit) return Math.ceil((w.start + MINUTE - t) / 1000) || 1;
    const weight = (limit - cur - want) / prev;
    return Math.max(1, Math.ceil((w.start + (1 - weight) * MINUTE - t) / 1000));
  };

  return {
    /** Admits one request estimated at `tokens`, counting it, or says how long to wait. */
    admit(key: string, limits: Limits, tokens: number): Admission {
      if (!limits.rpm && !limits.tpm) return { ok: true };
      const t = now();
      const w = current(key, t);
      const weight = 1 - (t - w.start) / MINUTE;
      const peers = peerCounts(w);
      const requests = w.requests + peers.requests;
      const prevRequests = w.prevRequests + peers.prevRequests;
      if (limits.rpm && prevRequests * weight + requests + 1 > limits.rpm) {
        return { ok: false, limit: 'rpm', retryAfterSeconds: wait(w, t, prevRequests, requests, 1, limits.rpm) };
      }
      // a request larger than the whole limit passes alone in an empty window, rather than never
      const want = limits.tpm ? Math.min(tokens, limits.tpm) : tokens;
      const used = w.tokens + peers.tokens;
      const prevUsed = w.prevTokens + peers.prevTokens;
      if (limits.tpm && prevUsed * weight + used + want > limits.tpm) {
        return { ok: false, limit: 'tpm', retryAfterSeconds: wait(w, t, prevUsed, used, want, limits.tpm) };
      }
      w.requests += 1;
      w.tokens += tokens;
      w.dirty = true;
      return { ok: true };
    },
    /** Corrects the admitted estimate with the tokens the provider reported. */
    adjust(key: string, delta: number) {
      const w = windows.get(key);
      if (w && delta) {
        w.tokens = Math.max(0, w.tokens + delta);
        w.dirty = true;
      }
    },
    /** This process's counts of the keys it counted since the last snapshot (JSON), or undefined if none. */
    snapshot(): string | undefined {
      const k: Snapshot['k'] = [];
      for (const [key, w] of windows) {
        if (!w.dirty) continue;
        w.dirty = false;
        k.push([key, w.start, w.requests, w.tokens, w.prevRequests, w.prevTokens]);
      }
      return k.length ? JSON.stringify({ i: instanceId, k } satisfies Snapshot) : undefined;
    },
    /** Adds another process's snapshot (its own are ignored; malformed ones too). */
    merge(data: string) {
      let snapshot: Snapshot;
      try {
        snapshot = JSON.parse(data) as Snapshot;
      } catch {
        return;
      }
      if (!snapshot || typeof snapshot.i !== 'string' || snapshot.i === instanceId || !Array.isArray(snapshot.k)) return;
      const t = now();
      for (const entry of snapshot.k) {
        if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !entry.slice(1).every((n) => Number.isFinite(n))) continue;
        const [key, start, requests, tokens, prevRequests, prevTokens] = entry;
        const w = current(key, t);
        if (start < w.start - MINUTE) continue;
        (w.peers ??= new Map()).set(snapshot.i, { start, requests, tokens, prevRequests, prevTokens });
      }
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
