import type { Elysia } from 'elysia';
import type { Logger } from './logger.ts';
import { createShutdown, type ShutdownHandle } from './shutdown.ts';

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

/** Listens, marks ready, and wires SIGINT/SIGTERM to an ordered, idempotent shutdown. */
export function listen(options: ListenOptions): ShutdownHandle {
  options.app.listen({ hostname: options.host, port: options.port });
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
