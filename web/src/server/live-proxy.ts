/**
 * The live socket, same-origin for the browser: `/campaigns/<id>/live` here is relayed to the gamehost that owns
 * the campaign (asked with `GET <GAMEHOST_URL>/campaigns/<id>/owner`, any host answers), query string (token,
 * lastSeq) and close codes passed through unchanged, so the client's reconnect/resume logic sees gamehost itself.
 */
import type { Logger } from '@startales/kit';

/** Close codes a server may send (1005, 1006 and 1015 are reserved for the local side). */
function sendableCode(code: number): number {
  if (code === 1000 || (code >= 1001 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999)) return code;
  return 1011;
}

export interface ClientSocket {
  send(data: string | ArrayBuffer | Uint8Array): unknown;
  close(code?: number, reason?: string): unknown;
}

export interface LiveProxyDeps {
  gamehostUrl: string;
  logger: Logger;
  fetch?: typeof fetch;
  /** Connects to the upstream socket (a test can swap it). */
  connect?: (url: string) => WebSocket;
}

/** Resolves the owner's live URL; falls back to GAMEHOST_URL itself when the owner cannot be asked. */
export async function upstreamUrl(deps: LiveProxyDeps, campaignId: string, search: string): Promise<string> {
  const base = deps.gamehostUrl.replace(/\/+$/, '');
  let live = `${base.replace(/^http/, 'ws')}/campaigns/${encodeURIComponent(campaignId)}/live`;
  try {
    const res = await (deps.fetch ?? fetch)(`${base}/campaigns/${encodeURIComponent(campaignId)}/owner`, { signal: AbortSignal.timeout(2000) });
    if (res.ok) {
      const body = (await res.json()) as { liveUrl?: string };
      if (typeof body.liveUrl === 'string' && /^wss?:\/\//.test(body.liveUrl)) live = body.liveUrl;
    }
  } catch {
    // gamehost answers the socket itself with the right close code (NOT_FOUND, NOT_OWNER…)
  }
  return `${live}${search}`;
}

/** One relayed connection: client ⇄ upstream. */
export function createLiveRelay(deps: LiveProxyDeps) {
  const relays = new WeakMap<object, { upstream?: WebSocket; closed: boolean; queue: string[] }>();
  return {
    async open(key: object, client: ClientSocket, campaignId: string, search: string) {
      const entry: { upstream?: WebSocket; closed: boolean; queue: string[] } = { closed: false, queue: [] };
      relays.set(key, entry);
      const url = await upstreamUrl(deps, campaignId, search);
      if (entry.closed) return;
      let upstream: WebSocket;
      try {
        upstream = (deps.connect ?? ((u) => new WebSocket(u)))(url);
      } catch (error) {
        deps.logger.warn('live upstream connect failed', { error });
        client.close(1011, 'game host unreachable');
        return;
      }
      entry.upstream = upstream;
      upstream.onopen = () => {
        for (const m of entry.queue.splice(0)) upstream.send(m);
      };
      upstream.onmessage = (event) => {
        if (!entry.closed) client.send(typeof event.data === 'string' ? event.data : new Uint8Array(event.data as ArrayBuffer));
      };
      upstream.onclose = (event) => {
        if (entry.closed) return;
        entry.closed = true;
        // 1006: the game host went away without a close frame; the client treats 1012 as "reconnect"
        client.close(event.code === 1006 ? 1012 : sendableCode(event.code), event.reason.slice(0, 120));
      };
      upstream.onerror = () => undefined;
    },
    message(key: object, data: string) {
      const entry = relays.get(key);
      if (!entry || entry.closed) return;
      if (entry.upstream?.readyState === WebSocket.OPEN) entry.upstream.send(data);
      else if (entry.queue.length < 16) entry.queue.push(data);
    },
    close(key: object) {
      const entry = relays.get(key);
      if (!entry) return;
      entry.closed = true;
      relays.delete(key);
      if (entry.upstream && entry.upstream.readyState <= WebSocket.OPEN) entry.upstream.close(1000, 'client left');
    },
  };
}
