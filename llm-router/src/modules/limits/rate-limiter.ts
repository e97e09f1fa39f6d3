/** Per-minute limits of a caller; 0 = unlimited. */
export interface Limits {
  rpm: number;
  tpm: number;
}

export type Admission = { ok: true } | { ok: false; limit: 'rpm' | 'tpm'; retryAfterSeconds: number };

interface Window {
  start: number;
  requests: number;
  tokens: number;
  prevRequests: number;
  prevTokens: number;
}

const MINUTE = 60_000;

/**
 * Requests- and tokens-per-minute per key, as a sliding window approximated from two fixed minutes (the previous
 * minute's count weighted by how much of it still overlaps). In memory, per process: with several replicas each
 * enforces the limit on its own share of traffic.
 */
export function createRateLimiter(now: () => number = Date.now) {
  const windows = new Map<string, Window>();

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
      if (limits.rpm && w.prevRequests * weight + w.requests + 1 > limits.rpm) {
        return { ok: false, limit: 'rpm', retryAfterSeconds: wait(w, t, w.prevRequests, w.requests, 1, limits.rpm) };
      }
      // a request larger than the whole limit passes alone in an empty window, rather than never
      const want = limits.tpm ? Math.min(tokens, limits.tpm) : tokens;
      if (limits.tpm && w.prevTokens * weight + w.tokens + want > limits.tpm) {
        return { ok: false, limit: 'tpm', retryAfterSeconds: wait(w, t, w.prevTokens, w.tokens, want, limits.tpm) };
      }
      w.requests += 1;
      w.tokens += tokens;
      return { ok: true };
    },
    /** Corrects the admitted estimate with the tokens the provider reported. */
    adjust(key: string, delta: number) {
      const w = windows.get(key);
      if (w && delta) w.tokens = Math.max(0, w.tokens + delta);
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
