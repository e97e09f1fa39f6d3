import { ErrorCode } from '@startales/contracts';
import { AppError, type EntityManager } from '@startales/kit';
import { PlayerSanction } from '../../entities/player-sanction.entity.ts';

/** Where a sanction applies: the one campaign, or (a mute with no campaign) everywhere. */
export type RestrictionScope = 'CAMPAIGN' | 'PLATFORM';

/** A mute or kick in force on a player in a campaign (what `CampaignRegistration.restriction` shows). */
export interface Restriction {
  type: 'MUTED' | 'KICKED';
  scope: RestrictionScope;
  actionId: string;
  startsAt: Date;
  /** Null: no end (always null for a kick). */
  until: Date | null;
  reason: string;
  policy: string;
}

/** The refusal a muted or kicked player gets (PLAYER_MUTED / PLAYER_KICKED, with the expiry in the message). */
export class PlayerRestrictedError extends AppError {
  override readonly name = 'PlayerRestrictedError';
  constructor(r: Restriction) {
    const where = r.scope === 'PLATFORM' ? 'on Startales' : 'in this campaign';
    super(
      r.type === 'KICKED' ? ErrorCode.PLAYER_KICKED : ErrorCode.PLAYER_MUTED,
      r.type === 'KICKED'
        ? 'You were removed from this campaign by a moderator'
        : `You are muted ${where} ${r.until ? `until ${r.until.toISOString()}` : 'with no end date'}`,
      403,
      { until: r.until?.toISOString() ?? null, scope: r.scope, actionId: r.actionId, reason: r.reason, policy: r.policy },
    );
  }
}

/** The players among `userIds` a standing (unrevoked) kick keeps out of the campaign. */
export async function kickedFrom(em: EntityManager, campaignId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await em.find(PlayerSanction, { type: 'KICK', campaignId, userId: { $in: [...userIds] }, revokedAt: null }, { fields: ['userId'] });
  return new Set(rows.map((r) => r.userId));
}

/**
 * The restriction in force on the player in the campaign at `now`: a standing kick first, else the mute (of the
 * campaign, or platform-wide) that ends last (no end beats any end). Null when the player may act.
 */
export async function restrictionInForce(em: EntityManager, userId: string, campaignId: string, now: Date): Promise<Restriction | null> {
  const rows = await em.find(PlayerSanction, {
    userId,
    revokedAt: null,
    startsAt: { $lte: now },
    $or: [
      { type: 'KICK', campaignId },
      { type: 'MUTE', campaignId, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] },
      { type: 'MUTE', campaignId: null, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] },
    ],
  });
  const kick = rows.find((r) => r.type === 'KICK');
  const mute = rows.filter((r) => r.type === 'MUTE').sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity)).at(-1);
  const s = kick ?? mute;
  if (!s) return null;
  return {
    type: s.type === 'KICK' ? 'KICKED' : 'MUTED',
    scope: s.campaignId ? 'CAMPAIGN' : 'PLATFORM',
    actionId: s.id,
    startsAt: s.startsAt,
    until: s.type === 'KICK' ? null : (s.expiresAt ?? null),
    reason: s.reason,
    policy: s.policy,
  };
}

/** Refuses a muted or kicked player (PLAYER_MUTED / PLAYER_KICKED). */
export async function assertMayAct(em: EntityManager, userId: string, campaignId: string, now: Date): Promise<void> {
  const r = await restrictionInForce(em, userId, campaignId, now);
  if (r) throw new PlayerRestrictedError(r);
}
