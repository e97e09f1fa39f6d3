import { context, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { metrics, metricsResponse } from './metrics.ts';
import { extractContext, tracer, tracingEnabled } from './tracing.ts';

/** A Bun.serve-style handler. */
export type FetchHandler = (request: Request, server: unknown) => Response | Promise<Response>;

const httpRequests = metrics.counter('http_requests_total', 'HTTP requests handled, by method, route and status.', ['method', 'route', 'status']);
const httpDuration = metrics.histogram('http_request_duration_seconds', 'Time to the response headers, by method and route.', ['method', 'route']);
const httpInFlight = metrics.gauge('http_requests_in_flight', 'HTTP requests being handled right now.');

// a UUID, a number, or a long token with a digit in it (route words such as `reset-password` stay)
const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|(?=[A-Za-z_-]*\d)[A-Za-z0-9_.~-]{16,})$/i;
const MAX_ROUTES = 200;
const seenRoutes = new Set<string>();

/**
 * The path as a low-cardinality route label: ids, numbers and tokens become `:id`
 * (`/campaigns/0193…/live` → `/campaigns/:id/live`); past 200 distinct routes the rest count as `other`.
 */
export function routeLabel(pathname: string): string {
  const route = pathname
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/');
  if (seenRoutes.has(route)) return route;
  if (seenRoutes.size >= MAX_ROUTES) return 'other';
  seenRoutes.add(route);
  return route;
}

function pathOf(url: string): string {
  // cheaper than new URL() on every request: skip "scheme://host", stop at "?"
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const q = url.indexOf('?', start);
  return q < 0 ? url.slice(start) : url.slice(start, q);
}

/**
 * Wraps a server's fetch handler: answers `GET /metrics` (Prometheus), counts every request (rate, status,
 * latency histogram, in flight) and, with tracing on, runs it in a SERVER span continuing the caller's
 * `traceparent`. Health probes and scrapes are counted but never traced.
 */
export function observeHttp(handler: FetchHandler): FetchHandler {
  return async (request, server) => {
    const path = pathOf(request.url);
    if (path === '/metrics' && request.method === 'GET') return metricsResponse();
    const method = request.method;
    const route = routeLabel(path);
    const started = performance.now();
    httpInFlight.inc();
    let status = 500;
    try {
      let response: Response;
      if (tracingEnabled() && !path.startsWith('/healthz')) {
        const parent = extractContext(request.headers, context.active());
        const span = tracer().startSpan(`${method} ${route}`, {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': method, 'http.route': route, 'url.path': path },
        }, parent);
        try {
          response = await context.with(trace.setSpan(parent, span), () => handler(request, server));
          span.setAttribute('http.response.status_code', response.status);
          if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      } else {
        response = await handler(request, server);
      }
      status = response.status;
      return response;
    } finally {
      httpInFlight.dec();
      httpRequests.inc({ method, route, status });
      httpDuration.observe({ method, route }, (performance.now() - started) / 1000);
    }
  };
}
