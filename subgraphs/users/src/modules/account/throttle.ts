import { createHash } from 'node:crypto';
import { LockMode, raw } from '@mikro-orm/core';
import { ErrorCode } from '@startales/contracts';
import { AppError, type EntityManager } from '@startales/kit';
import { AuthThrottle } from './entities/auth-throttle.entity.ts';

/** How one kind of key backs off: `free` attempts at once, then waits of base·2ⁿ seconds (capped) between attempts; forgotten after `window` idle. */
export interface ThrottleRule {
  free: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** An idle key starts over after this long (keep it above `maxDelaySeconds`). */
  windowSeconds: number;
}

const rule = (free: number, baseDelaySeconds: number, maxDelaySeconds = 900, windowSeconds = 3600): ThrottleRule => ({
  free,
  baseDelaySeconds,
  maxDelaySeconds,
  windowSeconds,
});

/** Every throttled action, per account and per client IP. */
export const DEFAULT_THROTTLE_RULES = {
  login: { account: rule(5, 1), ip: rule(20, 1) },
  mfa: { account: rule(5, 1), ip: rule(20, 1) },
  /** Each request counts (it sends mail), not only failures. */
  passwordResetRequest: { account: rule(3, 60, 3600, 7200), ip: rule(10, 60, 3600, 7200) },
  /** Wrong or expired reset tokens. */
  passwordReset: { ip: rule(10, 1) },
  /** Wrong or expired verification tokens. */
  emailVerification: { ip: rule(10, 1) },
  resendVerification: { account: rule(3, 60, 3600, 7200) },
  /** "Someone tried to register with your email" mails: beyond this they are silently not sent. */
  duplicateRegistrationMail: { account: rule(3, 3600, 86_400, 86_400 * 2) },
} satisfies Record<string, Partial<Record<'account' | 'ip', ThrottleRule>>>;
export type ThrottleRules = typeof DEFAULT_THROTTLE_RULES;
export type ThrottleAction = keyof ThrottleRules;

/** One throttled key; `onSuccess` says what a successful attempt does to it. */
export interface ThrottleKey {
  key: string;
  rule: ThrottleRule;
  /** `reset`: start over (an account that signed in); `undo`: take back this attempt (an IP: only failures count). */
  onSuccess: 'reset' | 'undo';
}

/** A throttled call: RATE_LIMITED with `extensions.retryAfterSeconds`. The same answer whether an account exists or not. */
export class RateLimitedError extends AppError {
  override readonly name = 'RateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.RATE_LIMITED, 'Too many attempts; try again later', 429, { retryAfterSeconds });
  }
}

/** SHA-256 hex: throttle keys name accounts by a hash of the normalized email, never the address itself. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Milliseconds until `row` allows another attempt under `rule` (0: now). */
export function retryAfterMs(row: { attempts: number; lastAttemptAt: Date }, rule: ThrottleRule, now: number): number {
  const idle = now - row.lastAttemptAt.getTime();
  if (idle >= rule.windowSeconds * 1000 || row.attempts < rule.free) return 0;
  const delay = Math.min(rule.maxDelaySeconds, rule.baseDelaySeconds * 2 ** (row.attempts - rule.free)) * 1000;
  return Math.max(0, delay - idle);
}

export interface ThrottleOptions {
  rules?: Partial<ThrottleRules>;
  /** The clock (tests move it); replicas rely on synchronised clocks, as token expiry does. */
  now?: () => number;
}

/**
 * Per-account and per-IP throttling with exponential backoff, in PostgreSQL so every replica shares it. An attempt is
 * counted before it runs (under a row lock), so concurrent requests cannot slip past the limit; a success then resets
 * account keys and takes the attempt back from IP keys. Refused attempts are not counted.
 */
export function createThrottle(options: ThrottleOptions = {}) {
  const rules: ThrottleRules = { ...DEFAULT_THROTTLE_RULES, ...options.rules };
  const now = options.now ?? Date.now;

  return {
    rules,

    /** The keys of `action` for an account id (already normalized) and/or a client IP. */
    keys(action: ThrottleAction, who: { account?: string; ip?: string }): ThrottleKey[] {
      const r = rules[action] as Partial<Record<'account' | 'ip', ThrottleRule>>;
      const out: ThrottleKey[] = [];
      if (r.account && who.account !== undefined) out.push({ key: `${action}:account:${who.account}`, rule: r.account, onSuccess: 'reset' });
      if (r.ip && who.ip !== undefined) out.push({ key: `${action}:ip:${who.ip}`, rule: r.ip, onSuccess: 'undo' });
      return out;
    },

    /** Counts an attempt on every key, or throws RATE_LIMITED (counting nothing) while any key is backing off. */
    async attempt(em: EntityManager, keys: ThrottleKey[]): Promise<void> {
      if (keys.length === 0) return;
      const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key)); // one lock order: no deadlocks
      const at = now();
      await em.fork().transactional(async (tx) => {
        await tx
          .createQueryBuilder(AuthThrottle)
          .insert(sorted.map((k) => ({ key: k.key, attempts: 0, lastAttemptAt: new Date(at) })))
          .onConflict('key')
          .ignore()
          .execute();
        const rows = await tx.find(
          AuthThrottle,
          { key: { $in: sorted.map((k) => k.key) } },
          { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { key: 'asc' } },
        );
        const byKey = new Map(rows.map((r) => [r.key, r]));
        let wait = 0;
        for (const k of sorted) {
          const row = byKey.get(k.key);
          if (row) wait = Math.max(wait, retryAfterMs(row, k.rule, at));
        }
        if (wait > 0) throw new RateLimitedError(Math.ceil(wait / 1000));
        for (const k of sorted) {
          const row = byKey.get(k.key);
          if (!row) continue;
          row.attempts = at - row.lastAttemptAt.getTime() >= k.rule.windowSeconds * 1000 ? 1 : row.attempts + 1;
          row.lastAttemptAt = new Date(at);
        }
      });
      if (Math.random() < 0.01) void this.prune(em).catch(() => {});
    },

    /** The attempt succeeded: account keys start over, IP keys take this attempt back. */
    async succeeded(em: EntityManager, keys: ThrottleKey[]): Promise<void> {
      const reset = keys.filter((k) => k.onSuccess === 'reset').map((k) => k.key);
      const undo = keys.filter((k) => k.onSuccess === 'undo').map((k) => k.key);
      const fork = em.fork();
      if (reset.length) await fork.nativeDelete(AuthThrottle, { key: { $in: reset } });
      for (const key of undo) {
        await fork.createQueryBuilder(AuthThrottle).update({ attempts: raw('greatest(attempts - 1, 0)') }).where({ key }).execute();
      }
    },

    /** Forgets every key of an account id (a password reset proves the owner: unlock sign-in). */
    async clear(em: EntityManager, action: ThrottleAction, account: string): Promise<void> {
      await em.fork().nativeDelete(AuthThrottle, { key: `${action}:account:${account}` });
    },

    /** Deletes rows idle longer than the longest window. */
    async prune(em: EntityManager): Promise<number> {
      const longest = Math.max(...Object.values(rules).flatMap((r) => Object.values(r as Record<string, ThrottleRule>).map((x) => x.windowSeconds)));
      return em.fork().nativeDelete(AuthThrottle, { lastAttemptAt: { $lt: new Date(now() - longest * 1000) } });
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
