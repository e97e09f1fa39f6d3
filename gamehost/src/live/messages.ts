import { LiveMessageType, type LiveEventMessage, type LiveHelloMessage, type LivePatchOp, type LiveSyncMessage } from '@startales/contracts';
import type { CampaignState, GameRecord } from '../game/state.ts';

/** Bookkeeping fields every event changes; clients get them from `seq` (or a SYNC), not in every patch. */
const QUIET = new Set<keyof CampaignState>(['lastSeq', 'applied', 'digest', 'lastOutcomeSeq']);

/**
 * The JSON Patch from `prev` to `next`. The reducer shares unchanged parts, so identity tells what changed: a
 * replaced field, replaced array elements, or elements appended (a player's action is one `add`, not the whole list).
 */
export function statePatch(prev: CampaignState, next: CampaignState): LivePatchOp[] {
  const ops: LivePatchOp[] = [];
  for (const key of Object.keys(next) as Array<keyof CampaignState>) {
    const a = prev[key];
    const b = next[key];
    if (a === b || QUIET.has(key)) continue;
    if (Array.isArray(a) && Array.isArray(b) && b.length >= a.length) {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) ops.push({ op: 'replace', path: `/${key}/${i}`, value: b[i] });
      for (let i = a.length; i < b.length; i++) ops.push({ op: 'add', path: `/${key}/-`, value: b[i] });
    } else ops.push({ op: 'replace', path: `/${key}`, value: b });
  }
  return ops;
}

/** The EVENT message for one applied record. */
export function eventMessage(prev: CampaignState, next: CampaignState, record: GameRecord): string {
  const { id, type, occurredAt, actor, data } = record.envelope;
  const message: LiveEventMessage = { type: LiveMessageType.EVENT, seq: record.seq, event: { id, type, occurredAt, actor, data }, patch: statePatch(prev, next) };
  return JSON.stringify(message);
}

export function syncMessage(state: CampaignState): string {
  const message: LiveSyncMessage = { type: LiveMessageType.SYNC, seq: state.lastSeq, state };
  return JSON.stringify(message);
}

export function helloMessage(campaignId: string, hostId: string, seq: number): string {
  const message: LiveHelloMessage = { type: LiveMessageType.HELLO, campaignId, hostId, seq };
  return JSON.stringify(message);
}
