import type { Logger } from '@startales/kit';
import type { LlmTier, TokenUsage } from '@startales/contracts';
import { RouterError, RouterErrorCode } from '../../errors.ts';
import { costMicros, emptyUsage, maxCostMicros, outputCap, totalTokens, type CallBound } from '../../pricing/cost.ts';
import type { ModelInfo, ModelKind } from '../../pricing/price-table.ts';
import type { UpstreamCall } from '../../providers/types.ts';
import type { Auth, Caller } from '../auth/service.ts';
import type { BudgetKey, BudgetService, Flight, Refusal, Reservation } from '../budgets/service.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { Meter, CallStatus } from '../metering/meter.ts';
import { dispatch, DispatchError, type Dispatched, type DispatchOptions } from '../routing/dispatch.ts';
import type { Registry, Route } from '../routing/registry.ts';
import { readAttribution, type Attribution } from './attribution.ts';

export type Endpoint = 'chat' | 'messages' | 'images';

/** A call admitted past auth, attribution, routing, rate limits and budgets. */
export interface Call {
  id: string;
  startedAt: number;
  caller: Caller;
  attribution: Attribution;
  endpoint: Endpoint;
  stream: boolean;
  route: Route;
  bound: CallBound;
  /** Realistic prompt size (rate limits; input of a stream cut before its usage report). */
  promptEstimate: number;
  admittedTokens: number;
  reservation: Reservation;
  /** Its record in `call_in_flight` (written with the reservation). */
  flight: Flight;
  signal: AbortSignal;
  finished: boolean;
}

export interface CallOutcome {
  model: ModelInfo;
  attempts: number;
  status: CallStatus;
  usage: TokenUsage;
  estimated?: boolean;
  error?: { code: string; message: string };
}

export interface PipelineDeps {
  auth: Auth;
  registry: Registry;
  limiter: RateLimiter;
  budgets: BudgetService;
  meter: Meter;
  dispatch: Omit<DispatchOptions, 'logger'>;
  logger: Logger;
  /** This process's id in `call_in_flight` (it holds the advisory lock that says it is alive: recovery.ts). */
  instanceId: string;
}

/** Authenticates a request for an LLM endpoint (the admin token is for the admin API only). */
export async function callerOf(auth: Auth, request: Request): Promise<Caller> {
  const caller = await auth.authenticate(request);
  if (caller.kind === 'admin') throw new RouterError(RouterErrorCode.FORBIDDEN, 'The admin token cannot make LLM calls', 403);
  return caller;
}

/**
 * What every LLM endpoint does around its provider call: admit the call (route, rate limit, reserve the maximum
 * cost on every budget it touches), dispatch it with retries and fallbacks, then price what the provider reported
 * and hand it to the meter (ledger, usage event, budget settlement).
 */
