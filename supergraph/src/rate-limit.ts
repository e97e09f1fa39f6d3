import { RedisClient } from 'bun';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@startales/contracts';
import type { Logger } from '@startales/kit';

/** One budget to draw from: `amount` of `limit` per window, under `key` (e.g. `ip:req:1.2.3.4`). */
export interface RateLimitRule {
  key: string;
  amount: number;
  limit: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: whole seconds until the request would fit (≥ 1). */
  retryAfterSeconds: number;
  /** When refused: the rule that refused it. */
  key?: string;
}

/** Per-key usage of one UTC day. */
export interface KeyUsage {
  requests: number;
  cost: number;
  rejected: number;
}

/** Limits shared by every gateway replica: the counters live in Redis, never in process memory. */
export interface RateLimiter {
  /**
   * Draws from every rule at once, or from none (all-or-nothing, atomic). With `usage`, also counts the request and its
   * cost (or a rejection) for that API key.
   */
  consume(rules: RateLimitRule[], usage?: { keyId: string; requests: number; cost: number }): Promise<RateLimitDecision>;
  /** The counted usage of an API key on a UTC day (`YYYY-MM-DD`, default today). */
  usage(keyId: string, day?: string): Promise<KeyUsage>;
  close(): void;
}

/**
 * Sliding-window counters (current + weighted previous window, as Cloudflare's), checked and drawn in one script so
 * concurrent replicas never overdraw. The clock is Redis' own (`TIME`), so replicas' clocks do not matter.
 * KEYS: one base key per rule, then the usage hash key (or ''). ARGV: window ms, rule count, amount/limit pairs,
 * usage requests, usage cost, usage ttl s.
 */
const SCRIPT = `
local window = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local idx = math.floor(now / window)
local elapsed = now - idx * window
local weight = (window - elapsed) / window
local usage = KEYS[n + 1]
local base = 2 + 2 * n
for i = 1, n do
  local amount = tonumber(ARGV[1 + 2 * i])
  local limit = tonumber(ARGV[2 + 2 * i])
  local cur = tonumber(redis.call('GET', KEYS[i] .. ':' .. idx) or '0')
  local prev = tonumber(redis.call('GET', KEYS[i] .. ':' .. (idx - 1)) or '0')
  if prev * weight + cur + amount > limit then
    local wait
    if cur + amount <= limit and prev > 0 then
      wait = window - elapsed - math.floor((limit - cur - amount) * window / prev)
    else
      local decay = 0
      if amount > limit then decay = window elseif cur > 0 then decay = window - math.floor((limit - amount) * window / cur) end
      if decay < 0 then decay = 0 end
      wait = window - elapsed + decay
    end
    if usage ~= '' then
      redis.call('HINCRBY', usage, 'rejected', 1)
      redis.call('EXPIRE', usage, tonumber(ARGV[base + 3]))
    end
    return {0, i, wait}
  end
end
for i = 1, n do
  local k = KEYS[i] .. ':' .. idx
  redis.call('INCRBY', k, tonumber(ARGV[1 + 2 * i]))
  redis.call('PEXPIRE', k, window * 2)
end
if usage ~= '' then
  redis.call('HINCRBY', usage, 'requests', tonumber(ARGV[base + 1]))
  redis.call('HINCRBY', usage, 'cost', tonumber(ARGV[base + 2]))
  redis.call('EXPIRE', usage, tonumber(ARGV[base + 3]))
end
return {1, 0, 0}
`;

const USAGE_TTL_SECONDS = 40 * 86_400;
const utcDay = (ms = Date.now()) => new Date(ms).toISOString().slice(0, 10);

export interface RedisRateLimiterOptions {
  url: string;
  /** Prepended to every key (deployment / test namespace). */
  prefix: string;
  windowSeconds: number;
  logger: Logger;
  /** A Redis call slower than this lets the request through (default 250 ms). */
  timeoutMs?: number;
}

