import type { LlmProvider } from '@startales/contracts';
import type { Logger } from '@startales/kit';
import { RouterError } from '../../errors.ts';
import type { ModelInfo } from '../../pricing/price-table.ts';
import { UpstreamError, UpstreamTimeout, toUpstreamError } from '../../providers/errors.ts';
import type { UpstreamCall } from '../../providers/types.ts';
import type { Breaker } from '../resilience/breaker.ts';
import { backoffDelay, sleep, type BackoffOptions } from '../resilience/backoff.ts';

export interface DispatchOptions {
  breakers: Record<LlmProvider, Breaker>;
  /**
   * Runs before a model's first attempt (budget top-up for a dearer fallback). Throwing a RouterError skips the
   * model; anything else ends the dispatch.
   */
  prepare?: (model: ModelInfo) => Promise<void>;
  maxRetries: number;
  backoff: BackoffOptions;
  /** Per attempt, until `run` resolves (a stream's headers, a JSON body). */
  timeoutMs: number;
  logger: Logger;
}

export interface Dispatched<T> {
  result: T;
  model: ModelInfo;
  /** Attempts made across every model tried. */
  attempts: number;
  /** Aborts the winning attempt's upstream request (client gone mid-stream). */
  abort: (reason?: unknown) => void;
}

/** All attempts failed; `last` is the most telling failure. */
export class DispatchError extends Error {
  override readonly name = 'DispatchError';
  constructor(
    readonly last: UpstreamError | undefined,
    readonly attempts: number,
    readonly model: ModelInfo,
    /** Why `prepare` skipped a model (e.g. its budget top-up was refused). */
    readonly refusal?: RouterError,
  ) {
    super(last?.message ?? refusal?.message ?? 'no provider could take the call', { cause: last ?? refusal });
  }
}

/**
 * Runs `run` on the first candidate that succeeds: retries on 429/5xx/timeouts with jittered backoff (honouring
 * Retry-After), moves to the next candidate of the tier when a model keeps failing or its provider's circuit is
 * open, and answers a bad request at once. `signal` is the client's: when it aborts, so does the attempt.
 */
export async function dispatch<T>(
  candidates: readonly ModelInfo[],
  call: {
    maxOutputTokens: (model: ModelInfo) => number;
    /** The client's signal: once aborted, no new attempt starts. */
    signal: AbortSignal;
    /**
     * Abort the attempt in flight too (streams, whose partial output can be metered). A JSON call is left to
     * finish instead, so its usage is the provider's exact count.
     */
    abortInFlight: boolean;
  },
  run: (model: ModelInfo, call: UpstreamCall) => Promise<T>,
  options: DispatchOptions,
): Promise<Dispatched<T>> {
  const { signal } = call;
  let attempts = 0;
  let last: UpstreamError | undefined;
  let refusal: RouterError | undefined;
  let lastModel = candidates[0]!;
  for (const model of candidates) {
    const breaker = options.breakers[model.provider];
    if (options.prepare) {
      try {
        await options.prepare(model);
      } catch (error) {
        if (!(error instanceof RouterError)) throw error;
        refusal = error;
        continue;
      }
    }
    for (let retry = 0; retry <= options.maxRetries; retry++) {
      if (!breaker.allow()) {
        last ??= new UpstreamError(model.provider, `${model.provider} is unavailable (circuit open)`, 'fallback', undefined);
        break;
      }
      if (signal.aborted) throw new DispatchError(new UpstreamError(model.provider, 'request aborted', 'aborted', undefined), attempts, model, refusal);
      attempts += 1;
      lastModel = model;
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal.reason);
      if (call.abortInFlight) signal.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => controller.abort(new UpstreamTimeout(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
      try {
        const result = await run(model, { signal: controller.signal, maxOutputTokens: call.maxOutputTokens(model) });
        clearTimeout(timer);
        breaker.success();
        return { result, model, attempts, abort: (reason) => controller.abort(reason) };
      } catch (thrown) {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        // the router's own verdict on the request (e.g. it cannot be mapped to this provider's format)
        if (thrown instanceof RouterError) throw thrown;
        const error = toUpstreamError(model.provider, thrown, controller.signal);
        if (error.kind === 'aborted') throw new DispatchError(error, attempts, model, refusal);
        if (error.providerDown) breaker.failure();
        else breaker.success();
        last = error;
        options.logger.warn('upstream attempt failed', { provider: model.provider, model: model.id, status: error.status, kind: error.kind, retry, error: error.message });
        if (error.kind === 'request') throw new DispatchError(error, attempts, model, refusal);
        if (error.kind === 'fallback' || retry === options.maxRetries) break;
        const delay = backoffDelay(retry, error.retryAfterMs, options.backoff);
        if (delay === null) break;
        try {
          await sleep(delay, signal);
        } catch {
          throw new DispatchError(new UpstreamError(model.provider, 'request aborted', 'aborted', undefined), attempts, model, refusal);
        }
      }
    }
  }
  throw new DispatchError(last, attempts, lastModel, refusal);
}
