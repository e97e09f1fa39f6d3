import {
  GameEvent,
  GameSubjectKind,
  type ActionSubmittedData,
  type CampaignOpenedData,
  type NarrationRecordedData,
  type PlayerJoinedData,
  type PlayerLeftData,
  type SessionData,
} from '@startales/contracts';
import { chainDigest } from './canonical.ts';
import { actionRefusal, applySanctioned, applySanctionLifted, isKicked, recordTime } from './sanctions.ts';
import { Rules, type CampaignState, type GameRecord } from './state.ts';

/**
 * The campaign reducer: `(state, record) → state`. Pure and deterministic — no clock, no randomness, no I/O; the
 * only inputs are the state and the stream record (its sequence, subject kind and envelope). Unchanged parts of the
 * state keep their identity, so a caller can tell which top-level fields an event touched with `!==`.
 *
 * It never throws on bad input: a malformed or unexpected event is counted (`applied`, `digest`) and has no other
 * effect, so one poison message can neither stop a campaign nor make two hosts disagree.
 */
export function reduce(state: CampaignState, record: GameRecord): CampaignState {
  const base: CampaignState = {
    ...state,
    lastSeq: record.seq,
    applied: state.applied + 1,
    digest: chainDigest(state.digest, `${record.seq}:${record.envelope.id}`),
    lastOutcomeSeq: record.kind === GameSubjectKind.OUTCOMES ? record.seq : state.lastOutcomeSeq,
  };
  const data = record.envelope.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || data.campaignId !== state.campaignId) return base;
  const apply = handlers[record.envelope.type];
  return apply ? apply(base, data, record) : base;
}

type Handler = (state: CampaignState, data: Record<string, unknown>, record: GameRecord) => CampaignState;

const isText = (v: unknown, max = 256): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const live = (s: CampaignState) => s.status === 'scheduled' || s.status === 'running';

