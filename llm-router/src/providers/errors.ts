import type { LlmProvider } from '@startales/contracts';

/** Why an attempt failed, which decides what the router does next. */
export type FailureKind =
  /** The request itself is bad (400/413/422): answer the caller, trying elsewhere will not help. */
  | 'request'
  /** Worth another try on the same model after a backoff (408/409/429/5xx, timeouts, connection errors). */
  | 'retry'
  /** This provider cannot serve it (401/403/404, other 4xx): go to the next model of the tier. */
  | 'fallback'
  /** The caller went away. */
  | 'aborted';

/** A provider refused or failed a call, in one shape for every SDK. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly provider: LlmProvider,
    message: string,
    readonly kind: FailureKind,
    /** The provider's HTTP status; undefined when no response came (timeout, connection error, abort). */
    readonly status: number | undefined,
    /** The provider's Retry-After, when it sent one. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Counts against the provider's circuit breaker: it looks down, not merely busy or picky. */
  get providerDown(): boolean {
    return this.kind === 'retry' && (this.status === undefined || this.status >= 500);
  }
}

/** Thrown into an attempt's signal when its deadline passes (distinguishes a timeout from a client abort). */
export class UpstreamTimeout extends Error {
  override readonly name = 'UpstreamTimeout';
}

export function kindOfStatus(status: number): FailureKind {
  if (status === 408 || status === 409 || status === 429 || status >= 500) return 'retry';
  if (status === 400 || status === 413 || status === 422) return 'request';
  return 'fallback';
}

/** Retry-After in ms from `retry-after-ms` (OpenAI), `retry-after` seconds or an HTTP date. */
export function parseRetryAfter(headers: Headers | Record<string, string> | undefined | null): number | undefined {
  if (!headers) return undefined;
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers[name] ?? null));
  const ms = Number(get('retry-after-ms'));
  if (get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const value = get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Maps whatever an SDK threw (APIError with status and headers, connection errors, aborts) to an UpstreamError.
 * `signal` is the attempt's signal: its reason tells a timeout from a client abort.
 */
export function toUpstreamError(provider: LlmProvider, error: unknown, signal: AbortSignal): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (signal.aborted) {
    const timedOut = signal.reason instanceof UpstreamTimeout;
    return new UpstreamError(provider, timedOut ? `${provider} timed out` : 'request aborted', timedOut ? 'retry' : 'aborted', undefined, undefined, {
      cause: error,
    });
  }
  const e = error as { status?: unknown; headers?: Headers | Record<string, string>; message?: string };
  if (typeof e?.status === 'number' && e.status >= 400) {
    const message = upstreamMessage(e) ?? `${provider} answered ${e.status}`;
    return new UpstreamError(provider, message, kindOfStatus(e.status), e.status, parseRetryAfter(e.headers), { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UpstreamError(provider, `${provider} unreachable: ${message}`, 'retry', undefined, undefined, { cause: error });
}

/** The provider's own error message, without the SDK's "400 {json}" decoration. */
function upstreamMessage(e: { message?: string; error?: unknown }): string | undefined {
  const body = (e as { error?: { message?: unknown; error?: { message?: unknown } } }).error;
  const nested = body?.error?.message ?? body?.message;
  if (typeof nested === 'string') return nested;
  if (typeof e.message !== 'string') return undefined;
  // @google/genai puts the JSON body in the message
  const json = e.message.indexOf('{');
  if (json >= 0) {
    try {
      const parsed = JSON.parse(e.message.slice(json)) as { error?: { message?: string } };
      if (parsed.error?.message) return parsed.error.message;
    } catch {
      /* not JSON */
    }
  }
  return e.message;
}
