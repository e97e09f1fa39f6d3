import type { Elysia } from 'elysia';
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
 * timed, and traced when telemetry is on. Apps with WebSocket routes are served by Elysia's own `listen` (their
 * HTTP routes are then neither counted nor traced, and `/metrics` is the app's own business).
 */
export function listen(options: ListenOptions): ShutdownHandle {
  serve(options.app, options.host, options.port);
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

/** Bun.serve over the app's fetch handler, observed; sets `app.server` as Elysia's own `listen` would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function serve(app: Elysia<any, any, any, any, any, any, any>, hostname: string, port: number): void {
  const hasWebSockets = app.router.history.some((route: { method: string }) => route.method === 'WS');
  if (hasWebSockets) {
    app.listen({ hostname, port });
    return;
  }
  const handler: FetchHandler = (request) => app.fetch(request);
  const config = (app.config as { serve?: Record<string, unknown> }).serve ?? {};
  const server = Bun.serve({
    idleTimeout: 30,
    ...config,
    hostname,
    port,
    fetch: observeHttp(handler) as (request: Request) => Promise<Response>,
  });
  (app as unknown as { server: unknown }).server = server;
}
