import { DateTimeScalar, mergeResolvers, requireUser, type RequestContext } from '@startales/kit';
import { Campaign } from '../entities/campaign.entity.ts';
import { isUuid } from '../modules/common/errors.ts';
import { isAdmin } from '../modules/common/access.ts';
import type { CampaignService } from '../modules/campaigns/service.ts';
import type { CreateCampaignInput } from '../modules/campaigns/model.ts';
import { skeletonJsonOf, skeletonOf } from '../modules/campaigns/skeleton.ts';
import type { LifecycleService } from '../modules/lifecycle/service.ts';
import type { RegistrationService } from '../modules/registration/service.ts';
import type { MatchmakingService } from '../modules/matchmaking/service.ts';
import type { ActionService } from '../modules/actions/service.ts';
import { createRegistrationResolvers } from './registration.ts';
import { createPlayResolvers } from './play.ts';

export interface Services {
  campaigns: CampaignService;
  lifecycle: LifecycleService;
  registrations: RegistrationService;
  matchmaking: MatchmakingService;
  actions: ActionService;
  clock: () => Date;
}

const user = (id: string) => ({ __typename: 'User', id });

export function createResolvers(services: Services) {
  const { campaigns, lifecycle } = services;
  const base = {
    DateTime: DateTimeScalar,
    Query: {
      campaign: (_: unknown, args: { id: string }, ctx: RequestContext) => {
        requireUser(ctx.auth);
        return isUuid(args.id) ? ctx.em.findOne(Campaign, { id: args.id }) : null;
      },
      myCampaigns: (_: unknown, __: unknown, ctx: RequestContext) => campaigns.byOwner(ctx.em, requireUser(ctx.auth).userId),
    },
    Mutation: {
      createCampaign: (_: unknown, args: { input: CreateCampaignInput }, ctx: RequestContext) => campaigns.create(ctx.em, requireUser(ctx.auth), args.input),
      openRegistration: (_: unknown, args: { campaignId: string }, ctx: RequestContext) => lifecycle.openRegistration(ctx.em, requireUser(ctx.auth), args.campaignId),
      startMatching: (_: unknown, args: { campaignId: string }, ctx: RequestContext) => lifecycle.startMatching(ctx.em, requireUser(ctx.auth), args.campaignId),
      scheduleCampaign: (_: unknown, args: { campaignId: string; startsAt?: Date | null }, ctx: RequestContext) =>
        lifecycle.scheduleCampaign(ctx.em, requireUser(ctx.auth), args.campaignId, args.startsAt),
      cancelCampaign: (_: unknown, args: { campaignId: string; reason?: string | null }, ctx: RequestContext) =>
        lifecycle.cancelCampaign(ctx.em, requireUser(ctx.auth), args.campaignId, args.reason),
    },
    Campaign: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => (isUuid(ref.id) ? ctx.em.findOne(Campaign, { id: ref.id }) : null),
      owner: (c: Campaign) => user(c.ownerId),
      schedule: (c: Campaign) => ({ weekday: c.scheduleWeekday ?? null, time: c.scheduleTime ?? null, timezone: c.timezone }),
      skeleton: (c: Campaign) => skeletonOf(c),
      skeletonJson: (c: Campaign) => skeletonJsonOf(c),
      prose: (c: Campaign) => ({ status: c.proseStatus, text: c.prose ?? null, model: c.proseModel ?? null, writtenAt: c.proseWrittenAt ?? null, attempts: c.proseAttempts }),
    },
    User: {
      __resolveReference: (ref: { id: string }) => ref,
      campaigns: (u: { id: string }, _: unknown, ctx: RequestContext) => (isUuid(u.id) ? campaigns.byOwner(ctx.em, u.id) : []),
      gameHistory: (u: { id: string }, args: { first?: number | null; after?: string | null }, ctx: RequestContext) => {
        const principal = requireUser(ctx.auth);
        if (principal.userId !== u.id && !isAdmin(principal)) return null;
        return campaigns.gameHistory(ctx.em, u.id, args);
      },
    },
  };
  return mergeResolvers(base, createRegistrationResolvers(services), createPlayResolvers(services));
}
