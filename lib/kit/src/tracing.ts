import {
  context,
  propagation,
  trace,
  SpanKind,
  SpanStatusCode,
  type Attributes,
  type Context,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';

/**
 * Manual OpenTelemetry instrumentation for what runs on Bun (the Node auto-instrumentations do not see Bun.serve,
 * Bun's fetch or Bun's sockets). Everything here is a no-op until `startTelemetry` registers an SDK: the API's
 * default tracer and propagator do nothing, so services without a collector pay almost nothing.
 *
 * Trace context travels as W3C `traceparent`/`tracestate` headers: on HTTP requests (server spans in `listen`,
 * client spans in the patched `fetch`) and on NATS messages (injected by `bus.publish`, extracted by consumers).
 */

export { SpanKind, SpanStatusCode };
export type { Span, Context };

const TRACER = '@startales/kit';
let enabled = false;
const INVALID = { traceId: '00000000000000000000000000000000', spanId: '0000000000000000', traceFlags: 0 };

/** True once `startTelemetry` registered an exporter (spans are recorded and exported). */
export function tracingEnabled(): boolean {
  return enabled;
}

/** @internal set by `startTelemetry`. */
export function setTracingEnabled(on: boolean): void {
  enabled = on;
}

/** The tracer kit's spans come from. */
export function tracer() {
  return trace.getTracer(TRACER);
}

/** Anything with `get(name)`: `Headers`, NATS `MsgHdrs`, a plain map. */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

const headerGetter: TextMapGetter<HeaderReader> = {
  keys: () => ['traceparent', 'tracestate', 'baggage'],
  get: (carrier, key) => carrier.get(key) || undefined,
};

/** The trace context carried by headers (HTTP or NATS), on top of `base` (default: the active context). */
export function extractContext(headers: HeaderReader | undefined | null, base: Context = context.active()): Context {
  if (!headers) return base;
  return propagation.extract(base, headers, headerGetter);
}

/** Writes the trace context of `ctx` (default: the active one) as headers through `set`. */
export function injectContext(set: (name: string, value: string) => void, ctx: Context = context.active()): void {
  propagation.inject(ctx, undefined, { set: (_carrier, key, value) => set(key, value) });
}

/** The W3C headers of the active context, as a plain object (empty when tracing is off). */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const out: Record<string, string> = {};
  injectContext((k, v) => (out[k] = v), ctx);
  return out;
}

/** The active span's trace id, when one is recording (for logs). */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const ctx = span.spanContext();
  return trace.isSpanContextValid(ctx) ? ctx.traceId : undefined;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context (default: the active one). */
  parent?: Context;
  /** Explicit start time (epoch ms), e.g. for an operation timed by someone else. */
  startTime?: number;
}

/**
 * Runs `fn` inside a new span made active for everything it awaits; the span ends when `fn` settles and records
 * an exception and an error status if it throws.
 */
export async function withSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T> | T): Promise<T> {
  if (!enabled) return fn(trace.wrapSpanContext(INVALID));
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, startTime: options.startTime }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}

/** Records an already finished operation (e.g. a database query timed by the ORM) as a child of the active span. */
export function recordSpan(name: string, options: SpanOptions & { durationMs: number; error?: boolean }): void {
  if (!enabled) return;
  const parent = options.parent ?? context.active();
  // only as part of a trace: a lone query outside any request (pollers, relays) would flood the collector
  if (!trace.getSpan(parent)) return;
  const end = Date.now();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, startTime: end - options.durationMs }, parent);
  if (options.error) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(end);
}

let originalFetch: typeof fetch | undefined;

/**
 * Wraps `globalThis.fetch` so every outgoing HTTP call made inside a trace carries `traceparent` and gets a
 * CLIENT span (gateway → subgraphs, gamehost/moderation/campaigns → llm-router, the API-key exchange...).
 * `skip` URLs (the OTLP endpoint itself) are passed through untouched. Idempotent; undone by `uninstrumentFetch`.
 */
export function instrumentFetch(skip: string[] = []): void {
  if (originalFetch) return;
  const original = globalThis.fetch;
  originalFetch = original;
  const traced = async function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const parentSpan = trace.getActiveSpan();
    if (!enabled || !parentSpan) return original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (skip.some((s) => url.startsWith(s))) return original(input, init);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    let target: URL | undefined;
    try {
      target = new URL(url);
    } catch {
      return original(input, init);
    }
    const span = tracer().startSpan(`${method} ${target.pathname}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': method, 'url.full': `${target.origin}${target.pathname}`, 'server.address': target.hostname, 'server.port': Number(target.port) || undefined },
    });
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    injectContext((k, v) => headers.set(k, v), trace.setSpan(context.active(), span));
    try {
      const response = await original(input, { ...init, headers });
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return response;
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  };
  Object.defineProperty(traced, 'preconnect', { value: (original as { preconnect?: unknown }).preconnect, configurable: true, writable: true });
  globalThis.fetch = traced as typeof fetch;
}

/** Restores the fetch `instrumentFetch` wrapped. */
export function uninstrumentFetch(): void {
  if (originalFetch) globalThis.fetch = originalFetch;
  originalFetch = undefined;
}

/**
 * Runs `fn` in the trace context carried by `headers` (a NATS message's, an HTTP request's): work done later on
 * behalf of a message — gamehost narrating the turn an action completed — joins the action's trace.
 */
export function withTraceHeaders<T>(headers: HeaderReader | undefined | null, fn: () => T): T {
  if (!enabled || !headers) return fn();
  return context.with(extractContext(headers), fn);
}
