import { GameEvent, GameSubjectKind, type PlayerLeftData } from '@startales/contracts';
import { toExportJson, type EntityManager, type GdprHandlers } from '@startales/kit';
import { Campaign } from './entities/campaign.entity.ts';
import { CampaignInvitation } from './entities/invitation.entity.ts';
import { MatchTicket } from './entities/match-ticket.entity.ts';
import { BlockView, PlayerView } from './entities/projections.entity.ts';
import { PlayerSanction } from './entities/player-sanction.entity.ts';
import { Registration, SEATED } from './entities/registration.entity.ts';
import { SubmittedAction } from './entities/submitted-action.entity.ts';
import { findCampaignLocked } from './modules/common/access.ts';
import { enqueueGameEvent, SYSTEM_ACTOR } from './modules/common/events.ts';
import { fillSeats } from './modules/matchmaking/service.ts';
import type { SeatContext } from './modules/registration/seats.ts';

/** Tunables the erasure needs to refill seats (main.ts passes the service's). */
export interface GdprSettings {
  holdMs: number;
  maxOffsetMinutes: number;
  clock: () => Date;
}

async function eraseRegistrations(em: EntityManager, userId: string, settings: GdprSettings): Promise<void> {
  const regs = await em.find(Registration, { userId });
  for (const reg of regs) {
    const c = await findCampaignLocked(em, reg.campaignId);
    if (c && SEATED.includes(reg.status)) {
      c.seatsTaken -= 1;
      c.seatsLeft = c.maxPlayers - c.seatsTaken;
      if (c.status === 'SCHEDULED' || c.status === 'RUNNING') {
        enqueueGameEvent<PlayerLeftData>(em, c.id, GameSubjectKind.LIFECYCLE, GameEvent.PLAYER_LEFT, { campaignId: c.id, userId, reason: 'erased' }, SYSTEM_ACTOR);
      }
    }
    em.remove(reg);
    await em.flush();
    if (c) {
      const ctx: SeatContext = { now: settings.clock(), holdMs: settings.holdMs, actor: SYSTEM_ACTOR };
      await fillSeats(em, c, ctx, settings.maxOffsetMinutes);
    }
  }
}

/**
 * Campaigns holds no contact data, only user ids, preferences given to matchmaking and copies of handles.
 * Export: the campaigns a user created, their registrations, invitations, matchmaking tickets and submitted
 * actions (ids and times; the text is on the GAME stream), and the mutes and kicks enforced on them. Erasure: drafts are deleted, other created campaigns stay
 * (shared records) with the now-unlinkable owner id; registrations are deleted (a seat frees and is refilled;
 * gamehost hears PLAYER_LEFT `erased` for a scheduled or running campaign); invitations, tickets, submitted-action
 * records, sanctions and the user's rows in the handle/party/block projections are deleted.
 */
export function createCampaignsGdpr(settings: GdprSettings): GdprHandlers {
  return {
    async exportUser(em, userId) {
      const [campaigns, registrations, invitations, tickets, actions, sanctions] = await Promise.all([
        em.find(Campaign, { ownerId: userId }, { orderBy: { createdAt: 'asc' } }),
        em.find(Registration, { userId }, { orderBy: { createdAt: 'asc' } }),
        em.find(CampaignInvitation, { $or: [{ inviteeId: userId }, { inviterId: userId }] }, { orderBy: { createdAt: 'asc' } }),
        em.find(MatchTicket, { userId }, { orderBy: { createdAt: 'asc' } }),
        em.find(SubmittedAction, { userId }, { orderBy: { submittedAt: 'asc' } }),
        em.find(PlayerSanction, { userId }, { orderBy: { startsAt: 'asc' } }),
      ]);
      return {
        campaigns: toExportJson(campaigns),
        registrations: toExportJson(registrations),
        invitations: toExportJson(invitations),
        matchmakingTickets: toExportJson(tickets),
        submittedActions: actions.map((a) => ({ campaignId: a.campaignId, actionId: a.actionId, submittedAt: a.submittedAt.toISOString() })),
        sanctions: toExportJson(sanctions),
      };
    },
    async eraseUser(em, userId) {
      await em.nativeDelete(Campaign, { ownerId: userId, status: 'DRAFT' });
      await eraseRegistrations(em, userId, settings);
      await em.nativeDelete(CampaignInvitation, { $or: [{ inviteeId: userId }, { inviterId: userId }] });
      await em.execute(`delete from "campaigns"."match_ticket" where user_id = ? or member_ids @> ?::jsonb`, [userId, JSON.stringify([userId])]);
      await em.nativeDelete(SubmittedAction, { userId });
      await em.nativeDelete(PlayerSanction, { userId });
      await em.nativeDelete(PlayerView, { userId });
      await em.nativeDelete(BlockView, { $or: [{ blockerId: userId }, { blockedId: userId }] });
      await em.execute(`update "campaigns"."party_view" set member_ids = member_ids - ?::text, leader_id = nullif(leader_id, ?::uuid) where member_ids @> ?::jsonb or leader_id = ?::uuid`, [
        userId,
        userId,
        JSON.stringify([userId]),
        userId,
      ]);
    },
  };
}
