/**
 * Client of gamehost's live socket (protocol in @startales/contracts `game.ts`): HELLO, then a SYNC of the whole
 * state or the EVENTs after our `lastSeq`, then EVENTs (JSON Patches) in sequence and unsequenced narration deltas.
 * The web server proxies `/campaigns/<id>/live` to whichever gamehost owns the campaign, so the browser stays
 * same-origin. On a drop the client reconnects with backoff and resumes from the last sequence it applied.
 * The player's own actions wait in `awaiting` until the host applies them (they show up in the state) or refuses
 * them (`action.rejected`: a mute or a kick); a kick also closes the socket for good (4403, removed by a moderator).
 */
import { ErrorCode, LiveCloseCode, LiveCloseReason, LiveMessageType, type LiveActionRejectedMessage, type LiveCampaignState, type LiveMessage, type LivePatchOp } from '@startales/contracts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed';

export interface LiveSnapshot {
  status: LiveStatus;
  /** Why the connection ended or is retrying, for people. */
  detail?: string;
  state: LiveCampaignState | null;
  lastSeq: number | null;
  /** Narration text streaming in for the current turn, by turn. */
  streaming: Record<number, string>;
  /** Reconnect attempts since the last successful connection. */
  attempt: number;
  /** The player's own actions that submitAction accepted and the host has neither applied nor refused yet. */
  awaiting: LiveAwaitingAction[];
  /** The latest action of the player's that the host refused (until dismissed or a newer one is sent). */
  rejection: LiveRejection | null;
  /** A moderator removed the player from the campaign: the client stopped and does not reconnect. */
  removed: boolean;
}

export interface LiveAwaitingAction {
  actionId: string;
  text: string;
}

/** An `action.rejected` as the player sees it. */
export interface LiveRejection {
  actionId: string;
  /** `PLAYER_MUTED` or `PLAYER_KICKED`. */
  code: string;
  /** The host's sentence (it names the mute's end). */
  message: string;
  /** The mute's end (null: no end, or a kick). */
  until: string | null;
  /** The text of the refused action when it was sent from this page. */
  text?: string;
}

/** The refusal in a message, or null when the message is not a well-formed `action.rejected`. */
export function parseRejection(m: Partial<LiveActionRejectedMessage>): Omit<LiveRejection, 'text'> | null {
  if (typeof m.actionId !== 'string' || typeof m.code !== 'string' || typeof m.message !== 'string') return null;
  const until = typeof m.until === 'string' && !Number.isNaN(Date.parse(m.until)) ? m.until : null;
  return { actionId: m.actionId, code: m.code, message: m.message, until };
}

/** Whether the state shows the action as applied (waiting in the turn, or among the player's recent ones). */
const applied = (state: LiveCampaignState, actionId: string) =>
  state.pending.some((p) => p.actionId === actionId) || state.players.some((p) => p.recentActionIds?.includes(actionId));

const REMOVED_TEXT = 'You were removed from this campaign by a moderator. You can no longer follow or act in this session.';

/** What the client needs from the environment: a socket factory and the current token (both swappable in tests). */
export interface LiveTransport {
  open(url: string): WebSocket;
  token(): string | undefined;
  renewToken(): Promise<boolean>;
}

/** Applies one RFC 6902 `replace` / `add` to a copy of the state (only the touched path is copied). */
export function applyPatch<T>(state: T, ops: readonly LivePatchOp[]): T {
  let root = state as unknown;
  for (const op of ops) {
    const parts = op.path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const rec = (node: unknown, i: number): unknown => {
      const key = parts[i]!;
      const last = i === parts.length - 1;
      if (Array.isArray(node)) {
        const copy = [...node];
        if (last) {
          if (key === '-') copy.push(op.value);
          else if (op.op === 'add') copy.splice(Number(key), 0, op.value);
          else copy[Number(key)] = op.value;
        } else copy[Number(key)] = rec(copy[Number(key)], i + 1);
        return copy;
      }
      const obj = { ...(node as Record<string, unknown>) };
      obj[key] = last ? op.value : rec(obj[key], i + 1);
      return obj;
    };
    root = parts.length ? rec(root, 0) : op.value;
  }
  return root as T;
}

const TERMINAL: Record<number, string> = {
  [LiveCloseCode.FORBIDDEN]: 'Only players with a paid seat can join the live session.',
  [LiveCloseCode.NOT_FOUND]: 'The game host has not opened this campaign yet. It opens once the campaign is scheduled.',
  [LiveCloseCode.ENDED]: 'This campaign is over.',
};

export class LiveClient {
  private ws: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ping: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  private snapshot: LiveSnapshot = { status: 'connecting', state: null, lastSeq: null, streaming: {}, attempt: 0, awaiting: [], rejection: null, removed: false };
  private readonly listeners = new Set<(s: LiveSnapshot) => void>();

  constructor(
    private readonly campaignId: string,
    private readonly transport: LiveTransport,
    private readonly baseUrl: string,
  ) {}

  subscribe(listener: (s: LiveSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot);
    return () => this.listeners.delete(listener);
  }

  get current(): LiveSnapshot {
    return this.snapshot;
  }

