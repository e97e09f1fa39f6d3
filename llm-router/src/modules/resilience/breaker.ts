import type { LlmProvider } from '@startales/contracts';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  threshold: number;
  /** How long an open circuit refuses calls before letting one probe through. */
  cooldownMs: number;
  now?: () => number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker per provider: after `threshold` consecutive failures (5xx, timeouts, connection errors) calls
 * skip the provider for `cooldownMs`; then one probe decides whether it closes again or stays open.
 */
export function createBreaker(options: BreakerOptions) {
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt = 0;
  let state: BreakerState = 'closed';
  let probing = false;
  return {
    get state(): BreakerState {
      return state;
    },
    /** May a call go to this provider now? (In half-open, only one probe at a time.) */
    allow(): boolean {
      if (state === 'closed') return true;
      if (state === 'open' && now() - openedAt >= options.cooldownMs) state = 'half-open';
      if (state === 'half-open' && !probing) {
        probing = true;
        return true;
      }
      return false;
    },
    success() {
      failures = 0;
      probing = false;
      state = 'closed';
    },
    failure() {
      probing = false;
      failures += 1;
      if (state === 'half-open' || failures >= options.threshold) {
        state = 'open';
        openedAt = now();
      }
    },
  };
}
export type Breaker = ReturnType<typeof createBreaker>;

export function createBreakers(providers: readonly LlmProvider[], options: BreakerOptions): Record<LlmProvider, Breaker> {
  return Object.fromEntries(providers.map((p) => [p, createBreaker(options)])) as Record<LlmProvider, Breaker>;
}
