import type { Logger } from './logger.ts';

export interface ShutdownHandle {
  /** Runs every step once, in order; later calls return the same promise. */
  shutdown(reason?: string): Promise<void>;
  readonly stopping: boolean;
}

/**
 * An idempotent, ordered shutdown. With `signals` it is wired to SIGINT/SIGTERM and exits 0 when done
 * (1 if a step failed or the timeout passed).
 */
export function createShutdown(options: {
  logger: Logger;
  steps: Array<{ name: string; run: () => Promise<void> | void }>;
  timeoutMs?: number;
  signals?: boolean;
}): ShutdownHandle {
  let running: Promise<void> | undefined;
  let failed = false;
  const handle: ShutdownHandle = {
    get stopping() {
      return running !== undefined;
    },
    shutdown(reason = 'requested') {
      running ??= (async () => {
        options.logger.info('shutting down', { reason });
        for (const step of options.steps) {
          try {
            await step.run();
          } catch (error) {
            failed = true;
            options.logger.error(`shutdown step failed: ${step.name}`, { error });
          }
        }
        options.logger.info('stopped');
      })();
      return running;
    },
  };
  if (options.signals) {
    const onSignal = (signal: string) => {
      const timer = setTimeout(() => {
        options.logger.error('shutdown timed out', { timeoutMs: options.timeoutMs });
        process.exit(1);
      }, options.timeoutMs ?? 10_000);
      timer.unref?.();
      void handle.shutdown(signal).then(() => process.exit(failed ? 1 : 0));
    };
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
  }
  return handle;
}