export function createPipeline(deps: PipelineDeps) {
  const dispatchOptions: DispatchOptions = { ...deps.dispatch, logger: deps.logger };
  const version = deps.registry.prices.version;

  const finish = (call: Call, outcome: CallOutcome): number => {
    if (call.finished) return 0;
    call.finished = true;
    const cost = costMicros(outcome.model, outcome.usage);
    if (cost > call.reservation.amountMicros && call.reservation.budgets.length) {
      deps.logger.warn('call cost more than its reservation', { callId: call.id, model: outcome.model.id, cost, reserved: call.reservation.amountMicros });
    }
    deps.limiter.adjust(call.caller.keyId, totalTokens(outcome.usage) - call.admittedTokens);
    deps.budgets.finish(call.reservation, cost);
    deps.meter.record({
      id: call.id,
      startedAt: new Date(call.startedAt),
      durationMs: Date.now() - call.startedAt,
      keyId: call.caller.keyId,
      userId: call.attribution.userId,
      campaignId: call.attribution.campaignId,
      purpose: call.attribution.purpose,
      endpoint: call.endpoint,
      stream: call.stream,
      requestedModel: call.route.requested,
      provider: outcome.model.provider,
      model: outcome.model.id,
      tier: outcome.model.tier,
      status: outcome.status,
      usage: outcome.usage,
      usageEstimated: outcome.estimated ?? false,
      costMicros: cost,
      reservation: call.reservation,
      priceVersion: version,
      attempts: outcome.attempts,
      errorCode: outcome.error?.code ?? null,
      errorMessage: outcome.error?.message ?? null,
    });
    return cost;
  };

  /** Ends a call that failed outside the provider (its reservation is released; the ledger says why). */
  const abandon = (call: Call, error: unknown) => {
    const known = error instanceof RouterError;
    finish(call, {
      model: call.route.candidates[0]!,
      attempts: 0,
      status: 'error',
      usage: emptyUsage(),
      error: { code: known ? error.code : 'internal', message: error instanceof Error ? error.message : String(error) },
    });
    if (!known) deps.logger.error('call failed in the router', { callId: call.id, error });
  };

  return {
    version,

    /** Runs `fn` for an admitted call; if it throws before the call is finished, the call is abandoned. */
    async guard<T>(call: Call, fn: () => Promise<T>): Promise<T> {
      try {
        return await fn();
      } catch (error) {
        if (!call.finished) abandon(call, error);
        throw error;
      }
    },

    /** Admits a call or throws the RouterError to answer with (401/400/404/429/402/503). */
    async begin(input: {
      request: Request;
      caller: Caller;
      endpoint: Endpoint;
      kind: ModelKind;
      requested: string;
      stream: boolean;
      bound: CallBound;
      promptEstimate: number;
    }): Promise<Call> {
      const attribution = readAttribution(input.request, input.caller);
      const route = deps.registry.resolve(input.requested, input.kind);
      const admittedTokens = input.promptEstimate + (input.bound.maxOutputTokens ?? 0);
      const admission = deps.limiter.admit(input.caller.keyId, input.caller, admittedTokens);
      if (!admission.ok) {
        throw new RouterError(RouterErrorCode.RATE_LIMITED, `Rate limit reached (${admission.limit === 'rpm' ? 'requests' : 'tokens'} per minute); retry in ${admission.retryAfterSeconds}s`, 429, {
          retryAfterSeconds: admission.retryAfterSeconds,
        });
      }
      // reserved for the first model; a dearer fallback tops it up before its first attempt (see `prepare`)
      const first = route.candidates[0]!;
      const amount = maxCostMicros(first, input.bound);
      const keys: BudgetKey[] = [{ scope: 'user', id: attribution.userId }, { scope: 'tier', id: route.tier as LlmTier }];
      if (attribution.campaignId) keys.push({ scope: 'campaign', id: attribution.campaignId });
      const id = Bun.randomUUIDv7();
      const startedAt = Date.now();
      // what recovery needs to write the ledger row should this process die before the meter does
      const flight: Flight = {
        id,
        instanceId: deps.instanceId,
        startedAt: new Date(startedAt).toISOString(),
        call: {
          keyId: input.caller.keyId,
          userId: attribution.userId,
          campaignId: attribution.campaignId,
          purpose: attribution.purpose,
          endpoint: input.endpoint,
          stream: input.stream,
          requestedModel: route.requested,
          provider: first.provider,
          model: first.id,
          tier: first.tier,
          priceVersion: version,
        },
      };
      const reserved = await deps.budgets.reserve(keys, amount, flight);
      if (!reserved.ok) {
        deps.limiter.adjust(input.caller.keyId, -admittedTokens);
        throw budgetExceeded(reserved.refused, amount);
      }
      return {
        id,
        startedAt,
        caller: input.caller,
        attribution,
        endpoint: input.endpoint,
        stream: input.stream,
        route,
        bound: input.bound,
        promptEstimate: input.promptEstimate,
        admittedTokens,
        reservation: reserved.reservation,
        flight,
        signal: input.request.signal,
        finished: false,
      };
    },

    /** Runs the provider call with retries and fallbacks; on failure meters the call and throws the answer. */
    async run<T>(call: Call, run: (model: ModelInfo, upstream: UpstreamCall) => Promise<T>): Promise<Dispatched<T>> {
      // a fallback dearer than what is reserved needs the difference reserved too, or it is skipped
      const prepare = async (model: ModelInfo) => {
        const need = maxCostMicros(model, call.bound);
        const held = call.reservation;
        if (need <= held.amountMicros) return;
        if (held.budgets.length) {
          // the same call in flight: its recorded amount grows with the budgets', in one transaction
          const more = await deps.budgets.reserve(held.budgets, need - held.amountMicros, call.flight);
          if (!more.ok) throw budgetExceeded(more.refused, need);
        }
        held.amountMicros = need;
      };
      try {
        return await dispatch(
          call.route.candidates,
          { maxOutputTokens: (m) => outputCap(m, call.bound.maxOutputTokens), signal: call.signal, abortInFlight: call.stream },
          run,
          { ...dispatchOptions, prepare },
        );
      } catch (error) {
        if (!(error instanceof DispatchError)) {
          abandon(call, error);
          throw error;
        }
        const last = error.last;
        const aborted = last?.kind === 'aborted';
        finish(call, {
          model: error.model,
          attempts: error.attempts,
          status: aborted ? 'aborted' : 'error',
          usage: emptyUsage(),
          error: { code: last?.status ? `upstream_${last.status}` : (last?.kind ?? 'unavailable'), message: error.message },
        });
        throw toClientError(error);
      }
    },

    finish,
  };
}
export type Pipeline = ReturnType<typeof createPipeline>;

function budgetExceeded(refused: Refusal[], amount: number): RouterError {
  const r = refused[0];
  const detail = r ? `${r.scope} budget "${r.id}" has ${Math.max(0, r.limitMicros - r.spentMicros - r.reservedMicros)} of ${r.limitMicros} micro-dollars left` : 'a budget is exhausted';
  return new RouterError(RouterErrorCode.BUDGET_EXCEEDED, `Budget exceeded: this call may cost up to ${amount} micro-dollars and the ${detail}`, 402);
}

/** What the caller hears when no provider served the call. */
function toClientError(error: DispatchError): RouterError {
  const last = error.last;
  if (!last && error.refusal) return error.refusal;
  if (last?.kind === 'request') {
    return new RouterError(RouterErrorCode.UPSTREAM_ERROR, `${last.provider}: ${last.message}`, last.status === 413 ? 413 : 400, { type: 'invalid_request_error' });
  }
  if (last?.kind === 'aborted') return new RouterError(RouterErrorCode.BAD_USER_INPUT, 'Request aborted by the client', 499);
  if (last?.status === 429) {
    const retryAfterSeconds = Math.max(1, Math.ceil((last.retryAfterMs ?? 1000) / 1000));
    return new RouterError(RouterErrorCode.RATE_LIMITED, `${last.provider} is rate limiting: ${last.message}`, 429, { retryAfterSeconds });
  }
  if (!last || last.status === undefined) {
    return new RouterError(RouterErrorCode.SERVICE_UNAVAILABLE, `No provider could take the call: ${error.message}`, 503);
  }
  return new RouterError(RouterErrorCode.UPSTREAM_ERROR, `${last.provider} failed: ${last.message}`, 502);
}
