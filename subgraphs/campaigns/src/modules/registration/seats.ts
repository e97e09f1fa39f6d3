import { DomainEvent, ErrorCode, type SeatHeldData, type SeatReleasedData } from '@startales/contracts';
import { enqueueDomainEvent, type EntityManager } from '@startales/kit';
import type { Campaign } from '../../entities/campaign.entity.ts';
import { ACTIVE, SEATED, Registration, type RegistrationSource, type RegistrationStatus } from '../../entities/registration.entity.ts';
import { BlockView } from '../../entities/projections.entity.ts';
import { CampaignRuleError } from '../common/errors.ts';
import { kickedFrom } from '../sanctions/restrictions.ts';

/**
 * Seats: every registration change that moves a seat goes through here, inside a transaction that holds the
 * campaign's row lock (access.ts `lockCampaign`), so `seatsTaken`/`seatsLeft` always equal the HELD + PAID rows.
 *
 * Block rule for joins: a group (a player, or a whole party) is refused with BLOCKED when any of its members and
 * anyone already in the campaign (the owner, seated or waitlisted players) or another member of the group has
 * blocked the other, either way. Blocks made after two players are both in a campaign evict nobody; waitlist
 * promotion skips a group that would sit with someone it has a block with (it keeps its place).
 */
export interface SeatContext {
  now: Date;
  /** How long a seat is held for payment. */
  holdMs: number;
  actor: string;
}

export interface Group {
  userIds: string[];
  source: RegistrationSource;
  partyId?: string | null;
}

/** True when someone in `a` blocks someone in `b` or the other way round (only active blocks count). */
export async function blockedBetween(tx: EntityManager, a: readonly string[], b: readonly string[]): Promise<boolean> {
  if (a.length === 0 || b.length === 0) return false;
  const n = await tx.count(BlockView, {
    active: true,
    $or: [
      { blockerId: { $in: [...a] }, blockedId: { $in: [...b] } },
      { blockerId: { $in: [...b] }, blockedId: { $in: [...a] } },
    ],
  });
  return n > 0;
}

/** Every active block touching `ids`, as `blocker|blocked` keys in both directions. */
export async function blockPairs(tx: EntityManager, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.find(BlockView, { active: true, $or: [{ blockerId: { $in: [...ids] } }, { blockedId: { $in: [...ids] } }] });
  return new Set(rows.flatMap((r) => [`${r.blockerId}|${r.blockedId}`, `${r.blockedId}|${r.blockerId}`]));
}

export async function registrationsIn(tx: EntityManager, campaignId: string, statuses: readonly RegistrationStatus[]): Promise<Registration[]> {
  return tx.find(Registration, { campaignId, status: { $in: [...statuses] } }, { orderBy: { createdAt: 'asc', userId: 'asc' } });
}

/** The owner plus every seated (or, with `withWaitlist`, waitlisted) player. */
async function participants(tx: EntityManager, campaign: Campaign, withWaitlist: boolean): Promise<string[]> {
  const rows = await registrationsIn(tx, campaign.id, withWaitlist ? ACTIVE : SEATED);
  return [...new Set([campaign.ownerId, ...rows.map((r) => r.userId)])];
}

function adjustSeats(campaign: Campaign, delta: number): void {
  campaign.seatsTaken += delta;
  campaign.seatsLeft = campaign.maxPlayers - campaign.seatsTaken;
}

function hold(tx: EntityManager, campaign: Campaign, reg: Registration, ctx: SeatContext): void {
  reg.status = 'HELD';
  reg.heldAt = ctx.now;
  reg.holdExpiresAt = new Date(ctx.now.getTime() + ctx.holdMs);
  reg.waitlistPosition = null;
  enqueueDomainEvent<SeatHeldData>(
    tx,
    DomainEvent.CAMPAIGN_SEAT_HELD,
    { campaignId: campaign.id, registrationId: reg.id, userId: reg.userId, holdExpiresAt: reg.holdExpiresAt.toISOString() },
    ctx.actor,
  );
}

/**
 * Registers a group all together or not at all: no member was kicked from the campaign by moderation
 * (PLAYER_KICKED), every member is new to the campaign (ALREADY_REGISTERED), the
 * group fits the campaign (PARTY_TOO_LARGE), and no block stands between it and the campaign (BLOCKED). It is
 * held seats when they are free and nobody is waiting (newcomers never overtake the waitlist), else waitlisted as
 * one entry. `hold: true` (matchmaking, which checked room and blocks itself) always holds seats.
 */
