import {
  DomainEvent,
  GameEvent,
  GameSubjectKind,
  type EventEnvelope,
  type ModerationActionData,
  type ModerationActionRevokedData,
  type PlayerLeftData,
} from '@startales/contracts';
import type { EntityManager } from '@startales/kit';
import { ACTIVE, Registration } from '../../entities/registration.entity.ts';
import { findCampaignLocked } from '../common/access.ts';
import { isUuid } from '../common/errors.ts';
import { enqueueGameEvent, SYSTEM_ACTOR } from '../common/events.ts';
import type { CampaignSettings } from '../common/settings.ts';
import { fillSeats } from '../matchmaking/service.ts';
import { endRegistration } from '../registration/seats.ts';

const UPSERT_ACTION = `insert into "campaigns"."player_sanction" (id, user_id, campaign_id, type, policy, reason, starts_at, expires_at, revoked_at, received_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, null, ?) on conflict (id) do update set
    user_id = excluded.user_id, campaign_id = excluded.campaign_id, type = excluded.type, policy = excluded.policy,
    reason = excluded.reason, starts_at = excluded.starts_at, expires_at = excluded.expires_at
  returning revoked_at`;

// a revocation seen first leaves a row that is already revoked; the action's upsert then keeps it so
const UPSERT_REVOKED = `insert into "campaigns"."player_sanction" (id, user_id, campaign_id, type, policy, reason, starts_at, expires_at, revoked_at, received_at)
  values (?, ?, ?, ?, '', '', ?, ?, ?, ?) on conflict (id) do update set revoked_at = excluded.revoked_at`;

const enforced = (type: unknown): type is 'MUTE' | 'KICK' => type === 'MUTE' || type === 'KICK';

/**
 * Applies one `domain.moderation.*` event in the consumer's transaction: MUTE and KICK actions (and their
 * revocations) are recorded; a KICK also ends the player's registration in its campaign. The two events may arrive
 * in either order; a revoked kick never removes anyone, and a revocation never re-adds a kicked player.
 */
export async function applyModerationEvent(tx: EntityManager, event: EventEnvelope, settings: CampaignSettings): Promise<void> {
  const now = settings.clock();
  if (event.type === DomainEvent.MODERATION_ACTION) {
    const a = event.data as ModerationActionData;
    if (!enforced(a?.type) || !isUuid(a.actionId) || !isUuid(a.userId)) return;
    const campaignId = isUuid(a.campaignId) ? a.campaignId.toLowerCase() : null;
    // a kick names its campaign (moderation refuses one without); a malformed one has nothing to act on
    if (a.type === 'KICK' && !campaignId) return;
    const startsAt = dateOr(a.startsAt, now);
    const rows = await tx.execute<Array<{ revoked_at: Date | null }>>(UPSERT_ACTION, [
      a.actionId,
      a.userId,
      campaignId,
      a.type,
      String(a.policy ?? '').slice(0, 40),
      String(a.statement ?? ''),
      startsAt,
      a.type === 'KICK' ? null : dateOr(a.expiresAt, null),
      now,
    ]);
    if (a.type === 'KICK' && !rows[0]?.revoked_at) await removeKicked(tx, campaignId!, a.userId.toLowerCase(), settings);
  } else if (event.type === DomainEvent.MODERATION_ACTION_REVOKED) {
    const r = event.data as ModerationActionRevokedData;
    if (!enforced(r?.type) || !isUuid(r.actionId) || !isUuid(r.userId)) return;
    const at = dateOr(r.revokedAt, now);
    await tx.execute(UPSERT_REVOKED, [r.actionId, r.userId, isUuid(r.campaignId) ? r.campaignId : null, r.type, at, at, at, now]);
  }
}

function dateOr<T extends Date | null>(value: unknown, fallback: T): Date | T {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? fallback : new Date(ms);
}

/**
 * Ends a kicked player's registration (waitlisted, held or paid) in the campaign, as a player leaving would: a held
 * seat is announced released (`kicked`), a freed seat is refilled while the campaign still takes players, and once it
 * is scheduled gamehost hears PLAYER_LEFT `kicked`. A paid seat is not refunded.
 */
async function removeKicked(tx: EntityManager, campaignId: string, userId: string, settings: CampaignSettings): Promise<void> {
  const campaign = await findCampaignLocked(tx, campaignId);
  if (!campaign) return;
  const reg = await tx.findOne(Registration, { campaignId, userId });
  if (!reg || !ACTIVE.includes(reg.status)) return;
  const ctx = { now: settings.clock(), holdMs: settings.holdMs, actor: SYSTEM_ACTOR };
  const wasPaid = reg.status === 'PAID';
  endRegistration(tx, campaign, reg, 'KICKED', 'kicked', ctx);
  if (campaign.status === 'SCHEDULED' || campaign.status === 'RUNNING') {
    if (wasPaid) enqueueGameEvent<PlayerLeftData>(tx, campaignId, GameSubjectKind.LIFECYCLE, GameEvent.PLAYER_LEFT, { campaignId, userId, reason: 'kicked' }, SYSTEM_ACTOR);
  } else {
    await fillSeats(tx, campaign, ctx, settings.maxOffsetMinutes);
  }
}

