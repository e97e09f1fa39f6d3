import type { Elysia } from 'elysia';
import { websocket as elysiaWebSocket } from 'elysia/ws';
import type { Logger } from './logger.ts';
import { createShutdown, type ShutdownHandle } from './shutdown.ts';
import { observeHttp, type FetchHandler } from './observe.ts';

export interface ListenOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  app: Elysia<any, any, any, any, any, any, any>;
  host: string;
  port: number;
  logger: Logger;
  /** Marks the service not-ready (first shutdown step). */
  setReady: (ready: boolean) => void;
  /** Closed in order after the HTTP server stops taking requests. */
  close: Array<{ name: string; run: () => Promise<void> | void }>;
  timeoutMs?: number;
  /** How long to stay up but not-ready so load balancers stop routing (default 0 locally). */
  drainDelayMs?: number;
}

/**
 * Listens, marks ready, and wires SIGINT/SIGTERM to an ordered, idempotent shutdown.
 *
 * Every request goes through `observeHttp`: `GET /metrics` (Prometheus) is answered, each request is counted and
 * timed, and traced when telemetry is on (see `serveApp`).
 */
export function listen(options: ListenOptions): ShutdownHandle {
  serveApp(options.app, { hostname: options.host, port: options.port });
  const server = options.app.server;
  options.setReady(true);
  options.logger.info('listening', { url: `http://${options.host}:${server?.port ?? options.port}` });
  return createShutdown({
    logger: options.logger,
    signals: true,
    timeoutMs: options.timeoutMs,
    steps: [
      { name: 'not-ready', run: () => options.setReady(false) },
      {
        name: 'drain-delay',
        run: () => (options.drainDelayMs ? Bun.sleep(options.drainDelayMs) : undefined),
      },
      // stop accepting connections and wait for in-flight requests
      { name: 'http', run: () => options.app.server?.stop(false) },
      ...options.close,
    ],
  });
}

/**
 * Serves an Elysia app with Bun.serve over its fetch handler, observed (`observeHttp`: `GET /metrics`, request
 * counts and latency, a server span per request when tracing is on), and sets `app.server` as Elysia's own `listen`
 * would (so `app.stop()` works). Apps with WebSocket routes keep them: the upgrade goes through the same handler and
 * Elysia's socket handlers serve the connection. For servers that do not use `listen` (web, gamehost).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function serveApp(app: Elysia<any, any, any, any, any, any, any>, options: { hostname: string; port: number }): void {
  const hasWebSockets = app.router.history.some((route: { method: string }) => route.method === 'WS');
  const handler: FetchHandler = (request) => app.fetch(request);
  const config = app.config as { serve?: Record<string, unknown>; websocket?: Record<string, unknown> };
  const server = Bun.serve({
    idleTimeout: 30,
    ...config.serve,
    hostname: options.hostname,
    port: options.port,
    fetch: observeHttp(handler) as (request: Request) => Promise<Response>,
    ...(hasWebSockets ? { websocket: { ...config.websocket, ...elysiaWebSocket } } : {}),
  } as Parameters<typeof Bun.serve>[0]);
  (app as unknown as { server: unknown }).server = server;
}
