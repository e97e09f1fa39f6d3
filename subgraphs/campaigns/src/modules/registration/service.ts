import { ErrorCode } from '@startales/contracts';
import { NotFoundError, type EntityManager, type Principal } from '@startales/kit';
import type { Campaign } from '../../entities/campaign.entity.ts';
import { CampaignInvitation } from '../../entities/invitation.entity.ts';
import { Registration } from '../../entities/registration.entity.ts';
import { lockCampaign, requireOwnerOrAdmin } from '../common/access.ts';
import { CampaignRuleError, parseId } from '../common/errors.ts';
import type { CampaignSettings } from '../common/settings.ts';
import { fillSeats } from '../matchmaking/service.ts';
import { partyLedBy } from './parties.ts';
import { admitGroup, blockedBetween, endRegistration, type Group, type SeatContext } from './seats.ts';
import { kickedFrom } from '../sanctions/restrictions.ts';

/** Remembers the caller's handle (roster events carry handles) unless an event already told us a newer one. */
export async function rememberHandle(em: EntityManager, principal: Principal): Promise<void> {
  if (!principal.handle) return;
  await em.execute(`insert into "campaigns"."player_view" (user_id, handle, seq) values (?, ?, 0) on conflict (user_id) do nothing`, [principal.userId, principal.handle.slice(0, 40)]);
}

const closed = (campaign: Campaign, why: string) =>
  new CampaignRuleError(ErrorCode.REGISTRATION_CLOSED, why, { status: campaign.status, visibility: campaign.visibility });

/**
 * Joining and leaving campaigns, waitlists, invitations and party registration. Joins need a PUBLIC campaign in
 * REGISTRATION; an accepted invitation also works for INVITE_ONLY campaigns and while MATCHING.
 */
