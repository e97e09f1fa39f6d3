import { requireUser, type RequestContext } from '@startales/kit';
import { Campaign } from '../entities/campaign.entity.ts';
import type { MatchTicket } from '../entities/match-ticket.entity.ts';
import type { CampaignFilter } from '../modules/discovery/service.ts';
import { browseOpenCampaigns } from '../modules/discovery/service.ts';
import type { EnterMatchmakingInput } from '../modules/matchmaking/service.ts';
import type { ActionInput } from '../modules/actions/service.ts';
import type { Services } from './index.ts';

/** Discovery, matchmaking and player actions. */
export function createPlayResolvers({ matchmaking, actions }: Services) {
  return {
    Query: {
      openCampaigns: (_: unknown, a: { filter?: CampaignFilter | null; first?: number | null; after?: string | null }, ctx: RequestContext) => {
        requireUser(ctx.auth);
        return browseOpenCampaigns(ctx.em, a.filter ?? {}, a);
      },
      myMatchTicket: (_: unknown, __: unknown, ctx: RequestContext) => matchmaking.current(ctx.em, requireUser(ctx.auth).userId),
    },
    Mutation: {
      enterMatchmaking: (_: unknown, a: { input: EnterMatchmakingInput }, ctx: RequestContext) => matchmaking.enter(ctx.em, requireUser(ctx.auth), a.input),
      leaveMatchmaking: (_: unknown, __: unknown, ctx: RequestContext) => matchmaking.leave(ctx.em, requireUser(ctx.auth)),
      submitAction: (_: unknown, a: { campaignId: string; action: ActionInput }, ctx: RequestContext) => actions.submit(ctx.em, requireUser(ctx.auth), a.campaignId, a.action),
    },
    MatchTicket: {
      members: (t: MatchTicket) => t.memberIds.map((id) => ({ __typename: 'User', id })),
      campaign: (t: MatchTicket, _: unknown, ctx: RequestContext) => (t.campaignId ? ctx.em.findOne(Campaign, { id: t.campaignId }) : null),
    },
  };
}
