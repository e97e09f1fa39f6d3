import { LiveCloseCode, LiveCloseReason } from '@startales/contracts';

/** The part of Bun's ServerWebSocket the hub uses. */
export interface HubSocket {
  send(data: string): unknown;
  close(code?: number, reason?: string): void;
  subscribe(topic: string): void;
  readonly readyState: number;
}

/** The part of Bun's Server the hub uses: native fan-out to every socket subscribed to a topic. */
export interface HubServer {
  publish(topic: string, data: string): unknown;
}

/**
 * Live player connections per campaign. A campaign is a pub/sub topic on Bun's server, so a broadcast is one call
 * (the fan-out to every player happens natively); the hub also remembers who is connected, to evict players who
 * left and to close a campaign's sockets when this host stops owning it.
 */
export interface LiveHub {
  bindServer(server: HubServer | undefined): void;
  join(campaignId: string, userId: string, ws: HubSocket): void;
  leave(ws: HubSocket): void;
  broadcast(campaignId: string, message: string): void;
  /** Sends to one player's sockets in the campaign only. */
  sendTo(campaignId: string, userId: string, message: string): void;
  /** Closes the sockets of players no longer in `activeUserIds` (with `reasonFor(userId)`, default "not a player"). */
  evict(campaignId: string, activeUserIds: ReadonlySet<string>, reasonFor?: (userId: string) => string): void;
  closeCampaign(campaignId: string, code: number, reason: string): void;
  closeAll(code: number, reason: string): void;
  connections(campaignId?: string): number;
}

const topic = (campaignId: string) => `campaign:${campaignId}`;

export function createLiveHub(): LiveHub {
  let server: HubServer | undefined;
  const byCampaign = new Map<string, Map<HubSocket, string>>();
  const where = new Map<HubSocket, string>();

  const hub: LiveHub = {
    bindServer(s) {
      server = s;
    },
    join(campaignId, userId, ws) {
      let sockets = byCampaign.get(campaignId);
      if (!sockets) byCampaign.set(campaignId, (sockets = new Map()));
      sockets.set(ws, userId);
      where.set(ws, campaignId);
      ws.subscribe(topic(campaignId));
    },
    leave(ws) {
      const campaignId = where.get(ws);
      if (campaignId === undefined) return;
      where.delete(ws);
      const sockets = byCampaign.get(campaignId);
      sockets?.delete(ws);
      if (sockets?.size === 0) byCampaign.delete(campaignId);
    },
    broadcast(campaignId, message) {
      const sockets = byCampaign.get(campaignId);
      if (!sockets) return;
      if (server) server.publish(topic(campaignId), message);
      else for (const ws of sockets.keys()) ws.send(message);
    },
    sendTo(campaignId, userId, message) {
      for (const [ws, who] of byCampaign.get(campaignId) ?? []) if (who === userId) ws.send(message);
    },
    evict(campaignId, active, reasonFor) {
      for (const [ws, userId] of byCampaign.get(campaignId) ?? []) {
        if (!active.has(userId)) ws.close(LiveCloseCode.FORBIDDEN, reasonFor?.(userId) ?? LiveCloseReason.NOT_A_PLAYER);
      }
    },
    closeCampaign(campaignId, code, reason) {
      for (const ws of [...(byCampaign.get(campaignId)?.keys() ?? [])]) {
        hub.leave(ws);
        ws.close(code, reason);
      }
    },
    closeAll(code, reason) {
      for (const id of [...byCampaign.keys()]) hub.closeCampaign(id, code, reason);
    },
    connections(campaignId) {
      if (campaignId !== undefined) return byCampaign.get(campaignId)?.size ?? 0;
      return where.size;
    },
  };
  return hub;
}
