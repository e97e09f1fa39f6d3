import { GameEvent, type SessionData } from '@startales/contracts';
import type { CampaignState } from './state.ts';

/**
 * What the owner of a campaign should do next, decided from the state and the time alone (pure: tests drive it with
 * any clock). The owner publishes the outcome, waits until it has applied it, and asks again.
 */
export interface ScheduleStep {
  /** An outcome to publish now (SESSION_STARTED / SESSION_ENDED / CAMPAIGN_COMPLETED). */
  outcome?: { type: string; data: SessionData | { campaignId: string }; at: number; key: string };
  /** When to ask again (epoch ms); absent: only a new event can change the answer. */
  wakeAt?: number;
}

/**
 * Sessions open and close on the schedule from CAMPAIGN_OPENED, one at a time and in index order; a session that
 * was missed entirely (the host was down for all of it) is still opened and closed, so the record is complete.
 * After the last session closes, the campaign completes.
 */
export function nextScheduleStep(state: CampaignState, now: number): ScheduleStep {
  if (state.status !== 'scheduled' && state.status !== 'running') return {};
  const campaignId = state.campaignId;
  if (state.currentSession !== null) {
    const open = state.sessions.find((s) => s.index === state.currentSession)!;
    const end = Date.parse(open.endsAt);
    if (now >= end) return { outcome: { type: GameEvent.SESSION_ENDED, data: { campaignId, index: open.index }, at: end, key: `session-ended:${open.index}` } };
    return { wakeAt: end };
  }
  const next = state.sessions.find((s) => s.status === 'pending');
  if (!next) {
    const last = state.sessions.at(-1);
    const at = last ? Date.parse(last.endsAt) : Date.parse(state.config?.startsAt ?? '') || 0;
    return { outcome: { type: GameEvent.CAMPAIGN_COMPLETED, data: { campaignId }, at, key: 'completed' } };
  }
  const start = Date.parse(next.startsAt);
  if (now >= start) return { outcome: { type: GameEvent.SESSION_STARTED, data: { campaignId, index: next.index }, at: start, key: `session-started:${next.index}` } };
  return { wakeAt: start };
}

export interface TurnReadiness {
  ready: boolean;
  /** When the turn timer fires (epoch ms), if it has not yet. */
  wakeAt?: number;
}

/**
 * A turn is ready for the game master while a session is open and at least one action waits, when every active
 * player has acted, or when `turnTimeoutMs` has passed since the turn's first action (so one absent player cannot
 * stall the table). The timer starts from the first action's `occurredAt`, which is part of the stream, so a host
 * that takes over keeps the same deadline.
 */
export function turnReadiness(state: CampaignState, now: number, turnTimeoutMs: number): TurnReadiness {
  if (state.status !== 'running' || state.currentSession === null || state.pending.length === 0) return { ready: false };
  const acted = new Set(state.pending.map((a) => a.userId));
  if (state.players.every((p) => !p.active || acted.has(p.userId))) return { ready: true };
  const deadline = Date.parse(state.pending[0]!.at) + turnTimeoutMs;
  return now >= deadline ? { ready: true } : { ready: false, wakeAt: deadline };
}
