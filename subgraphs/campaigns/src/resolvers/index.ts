import { DateTimeScalar, requireUser, type RequestContext } from '@startales/kit';
import { Campaign } from '../entities/campaign.entity.ts';
import type { CampaignService } from '../modules/campaigns/service.ts';
import type { CreateCampaignInput } from '../modules/campaigns/model.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createResolvers(campaigns: CampaignService) {
  return {
    DateTime: DateTimeScalar,
    Query: {
      campaign: (_: unknown, args: { id: string }, ctx: RequestContext) => {
        requireUser(ctx.auth);
        return UUID.test(args.id) ? ctx.em.findOne(Campaign, { id: args.id }) : null;
      },
      myCampaigns: (_: unknown, __: unknown, ctx: RequestContext) => campaigns.byOwner(ctx.em, requireUser(ctx.auth).userId),
    },
    Mutation: {
      createCampaign: (_: unknown, args: { input: CreateCampaignInput }, ctx: RequestContext) =>
        campaigns.create(ctx.em, requireUser(ctx.auth), args.input),
    },
    Campaign: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) =>
        UUID.test(ref.id) ? ctx.em.findOne(Campaign, { id: ref.id }) : null,
      owner: (c: Campaign) => ({ __typename: 'User', id: c.ownerId }),
    },
    User: {
      __resolveReference: (ref: { id: string }) => ref,
      campaigns: (user: { id: string }, _: unknown, ctx: RequestContext) => (UUID.test(user.id) ? campaigns.byOwner(ctx.em, user.id) : []),
    },
  };
}