  private set(patch: Partial<LiveSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l(this.snapshot);
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.ping) clearInterval(this.ping);
    this.ws?.close(1000, 'left');
    this.ws = null;
  }

  /**
   * An action of ours that submitAction accepted: shown as waiting until the host applies or refuses it. Sending a
   * new action clears an earlier refusal notice.
   */
  expectAction(actionId: string, text: string): void {
    if (this.snapshot.state && applied(this.snapshot.state, actionId)) return;
    const awaiting = [...this.snapshot.awaiting.filter((a) => a.actionId !== actionId), { actionId, text }];
    this.set({ awaiting, rejection: null });
  }

  /** The player closed the refusal notice. */
  dismissRejection(): void {
    if (this.snapshot.rejection) this.set({ rejection: null });
  }

  /** Reconnect now (the "Reconnect" button) instead of waiting for the backoff. */
  retryNow(): void {
    if (this.snapshot.removed) return;
    if (this.timer) clearTimeout(this.timer);
    this.set({ attempt: 0 });
    this.connect();
  }

  private url(): string {
    const params = new URLSearchParams();
    const token = this.transport.token();
    if (token) params.set('token', token);
    if (this.snapshot.lastSeq !== null) params.set('lastSeq', String(this.snapshot.lastSeq));
    return `${this.baseUrl}/campaigns/${encodeURIComponent(this.campaignId)}/live?${params}`;
  }

  private connect(): void {
    if (this.stopped) return;
    this.ws?.close();
    this.set({ status: this.snapshot.state ? 'reconnecting' : 'connecting' });
    let ws: WebSocket;
    try {
      ws = this.transport.open(this.url());
    } catch (error) {
      this.scheduleReconnect(String(error));
      return;
    }
    this.ws = ws;
    ws.onmessage = (event) => {
      if (this.ws !== ws || typeof event.data !== 'string') return;
      try {
        this.onMessage(JSON.parse(event.data) as LiveMessage | { type: 'pong' });
      } catch {
        // a malformed frame is ignored; the next SYNC or EVENT brings the state back in line
      }
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      if (this.ping) clearInterval(this.ping);
      this.ws = null;
      void this.onClose(event.code, event.reason);
    };
    ws.onopen = () => {
      if (this.ping) clearInterval(this.ping);
      this.ping = setInterval(() => ws.readyState === 1 && ws.send('ping'), 25_000);
    };
  }

  private onMessage(m: LiveMessage | { type: 'pong' }) {
    switch (m.type) {
      case LiveMessageType.HELLO:
        this.set({ status: 'live', attempt: 0, detail: undefined });
        return;
      case LiveMessageType.SYNC:
        this.set({ state: m.state, lastSeq: m.seq, status: 'live', awaiting: this.snapshot.awaiting.filter((a) => !applied(m.state, a.actionId)) });
        return;
      case LiveMessageType.EVENT: {
        const { state, lastSeq } = this.snapshot;
        if (!state || (lastSeq !== null && m.seq <= lastSeq)) return; // already applied (a resumed stream may repeat)
        const next = { ...applyPatch(state, m.patch), lastSeq: m.seq };
        // recorded narration replaces the streamed text of its turn
        const streaming = { ...this.snapshot.streaming };
        for (const r of next.recent) delete streaming[r.turn];
        const awaiting = this.snapshot.awaiting.filter((a) => !applied(next, a.actionId));
        this.set({ state: next, lastSeq: m.seq, streaming, ...(awaiting.length !== this.snapshot.awaiting.length ? { awaiting } : {}) });
        return;
      }
      case LiveMessageType.ACTION_REJECTED: {
        const r = parseRejection(m);
        if (!r) return;
        const sent = this.snapshot.awaiting.find((a) => a.actionId === r.actionId);
        this.set({ rejection: { ...r, ...(sent ? { text: sent.text } : {}) }, awaiting: this.snapshot.awaiting.filter((a) => a.actionId !== r.actionId) });
        return;
      }
      case LiveMessageType.NARRATION_DELTA:
        this.set({ streaming: { ...this.snapshot.streaming, [m.turn]: (this.snapshot.streaming[m.turn] ?? '') + m.text } });
        return;
      default:
        return;
    }
  }

  private async onClose(code: number, reason: string) {
    if (this.stopped) return;
    if (code === LiveCloseCode.FORBIDDEN && reason === LiveCloseReason.REMOVED_BY_MODERATOR) {
      // for good: nothing the client can do reconnects a kicked player (a lifted kick needs them to join again)
      this.stopped = true;
      // the removal notice says it all: a refusal for the same kick would only repeat it
      const rejection = this.snapshot.rejection?.code === ErrorCode.PLAYER_KICKED ? null : this.snapshot.rejection;
      this.set({ status: 'failed', detail: REMOVED_TEXT, removed: true, awaiting: [], rejection });
      return;
    }
    if (TERMINAL[code]) {
      this.set({ status: code === LiveCloseCode.ENDED ? 'ended' : 'failed', detail: TERMINAL[code] });
      return;
    }
    if (code === LiveCloseCode.UNAUTHENTICATED) {
      // an expired token: renew it once and come back
      if (await this.transport.renewToken()) return this.scheduleReconnect('Renewing your session…', 0);
      this.set({ status: 'failed', detail: 'Your session ended. Sign in again to rejoin.' });
      return;
    }
    this.scheduleReconnect(code === LiveCloseCode.GOING_AWAY || code === LiveCloseCode.NOT_OWNER ? 'The game moved to another host. Reconnecting…' : reason || 'Connection lost. Reconnecting…');
  }

  private scheduleReconnect(detail: string, delay?: number) {
    const attempt = this.snapshot.attempt + 1;
    // exponential backoff with jitter, capped at 15 s
    const ms = delay ?? Math.min(15_000, 500 * 2 ** Math.min(attempt - 1, 5)) * (0.75 + Math.random() * 0.5);
    this.set({ status: 'reconnecting', detail, attempt });
    this.timer = setTimeout(() => this.connect(), ms);
  }
}
