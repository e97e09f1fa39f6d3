import type { EventEnvelope, GameSubjectKind, LiveCampaignState } from '@startales/contracts';

/** A campaign's authoritative state (the wire type web clients receive in SYNC messages). */
export type CampaignState = LiveCampaignState;

/** One stream message as the reducer sees it: where it sits in the stream, which subject kind, and the envelope. */
export interface GameRecord {
  /** JetStream stream sequence (strictly increasing within a campaign's messages). */
  seq: number;
  kind: GameSubjectKind | string;
  envelope: EventEnvelope;
  /** When the stream stored it (ms; JetStream's own timestamp, the same in every replay). */
  at?: number;
}

/** Rules the reducer applies; constants, so a replay years later reaches the same state. */
export const Rules = {
  /** Actions a player may have waiting in one turn; more are ignored until the game master narrates. */
  MAX_PENDING_PER_PLAYER: 3,
  /** Longer action texts are cut (campaigns already limits them; this protects the state from a bad producer). */
  MAX_ACTION_CHARS: 2000,
  /** Action ids remembered per player to recognise a retried submit. */
  RECENT_ACTION_IDS: 4,
  /** Narrations kept in the state (prompt context and the SYNC view); the full text is in the event log. */
  RECENT_NARRATIONS: 3,
  MAX_NARRATION_CHARS: 20_000,
} as const;

export function initialState(campaignId: string): CampaignState {
  return {
    v: 1,
    campaignId,
    status: 'unopened',
    config: null,
    sessions: [],
    currentSession: null,
    players: [],
    turn: 1,
    pending: [],
    recent: [],
    narrations: 0,
    narrationCostMicros: 0,
    sanctions: [],
    lastOutcomeSeq: 0,
    lastSeq: 0,
    applied: 0,
    digest: '0000000000000000',
  };
}
