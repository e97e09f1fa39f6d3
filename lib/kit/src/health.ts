import { Elysia } from 'elysia';

export interface HealthOptions {
  /** Checks run on every readiness probe; each returns true or throws/returns false. */
  checks?: Record<string, () => Promise<boolean> | boolean>;
  /** False while starting and once shutdown begins. */
  isReady: () => boolean;
}

/**
 * `/healthz/live`: the process answers (no dependencies checked, so a DB outage never restarts pods).
 * `/healthz/ready`: the service can take traffic — started, not stopping, and every check passes.
 */
export function health(options: HealthOptions) {
  return new Elysia({ name: '@startales/health' })
    .get('/healthz/live', () => ({ status: 'ok' }))
    .get('/healthz/ready', async ({ set }) => {
      const results: Record<string, boolean> = {};
      let ok = options.isReady();
      for (const [name, check] of Object.entries(options.checks ?? {})) {
        try {
          results[name] = await check();
        } catch {
          results[name] = false;
        }
        ok &&= results[name];
      }
      set.status = ok ? 200 : 503;
      return { status: ok ? 'ready' : 'not ready', checks: results };
    });
}
