import { requireUser, type RequestContext } from '@startales/kit';
import { Campaign } from '../entities/campaign.entity.ts';
import { CampaignInvitation } from '../entities/invitation.entity.ts';
import { Registration, SEATED } from '../entities/registration.entity.ts';
import { isAdmin } from '../modules/common/access.ts';
import { restrictionInForce } from '../modules/sanctions/restrictions.ts';
import type { Services } from './index.ts';

const user = (id: string) => ({ __typename: 'User', id });
type Args<T> = T;

/** Registrations, waitlists and invitations. */
export function createRegistrationResolvers({ registrations, clock }: Services) {
  return {
    Query: {
      myCampaignInvitations: (_: unknown, __: unknown, ctx: RequestContext) =>
        ctx.em.find(CampaignInvitation, { inviteeId: requireUser(ctx.auth).userId, status: 'PENDING' }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 }),
      myRegistrations: (_: unknown, __: unknown, ctx: RequestContext) =>
        ctx.em.find(Registration, { userId: requireUser(ctx.auth).userId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 }),
    },
    Mutation: {
      joinCampaign: (_: unknown, a: Args<{ campaignId: string }>, ctx: RequestContext) => registrations.join(ctx.em, requireUser(ctx.auth), a.campaignId),
      joinCampaignWithParty: (_: unknown, a: Args<{ campaignId: string; partyId: string }>, ctx: RequestContext) =>
        registrations.joinWithParty(ctx.em, requireUser(ctx.auth), a.campaignId, a.partyId),
      leaveCampaign: (_: unknown, a: Args<{ campaignId: string }>, ctx: RequestContext) => registrations.leave(ctx.em, requireUser(ctx.auth), a.campaignId),
      inviteToCampaign: (_: unknown, a: Args<{ campaignId: string; userId: string }>, ctx: RequestContext) =>
        registrations.invite(ctx.em, requireUser(ctx.auth), a.campaignId, a.userId),
      acceptCampaignInvitation: (_: unknown, a: Args<{ invitationId: string }>, ctx: RequestContext) => registrations.accept(ctx.em, requireUser(ctx.auth), a.invitationId),
      declineCampaignInvitation: (_: unknown, a: Args<{ invitationId: string }>, ctx: RequestContext) => registrations.decline(ctx.em, requireUser(ctx.auth), a.invitationId),
    },
    Campaign: {
      myRegistration: (c: Campaign, _: unknown, ctx: RequestContext) =>
        ctx.auth.principal ? ctx.em.findOne(Registration, { campaignId: c.id, userId: ctx.auth.principal.userId }) : null,
      roster: (c: Campaign, _: unknown, ctx: RequestContext) =>
        ctx.em.find(Registration, { campaignId: c.id, status: { $in: [...SEATED] } }, { orderBy: { createdAt: 'asc', userId: 'asc' } }),
      waitlist: (c: Campaign, _: unknown, ctx: RequestContext) => {
        const p = ctx.auth.principal;
        if (!p || (p.userId !== c.ownerId && !isAdmin(p))) return null;
        return ctx.em.find(Registration, { campaignId: c.id, status: 'WAITLISTED' }, { orderBy: { waitlistPosition: 'asc', userId: 'asc' } });
      },
    },
    CampaignRegistration: {
      campaign: (r: Registration, _: unknown, ctx: RequestContext) => ctx.em.findOne(Campaign, { id: r.campaignId }),
      player: (r: Registration) => user(r.userId),
      restriction: (r: Registration, _: unknown, ctx: RequestContext) => {
        const p = ctx.auth.principal;
        if (!p || (p.userId !== r.userId && !isAdmin(p))) return null;
        return restrictionInForce(ctx.em, r.userId, r.campaignId, clock());
      },
    },
    CampaignInvitation: {
      campaign: (i: CampaignInvitation, _: unknown, ctx: RequestContext) => ctx.em.findOne(Campaign, { id: i.campaignId }),
      inviter: (i: CampaignInvitation) => user(i.inviterId),
      invitee: (i: CampaignInvitation) => user(i.inviteeId),
    },
  };
}
