import { Elysia } from 'elysia';
import { ErrorCode, LiveCloseCode } from '@startales/contracts';
import { AuthError, bearerToken, health, metricsResponse, type Logger, type Principal, type TokenVerifier } from '@startales/kit';
import type { GameHost } from './host.ts';
import type { LiveHub, HubSocket } from './live/hub.ts';
import { helloMessage, syncMessage } from './live/messages.ts';
import { CAMPAIGN_ID } from './nats/directory.ts';
import { leaveReason } from './game/sanctions.ts';

export interface AppDeps {
  host: GameHost;
  hub: LiveHub;
  verifier: TokenVerifier;
  logger: Logger;
  /** Readiness checks beyond "started and not stopping" (e.g. NATS connected). */
  checks?: Record<string, () => Promise<boolean> | boolean>;
  /** How long a connecting client may wait for a new owner to catch up to its `lastSeq` (default 5 s). */
  resumeWaitMs?: number;
}

/** The readiness flag main.ts flips. */
export interface AppState {
  ready: boolean;
}

const reasonOf = (error: unknown) => (error instanceof AuthError ? String(error.extensions.reason ?? ErrorCode.UNAUTHENTICATED) : ErrorCode.INVALID_TOKEN);

/**
 * gamehost's HTTP face: health probes, `GET /campaigns/:id/owner` (any host answers from the lease) and the players'
 * live socket `/campaigns/:id/live`. Reads no env, opens no socket.
 */
export function createApp(deps: AppDeps) {
  const { host, hub, verifier, logger } = deps;
  const state: AppState = { ready: false };

  const app = new Elysia({ name: '@startales/gamehost', websocket: { idleTimeout: 120, perMessageDeflate: false, backpressureLimit: 4 * 1024 * 1024, closeOnBackpressureLimit: true } })
    .use(health({ isReady: () => state.ready, checks: deps.checks }))
    .get('/metrics', () => metricsResponse())
    .get('/campaigns/:id/owner', async ({ params, set }) => {
      const status = CAMPAIGN_ID.test(params.id) ? host.status(params.id) : undefined;
      if (!status) return (set.status = 404), { code: ErrorCode.NOT_FOUND, message: 'No such campaign' };
      if (status !== 'active') return (set.status = 410), { code: 'CAMPAIGN_ENDED', status };
      const owner = await host.owner(params.id);
      if (!owner) {
        set.status = 503;
        set.headers['retry-after'] = '1';
        return { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'No host holds the campaign right now; retry shortly' };
      }
      return { campaignId: params.id, hostId: owner.hostId, url: owner.url, liveUrl: `${owner.url.replace(/^http/, 'ws')}/campaigns/${params.id}/live` };
    })
    .ws('/campaigns/:id/live', {
      async open(ws) {
        const raw = ws.raw as unknown as HubSocket;
        const reject = (code: number, reason: string) => void ws.close(code, reason);
        const campaignId = ws.data.params.id;
        const query = ws.data.query as Record<string, string | undefined>;
        let principal: Principal;
        try {
          const token = query.token || bearerToken(ws.data.request.headers.get('authorization'));
          if (!token) throw new AuthError('Sign in required', ErrorCode.UNAUTHENTICATED);
          principal = await verifier.verify(token);
        } catch (error) {
          return reject(LiveCloseCode.UNAUTHENTICATED, reasonOf(error));
        }
        const status = CAMPAIGN_ID.test(campaignId) ? host.status(campaignId) : undefined;
        if (!status) return reject(LiveCloseCode.NOT_FOUND, 'no such campaign');
        if (status !== 'active') return reject(LiveCloseCode.ENDED, `campaign ${status}`);
        let runner = host.runner(campaignId);
        if (!runner) return reject(LiveCloseCode.NOT_OWNER, host.knownOwner(campaignId)?.url ?? '');
        const lastSeq = query.lastSeq !== undefined && /^\d{1,15}$/.test(query.lastSeq) ? Number(query.lastSeq) : undefined;
        // a new owner may still be replaying what the client already saw: wait until it has, so nothing repeats
        if (lastSeq !== undefined && lastSeq > runner.db.lastSeq && !(await runner.waitForSeq(lastSeq, deps.resumeWaitMs ?? 5000))) {
          return reject(LiveCloseCode.TRY_AGAIN_LATER, 'catching up; retry');
        }
        if (host.runner(campaignId) !== runner || raw.readyState !== 1) return reject(LiveCloseCode.NOT_OWNER, '');
        runner = host.runner(campaignId)!;
        const db = runner.db;
        const s = db.state;
        if (!s.players.some((p) => p.userId === principal.userId && p.active)) return reject(LiveCloseCode.FORBIDDEN, leaveReason(s, principal.userId));
        // from here on everything is synchronous: no event can be applied (and broadcast) between reading the log
        // and subscribing, so the client sees every sequence once
        raw.send(helloMessage(campaignId, host.hostId, s.lastSeq));
        const floor = db.logFloor();
        if (lastSeq !== undefined && lastSeq >= floor) for (const m of db.since(lastSeq)) raw.send(m);
        else raw.send(syncMessage(s));
        hub.join(campaignId, principal.userId, raw);
      },
      message(ws, message) {
        // the socket is server → client; players act through campaigns' submitAction. A ping gets a pong.
        if (message === 'ping' || (message as { type?: string } | null)?.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
      },
      close(ws) {
        hub.leave(ws.raw as unknown as HubSocket);
      },
      error({ error }) {
        logger.warn('live socket error', { error });
      },
    });
  hub.bindServer(undefined);
  app.onStart(({ server }) => hub.bindServer(server ?? undefined));
  return { app, state };
}