export function createRegistrationService(settings: CampaignSettings) {
  const ctx = (actor: string): SeatContext => ({ now: settings.clock(), holdMs: settings.holdMs, actor });

  async function register(em: EntityManager, principal: Principal, campaignId: string, group: (tx: EntityManager) => Promise<Group>, check: (c: Campaign) => void) {
    await rememberHandle(em, principal);
    const regs = await em.transactional(async (tx) => {
      const campaign = await lockCampaign(tx, campaignId);
      check(campaign);
      return admitGroup(tx, campaign, await group(tx), ctx(principal.userId));
    });
    settings.afterCommit();
    return regs;
  }

  const openToJoin = (c: Campaign) => {
    if (c.status !== 'REGISTRATION') throw closed(c, 'This campaign is not taking registrations');
    if (c.visibility !== 'PUBLIC') throw closed(c, 'This campaign is by invitation only');
  };

  return {
    /** Joins alone: a seat held until paid, or a place on the waitlist. */
    async join(em: EntityManager, principal: Principal, rawCampaignId: unknown): Promise<Registration> {
      const campaignId = parseId(rawCampaignId, 'campaignId');
      const [reg] = await register(em, principal, campaignId, async () => ({ userIds: [principal.userId], source: 'JOIN' }), openToJoin);
      return reg!;
    },

    /** The party leader registers the whole party: every member gets a seat (or a shared waitlist place), or nobody does. */
    async joinWithParty(em: EntityManager, principal: Principal, rawCampaignId: unknown, rawPartyId: unknown): Promise<Registration[]> {
      const campaignId = parseId(rawCampaignId, 'campaignId');
      const partyId = parseId(rawPartyId, 'partyId');
      return register(
        em,
        principal,
        campaignId,
        async (tx) => ({ userIds: (await partyLedBy(tx, partyId, principal.userId)).memberIds, source: 'PARTY', partyId }),
        openToJoin,
      );
    },

    /** Gives up a held seat or a waitlist place; the seat goes to the waitlist (and, while MATCHING, the pool). */
    async leave(em: EntityManager, principal: Principal, rawCampaignId: unknown): Promise<Registration> {
      const campaignId = parseId(rawCampaignId, 'campaignId');
      const reg = await em.transactional(async (tx) => {
        const campaign = await lockCampaign(tx, campaignId);
        const reg = await tx.findOne(Registration, { campaignId, userId: principal.userId });
        if (!reg || (reg.status !== 'HELD' && reg.status !== 'WAITLISTED' && reg.status !== 'PAID')) throw new NotFoundError('You are not registered in this campaign');
        if (reg.status === 'PAID') {
          throw new CampaignRuleError(ErrorCode.CONFLICT, 'A paid seat is refunded only if the campaign is cancelled; it cannot be given up', { status: reg.status });
        }
        const c = ctx(principal.userId);
        endRegistration(tx, campaign, reg, 'LEFT', 'left', c);
        await fillSeats(tx, campaign, c, settings.maxOffsetMinutes);
        return reg;
      });
      settings.afterCommit();
      return reg;
    },

    /** The owner invites a player (not while a block stands between them or the campaign's players). */
    async invite(em: EntityManager, principal: Principal, rawCampaignId: unknown, rawUserId: unknown): Promise<CampaignInvitation> {
      const campaignId = parseId(rawCampaignId, 'campaignId');
      const inviteeId = parseId(rawUserId, 'userId');
      return em.transactional(async (tx) => {
        const campaign = await lockCampaign(tx, campaignId);
        requireOwnerOrAdmin(principal, campaign);
        if (!['DRAFT', 'REGISTRATION', 'MATCHING'].includes(campaign.status)) throw closed(campaign, 'This campaign no longer takes players');
        if (inviteeId === principal.userId) throw new CampaignRuleError(ErrorCode.BAD_USER_INPUT, 'You cannot invite yourself', { field: 'userId' });
        if ((await kickedFrom(tx, campaignId, [inviteeId])).size) throw new CampaignRuleError(ErrorCode.PLAYER_KICKED, 'A moderator removed this player from this campaign', { userIds: [inviteeId] });
        if (await blockedBetween(tx, [inviteeId], [campaign.ownerId, principal.userId])) throw new CampaignRuleError(ErrorCode.BLOCKED, 'A block between you and this player keeps them out');
        const existing = await tx.findOne(CampaignInvitation, { campaignId, inviteeId });
        if (existing?.status === 'PENDING') return existing;
        const invitation = existing ?? tx.create(CampaignInvitation, { id: Bun.randomUUIDv7(), campaignId, inviterId: principal.userId, inviteeId, createdAt: settings.clock() });
        Object.assign(invitation, { status: 'PENDING', inviterId: principal.userId, respondedAt: null });
        return invitation;
      });
    },

    /** The invitee accepts: registered like a join (seat or waitlist), even in an invitation-only campaign. */
    async accept(em: EntityManager, principal: Principal, rawInvitationId: unknown): Promise<Registration> {
      const invitationId = parseId(rawInvitationId, 'invitationId');
      const invitation = await em.findOne(CampaignInvitation, { id: invitationId });
      if (!invitation || invitation.inviteeId !== principal.userId) throw new NotFoundError('No such invitation');
      if (invitation.status !== 'PENDING') throw new CampaignRuleError(ErrorCode.CONFLICT, `This invitation is ${invitation.status.toLowerCase()}`, { status: invitation.status });
      await rememberHandle(em, principal);
      const reg = await em.transactional(async (tx) => {
        const campaign = await lockCampaign(tx, invitation.campaignId);
        if (campaign.status !== 'REGISTRATION' && campaign.status !== 'MATCHING') throw closed(campaign, 'This campaign no longer takes players');
        const [reg] = await admitGroup(tx, campaign, { userIds: [principal.userId], source: 'INVITATION' }, ctx(principal.userId));
        const inv = await tx.findOneOrFail(CampaignInvitation, { id: invitationId });
        inv.status = 'ACCEPTED';
        inv.respondedAt = settings.clock();
        return reg!;
      });
      settings.afterCommit();
      return reg;
    },

    async decline(em: EntityManager, principal: Principal, rawInvitationId: unknown): Promise<CampaignInvitation> {
      const invitationId = parseId(rawInvitationId, 'invitationId');
      const invitation = await em.findOne(CampaignInvitation, { id: invitationId });
      if (!invitation || invitation.inviteeId !== principal.userId) throw new NotFoundError('No such invitation');
      if (invitation.status !== 'PENDING') throw new CampaignRuleError(ErrorCode.CONFLICT, `This invitation is ${invitation.status.toLowerCase()}`, { status: invitation.status });
      invitation.status = 'DECLINED';
      invitation.respondedAt = settings.clock();
      await em.flush();
      return invitation;
    },

    /** Releases every hold whose payment window has passed and refills those seats. Returns how many were released. */
    async expireHolds(em: EntityManager): Promise<number> {
      const now = settings.clock();
      const due = await em.find(Registration, { status: 'HELD', holdExpiresAt: { $lte: now } }, { orderBy: { holdExpiresAt: 'asc' }, limit: 200, fields: ['campaignId'] });
      let released = 0;
      for (const campaignId of new Set(due.map((r) => r.campaignId))) {
        released += await em.fork().transactional(async (tx) => {
          const campaign = await lockCampaign(tx, campaignId);
          const expired = await tx.find(Registration, { campaignId, status: 'HELD', holdExpiresAt: { $lte: now } });
          const c = ctx('service:campaigns');
          for (const reg of expired) endRegistration(tx, campaign, reg, 'RELEASED', 'expired', c);
          await fillSeats(tx, campaign, c, settings.maxOffsetMinutes);
          return expired.length;
        });
      }
      if (released) settings.afterCommit();
      return released;
    },
  };
}
export type RegistrationService = ReturnType<typeof createRegistrationService>;