export async function admitGroup(tx: EntityManager, campaign: Campaign, group: Group, ctx: SeatContext, options: { hold?: boolean } = {}): Promise<Registration[]> {
  const userIds = [...new Set(group.userIds)];
  if (userIds.length > campaign.maxPlayers) {
    throw new CampaignRuleError(ErrorCode.PARTY_TOO_LARGE, `The party has ${userIds.length} members; the campaign seats ${campaign.maxPlayers}`, { size: userIds.length, maxPlayers: campaign.maxPlayers });
  }
  const kicked = await kickedFrom(tx, campaign.id, userIds);
  if (kicked.size > 0) {
    throw new CampaignRuleError(ErrorCode.PLAYER_KICKED, userIds.length > 1 ? 'A member of the party was removed from this campaign by a moderator' : 'You were removed from this campaign by a moderator', {
      userIds: [...kicked].sort(),
    });
  }
  const existing = await tx.find(Registration, { campaignId: campaign.id, userId: { $in: userIds } });
  const taken = existing.filter((r) => ACTIVE.includes(r.status));
  if (taken.length > 0) {
    throw new CampaignRuleError(ErrorCode.ALREADY_REGISTERED, userIds.length > 1 ? 'A member of the party is already registered in this campaign' : 'You are already registered in this campaign', {
      userIds: taken.map((r) => r.userId).sort(),
    });
  }
  const others = (await participants(tx, campaign, true)).filter((id) => !userIds.includes(id));
  if ((await blockedBetween(tx, userIds, others)) || (await blockedBetween(tx, userIds, userIds))) {
    throw new CampaignRuleError(ErrorCode.BLOCKED, 'A block between players keeps this registration out of the campaign');
  }
  const waiting = options.hold ? 0 : await tx.count(Registration, { campaignId: campaign.id, status: 'WAITLISTED' });
  const seat = options.hold || (waiting === 0 && campaign.seatsLeft >= userIds.length);
  const groupId = Bun.randomUUIDv7();
  const position = seat ? null : ++campaign.waitlistCounter;
  const byUser = new Map(existing.map((r) => [r.userId, r]));
  const regs = userIds.map((userId) => {
    const reg =
      byUser.get(userId) ??
      tx.create(Registration, { id: Bun.randomUUIDv7(), campaignId: campaign.id, userId, status: 'WAITLISTED', source: group.source, groupId, createdAt: ctx.now });
    Object.assign(reg, { source: group.source, groupId, partyId: group.partyId ?? null, status: 'WAITLISTED', waitlistPosition: position, heldAt: null, holdExpiresAt: null, paidAt: null, paymentId: null, endedAt: null });
    return reg;
  });
  if (seat) {
    for (const reg of regs) hold(tx, campaign, reg, ctx);
    adjustSeats(campaign, regs.length);
  }
  return regs;
}

/**
 * Promotes waitlisted groups in waitlist order while the campaign takes registrations: the first group that does
 * not fit stops promotion (nobody overtakes it); a group with a block against a seated player is skipped and keeps
 * its place. Returns the promoted registrations.
 */
export async function promoteWaitlist(tx: EntityManager, campaign: Campaign, ctx: SeatContext): Promise<Registration[]> {
  if (campaign.status !== 'REGISTRATION' && campaign.status !== 'MATCHING') return [];
  const waiting = await tx.find(Registration, { campaignId: campaign.id, status: 'WAITLISTED' }, { orderBy: { waitlistPosition: 'asc', userId: 'asc' } });
  const groups = new Map<string, Registration[]>();
  for (const reg of waiting) groups.set(reg.groupId, [...(groups.get(reg.groupId) ?? []), reg]);
  const seated = await participants(tx, campaign, false);
  const promoted: Registration[] = [];
  for (const group of groups.values()) {
    if (campaign.seatsLeft <= 0) break;
    const ids = group.map((r) => r.userId);
    if (await blockedBetween(tx, ids, seated)) continue;
    if (group.length > campaign.seatsLeft) break;
    for (const reg of group) hold(tx, campaign, reg, ctx);
    adjustSeats(campaign, group.length);
    seated.push(...ids);
    promoted.push(...group);
  }
  return promoted;
}

/** Ends a registration; a held seat is freed (and announced released). Paid seats are ended by refunds/cancellation. */
export function endRegistration(tx: EntityManager, campaign: Campaign, reg: Registration, to: RegistrationStatus, reason: SeatReleasedData['reason'], ctx: SeatContext): void {
  if (reg.status === 'HELD') {
    enqueueDomainEvent<SeatReleasedData>(tx, DomainEvent.CAMPAIGN_SEAT_RELEASED, { campaignId: campaign.id, registrationId: reg.id, userId: reg.userId, reason }, ctx.actor);
  }
  if (SEATED.includes(reg.status)) adjustSeats(campaign, -1);
  reg.status = to;
  reg.endedAt = ctx.now;
  reg.holdExpiresAt = null;
}