const handlers: Record<string, Handler> = {
  [GameEvent.CAMPAIGN_OPENED](s, raw) {
    const d = raw as unknown as CampaignOpenedData;
    if (s.status !== 'unopened' || !isText(d.seed) || !Array.isArray(d.sessions)) return s;
    const sessions = d.sessions
      .filter((x) => x && isIndex(x.index) && isText(x.startsAt, 64) && isText(x.endsAt, 64))
      .map((x) => ({ index: x.index, startsAt: x.startsAt, endsAt: x.endsAt, status: 'pending' as const }))
      .sort((a, b) => a.index - b.index);
    const config = {
      seed: d.seed,
      title: String(d.title ?? ''),
      mode: String(d.mode ?? ''),
      llmTier: String(d.llmTier ?? ''),
      lengthWeeks: Number(d.lengthWeeks) || 0,
      playHoursPerWeek: Number(d.playHoursPerWeek) || 0,
      maxPlayers: Number(d.maxPlayers) || 0,
      startsAt: String(d.startsAt ?? ''),
      ownerId: isText(d.ownerId, 128) ? d.ownerId : null,
    };
    return { ...s, status: 'scheduled', config, sessions };
  },

  [GameEvent.PLAYER_JOINED](s, raw) {
    // roster events may precede CAMPAIGN_OPENED (players register before the campaign is scheduled)
    const d = raw as unknown as PlayerJoinedData;
    if (!isText(d.userId, 128) || s.status === 'completed' || s.status === 'cancelled') return s;
    // moderation kicked them: nobody joins them back until the kick is lifted
    if (isKicked(s, d.userId)) return s;
    const handle = isText(d.handle, 64) ? d.handle : '';
    const at = s.players.findIndex((p) => p.userId === d.userId);
    if (at >= 0) {
      const p = s.players[at]!;
      if (p.active && p.handle === handle) return s;
      return { ...s, players: s.players.with(at, { ...p, active: true, handle }) };
    }
    return { ...s, players: [...s.players, { userId: d.userId, handle, active: true, actions: 0, recentActionIds: [] }] };
  },

  [GameEvent.PLAYER_LEFT](s, raw) {
    const d = raw as unknown as PlayerLeftData;
    const at = s.players.findIndex((p) => p.userId === d.userId);
    if (at < 0 || !s.players[at]!.active) return s;
    const players = s.players.with(at, { ...s.players[at]!, active: false });
    // an erased player's words leave the state too (GDPR); others' stay for the turn they were made in
    const pending = d.reason === 'erased' ? s.pending.filter((a) => a.userId !== d.userId) : s.pending;
    return { ...s, players, pending };
  },

  [GameEvent.PLAYER_SANCTIONED]: applySanctioned,
  [GameEvent.PLAYER_SANCTION_LIFTED]: applySanctionLifted,

  [GameEvent.SESSION_STARTED](s, raw) {
    const d = raw as unknown as SessionData;
    const at = s.sessions.findIndex((x) => x.index === d.index);
    if (!live(s) || at < 0 || s.sessions[at]!.status !== 'pending' || s.currentSession !== null) return s;
    return { ...s, status: 'running', currentSession: d.index, sessions: s.sessions.with(at, { ...s.sessions[at]!, status: 'open' }) };
  },

  [GameEvent.SESSION_ENDED](s, raw) {
    const d = raw as unknown as SessionData;
    const at = s.sessions.findIndex((x) => x.index === d.index);
    if (at < 0 || s.sessions[at]!.status !== 'open') return s;
    return { ...s, currentSession: null, sessions: s.sessions.with(at, { ...s.sessions[at]!, status: 'closed' }) };
  },

  [GameEvent.ACTION_SUBMITTED](s, raw, record) {
    const d = raw as unknown as ActionSubmittedData;
    if (s.status !== 'running' || s.currentSession === null || !isText(d.actionId, 128) || typeof d.text !== 'string') return s;
    const at = s.players.findIndex((p) => p.userId === d.userId && p.active);
    if (at < 0) return s;
    // a muted (or kicked) player's action is refused however it reached the stream
    if (actionRefusal(s, d.userId, recordTime(record))) return s;
    const p = s.players[at]!;
    if (p.recentActionIds.includes(d.actionId)) return s;
    if (s.pending.filter((a) => a.userId === d.userId).length >= Rules.MAX_PENDING_PER_PLAYER) return s;
    const text = d.text.slice(0, Rules.MAX_ACTION_CHARS);
    const player = { ...p, actions: p.actions + 1, recentActionIds: [...p.recentActionIds, d.actionId].slice(-Rules.RECENT_ACTION_IDS) };
    return {
      ...s,
      players: s.players.with(at, player),
      pending: [...s.pending, { seq: record.seq, userId: d.userId, actionId: d.actionId, text, at: record.envelope.occurredAt }],
    };
  },

  [GameEvent.NARRATION_RECORDED](s, raw, record) {
    const d = raw as unknown as NarrationRecordedData;
    // one narration per turn: a second one for the same turn (two hosts, a retry) changes nothing
    if (d.turn !== s.turn || typeof d.text !== 'string' || !live(s)) return s;
    const through = Number.isSafeInteger(d.throughSeq) ? d.throughSeq! : Number.MAX_SAFE_INTEGER;
    const cost = Number.isSafeInteger(d.costMicros) && d.costMicros > 0 ? d.costMicros : 0;
    return {
      ...s,
      turn: s.turn + 1,
      pending: s.pending.filter((a) => a.seq > through),
      narrations: s.narrations + 1,
      narrationCostMicros: s.narrationCostMicros + cost,
      recent: [...s.recent, { turn: d.turn, seq: record.seq, text: d.text.slice(0, Rules.MAX_NARRATION_CHARS) }].slice(-Rules.RECENT_NARRATIONS),
    };
  },

  [GameEvent.CAMPAIGN_COMPLETED](s) {
    if (!live(s)) return s;
    const sessions = s.sessions.some((x) => x.status === 'open') ? s.sessions.map((x) => (x.status === 'open' ? { ...x, status: 'closed' as const } : x)) : s.sessions;
    return { ...s, status: 'completed', currentSession: null, sessions };
  },

  [GameEvent.CAMPAIGN_CANCELLED](s) {
    if (s.status === 'completed' || s.status === 'cancelled') return s;
    return { ...s, status: 'cancelled', currentSession: null };
  },
};

/** Applies records in order (a fresh replay: `replay(initialState(id), records)`). */
export function replay(state: CampaignState, records: Iterable<GameRecord>): CampaignState {
  let s = state;
  for (const r of records) s = reduce(s, r);
  return s;
}
