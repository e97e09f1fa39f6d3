import {
  ErrorCode,
  GameEvent,
  LiveCloseReason,
  LiveMessageType,
  type ActionSubmittedData,
  type LiveActionRejectedMessage,
  type LiveSanction,
  type PlayerSanctionedData,
  type PlayerSanctionLiftedData,
} from '@startales/contracts';
import type { CampaignState, GameRecord } from './state.ts';

/**
 * Moderation inside a campaign's state: PLAYER_SANCTIONED / PLAYER_SANCTION_LIFTED (which gamehost puts on the
 * campaign's own stream, see src/moderation/) keep `state.sanctions`; the reducer refuses actions of muted and kicked
 * players and keeps kicked ones out. Pure like the reducer: a mute is judged against the stream's own timestamp of
 * the action (`record.at`), so every replay refuses the same actions.
 */

/** The sanctions in a state (states saved before sanctions existed have none). */
export const sanctionsOf = (s: CampaignState): LiveSanction[] => s.sanctions ?? [];

/** The instant a record was stored on the stream (the envelope's `occurredAt` for records built without one). */
export function recordTime(record: GameRecord): number {
  if (record.at !== undefined) return record.at;
  const t = Date.parse(record.envelope.occurredAt);
  return Number.isNaN(t) ? 0 : t;
}

const isKick = (x: LiveSanction, userId: string) => x.type === 'KICK' && x.userId === userId;

/** True while a kick keeps the player out of the campaign. */
export const isKicked = (s: CampaignState, userId: string) => sanctionsOf(s).some((x) => isKick(x, userId));

/** The close reason of a player's live socket once they are no longer an active player. */
export const leaveReason = (s: CampaignState, userId: string) => (isKicked(s, userId) ? LiveCloseReason.REMOVED_BY_MODERATOR : LiveCloseReason.NOT_A_PLAYER);

export interface Refusal {
  code: typeof ErrorCode.PLAYER_MUTED | typeof ErrorCode.PLAYER_KICKED;
  actionId: string;
  /** The mute's end (null: no end, or a kick). */
  until: string | null;
  message: string;
}

/** Why the player may not act at `at` (ms), or null: a kick, else the mute in force that ends last. */
export function actionRefusal(s: CampaignState, userId: string, at: number): Refusal | null {
  const own = sanctionsOf(s).filter((x) => x.userId === userId);
  const kick = own.find((x) => x.type === 'KICK');
  if (kick) return { code: ErrorCode.PLAYER_KICKED, actionId: kick.actionId, until: null, message: 'You were removed from this campaign by a moderator' };
  const end = (x: LiveSanction) => (x.expiresAt === null ? Infinity : Date.parse(x.expiresAt));
  const mute = own
    .filter((x) => x.type === 'MUTE' && Date.parse(x.startsAt) <= at && at < end(x))
    .sort((a, b) => end(a) - end(b))
    .at(-1);
  if (!mute) return null;
  const where = mute.scope === 'PLATFORM' ? 'on Startales' : 'in this campaign';
  return { code: ErrorCode.PLAYER_MUTED, actionId: mute.actionId, until: mute.expiresAt, message: `You are muted ${where} ${mute.expiresAt ? `until ${mute.expiresAt}` : 'with no end date'}` };
}

/** The message to send the acting player when the reducer refused their action for a sanction (else null). */
export function rejectionOf(before: CampaignState, record: GameRecord): { userId: string; message: string } | null {
  if (record.envelope.type !== GameEvent.ACTION_SUBMITTED) return null;
  const d = record.envelope.data as Partial<ActionSubmittedData> | null;
  if (!d || d.campaignId !== before.campaignId || typeof d.userId !== 'string' || typeof d.actionId !== 'string') return null;
  const refusal = actionRefusal(before, d.userId, recordTime(record));
  if (!refusal) return null;
  const m: LiveActionRejectedMessage = { type: LiveMessageType.ACTION_REJECTED, seq: record.seq, actionId: d.actionId, code: refusal.code, message: refusal.message, until: refusal.until };
  return { userId: d.userId, message: JSON.stringify(m) };
}

const isText = (v: unknown, max = 128): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isInstant = (v: unknown): v is string => isText(v, 64) && !Number.isNaN(Date.parse(v));

/** PLAYER_SANCTIONED: records the sanction once; a kick also makes the player inactive and drops their waiting actions. */
export function applySanctioned(s: CampaignState, raw: Record<string, unknown>): CampaignState {
  const d = raw as unknown as PlayerSanctionedData;
  if (!isText(d.userId) || !isText(d.actionId) || (d.type !== 'MUTE' && d.type !== 'KICK') || !isInstant(d.startsAt)) return s;
  if (d.expiresAt !== null && !isInstant(d.expiresAt)) return s;
  const current = sanctionsOf(s);
  if (current.some((x) => x.actionId === d.actionId)) return s;
  const sanction: LiveSanction = {
    actionId: d.actionId,
    userId: d.userId,
    type: d.type,
    scope: d.scope === 'PLATFORM' ? 'PLATFORM' : 'CAMPAIGN',
    startsAt: d.startsAt,
    expiresAt: d.type === 'KICK' ? null : d.expiresAt,
  };
  const next: CampaignState = { ...s, sanctions: [...current, sanction] };
  if (d.type !== 'KICK') return next;
  const at = s.players.findIndex((p) => p.userId === d.userId);
  if (at >= 0 && s.players[at]!.active) next.players = s.players.with(at, { ...s.players[at]!, active: false });
  // the kicked player's words leave the turn: the game master never narrates them
  if (s.pending.some((a) => a.userId === d.userId)) next.pending = s.pending.filter((a) => a.userId !== d.userId);
  return next;
}

/** PLAYER_SANCTION_LIFTED: the sanction stops applying (a kicked player may be joined again; nobody is re-added). */
export function applySanctionLifted(s: CampaignState, raw: Record<string, unknown>): CampaignState {
  const d = raw as unknown as PlayerSanctionLiftedData;
  const current = sanctionsOf(s);
  const at = current.findIndex((x) => x.actionId === d.actionId && x.userId === d.userId);
  if (at < 0) return s;
  return { ...s, sanctions: current.toSpliced(at, 1) };
}