/**
 * The Redis-backed limiter. When Redis cannot be reached the gateway keeps serving (fails open, logged at most every
 * 10 s): an outage of the limiter must not become an outage of the API.
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const client = new RedisClient(options.url, { enableOfflineQueue: false, connectionTimeout: 2000, autoReconnect: true });
  const windowMs = options.windowSeconds * 1000;
  const timeoutMs = options.timeoutMs ?? 250;
  let sha: string | undefined;
  let lastComplaint = 0;
  let connecting: Promise<void> | undefined;
  let retryAt = 0;
  // connects on first use and again after an outage, at most every 2 s (commands fail fast meanwhile: no offline queue)
  const connected = async () => {
    if (client.connected) return;
    if (!connecting) {
      if (Date.now() < retryAt) throw new Error('redis is not connected');
      retryAt = Date.now() + 2000;
      connecting = client.connect().finally(() => (connecting = undefined));
    }
    await connecting;
  };
  const complain = (error: unknown) => {
    if (Date.now() - lastComplaint > 10_000) {
      lastComplaint = Date.now();
      options.logger.warn('rate limiter unavailable; letting requests through', { error: String(error) });
    }
  };
  const withTimeout = <T>(p: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout>;
    return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`redis timed out after ${timeoutMs} ms`)), timeoutMs)))]).finally(() =>
      clearTimeout(timer),
    );
  };
  const evaluate = async (keys: string[], args: string[]): Promise<[number, number, number]> => {
    await connected();
    sha ??= (await client.send('SCRIPT', ['LOAD', SCRIPT])) as string;
    try {
      return (await client.send('EVALSHA', [sha, String(keys.length), ...keys, ...args])) as [number, number, number];
    } catch (error) {
      // the script cache was flushed (Redis restarted): load it again once
      if (!String(error).includes('NOSCRIPT')) throw error;
      sha = (await client.send('SCRIPT', ['LOAD', SCRIPT])) as string;
      return (await client.send('EVALSHA', [sha, String(keys.length), ...keys, ...args])) as [number, number, number];
    }
  };
  const usageKey = (keyId: string, day: string) => `${options.prefix}usage:${keyId}:${day}`;

  return {
    async consume(rules, usage) {
      const active = rules.filter((r) => r.limit > 0);
      if (!active.length && !usage) return { allowed: true, retryAfterSeconds: 0 };
      const keys = [...active.map((r) => `${options.prefix}rl:${r.key}`), usage ? usageKey(usage.keyId, utcDay()) : ''];
      const args = [String(windowMs), String(active.length), ...active.flatMap((r) => [String(r.amount), String(r.limit)])];
      args.push(String(usage?.requests ?? 0), String(usage?.cost ?? 0), String(USAGE_TTL_SECONDS));
      try {
        const [allowed, index, waitMs] = await withTimeout(evaluate(keys, args));
        if (allowed === 1) return { allowed: true, retryAfterSeconds: 0 };
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), key: active[index - 1]?.key };
      } catch (error) {
        complain(error);
        return { allowed: true, retryAfterSeconds: 0 };
      }
    },
    async usage(keyId, day = utcDay()) {
      await connected();
      const raw = (await client.send('HGETALL', [usageKey(keyId, day)])) as Record<string, string> | string[] | null;
      const map: Record<string, string> = Array.isArray(raw) ? Object.fromEntries(raw.flatMap((v, i, a) => (i % 2 ? [] : [[v, a[i + 1]!]]))) : (raw ?? {});
      return { requests: Number(map.requests ?? 0), cost: Number(map.cost ?? 0), rejected: Number(map.rejected ?? 0) };
    },
    close() {
      client.close();
    },
  };
}

/** The 429 a refused request gets: `RATE_LIMITED` with `retryAfterSeconds`, and the `Retry-After` header. */
export function rateLimitedError(decision: RateLimitDecision): GraphQLError {
  return new GraphQLError(`Too many requests; retry after ${decision.retryAfterSeconds} s`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds: decision.retryAfterSeconds,
      http: { status: 429, headers: { 'retry-after': String(decision.retryAfterSeconds) } },
    },
  });
}

/** Rate limits per minute (per window); 0 turns one off. */
export interface RateLimits {
  ipRequests: number;
  ipCost: number;
  keyRequests: number;
  keyCost: number;
}
