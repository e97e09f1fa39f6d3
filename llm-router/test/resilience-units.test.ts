/** The rate limiter's sliding window, the circuit breaker's states, the backoff's bounds. */
import { describe, expect, test } from 'bun:test';
import { createRateLimiter } from '../src/modules/limits/rate-limiter.ts';
import { createBreaker } from '../src/modules/resilience/breaker.ts';
import { backoffDelay } from '../src/modules/resilience/backoff.ts';

describe('rate limiter', () => {
  test('requests per minute over a sliding window', () => {
    let now = 60_000 * 1000;
    const limiter = createRateLimiter(() => now);
    const limits = { rpm: 3, tpm: 0 };
    for (let i = 0; i < 3; i++) expect(limiter.admit('k', limits, 0).ok).toBe(true);
    const refused = limiter.admit('k', limits, 0);
    expect(refused).toEqual({ ok: false, limit: 'rpm', retryAfterSeconds: 60 });
    // a new minute: the previous one still weighs 3 × (1 - 0.5) = 1.5 → one more fits
    now += 90_000;
    expect(limiter.admit('k', limits, 0).ok).toBe(true);
    expect(limiter.admit('k', limits, 0).ok).toBe(false);
    expect(limiter.admit('other', limits, 0).ok).toBe(true);
  });

  test('tokens per minute, corrected after the call', () => {
    const now = 60_000 * 1000;
    const limiter = createRateLimiter(() => now);
    const limits = { rpm: 0, tpm: 1000 };
    expect(limiter.admit('k', limits, 800).ok).toBe(true);
    expect(limiter.admit('k', limits, 300)).toMatchObject({ ok: false, limit: 'tpm' });
    limiter.adjust('k', -600); // it used 200
    expect(limiter.admit('k', limits, 300).ok).toBe(true);
    // one request larger than the whole limit still passes in an empty window
    expect(limiter.admit('big', limits, 50_000).ok).toBe(true);
  });

  test('no limits: always admitted', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 1000; i++) expect(limiter.admit('k', { rpm: 0, tpm: 0 }, 1e9).ok).toBe(true);
  });
});

describe('circuit breaker', () => {
  test('opens after the threshold, lets one probe through after the cooldown, closes on success', () => {
    let now = 0;
    const breaker = createBreaker({ threshold: 2, cooldownMs: 1000, now: () => now });
    breaker.failure();
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.allow()).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(breaker.allow()).toBe(false); // one probe at a time
    breaker.failure();
    expect(breaker.state).toBe('open');
    now = 2000;
    expect(breaker.allow()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.allow()).toBe(true);
  });

  test('a success resets the count of consecutive failures', () => {
    const breaker = createBreaker({ threshold: 2, cooldownMs: 1000 });
    breaker.failure();
    breaker.success();
    breaker.failure();
    expect(breaker.state).toBe('closed');
  });
});

describe('backoff', () => {
  test('full jitter under an exponential cap, at least the Retry-After, refused past the maximum', () => {
    const options = { baseMs: 100, maxDelayMs: 1000 };
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(2, undefined, options)!;
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(400);
    }
    expect(backoffDelay(10, undefined, { ...options, random: () => 0.999 })).toBeLessThan(1000);
    expect(backoffDelay(0, 700, { ...options, random: () => 0 })).toBe(700);
    expect(backoffDelay(0, 5000, options)).toBeNull();
  });
});
