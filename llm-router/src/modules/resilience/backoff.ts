export interface BackoffOptions {
  baseMs: number;
  /** Longest wait the router accepts; a provider asking for longer is skipped for a fallback. */
  maxDelayMs: number;
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based): full jitter, uniform in [0, min(max, base × 2^attempt)], but at
 * least the provider's Retry-After. `null` when the provider wants a longer wait than we accept.
 */
export function backoffDelay(attempt: number, retryAfterMs: number | undefined, options: BackoffOptions): number | null {
  if (retryAfterMs !== undefined && retryAfterMs > options.maxDelayMs) return null;
  const cap = Math.min(options.maxDelayMs, options.baseMs * 2 ** attempt);
  const jitter = Math.floor((options.random ?? Math.random)() * cap);
  return Math.max(jitter, retryAfterMs ?? 0);
}

/** Sleeps `ms`, waking early (rejecting) when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
