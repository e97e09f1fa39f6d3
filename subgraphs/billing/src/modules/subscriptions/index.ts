import { requireUser, type RequestContext } from '@startales/kit';
import type { BillingModule } from '../../deps.ts';
import { requireSelfOr } from '../../resolvers/access.ts';
import { BillingSubscription } from './entities/subscription.entity.ts';
import { createSubscriptionService } from './service.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

type SelectionArgs = { input: { plan: string; interval: string; addOns?: string[] | null }; prorationDate?: Date | null };

/** Plan subscriptions: the current one, proration previews, upgrades/downgrades and cancellation. */
export const subscriptionsModule: BillingModule = {
  name: 'subscriptions',
  typeDefs,
  entities: [BillingSubscription],
  createResolvers: (services) => {
    const subscriptions = createSubscriptionService(services);
    return {
      User: {
        subscription: (user: { id: string }, _: unknown, ctx: RequestContext) => {
          requireSelfOr(ctx.auth, user.id, 'finance');
          return ctx.em.findOne(BillingSubscription, { userId: user.id, kind: 'PLAN', endedAt: null }, { orderBy: { createdAt: 'desc' } });
        },
      },
      PlanSubscription: {
        status: (s: BillingSubscription) => s.status.toUpperCase(),
        monthlyAmountCents: (s: BillingSubscription) => s.monthlyCents,
      },
      Query: {
        subscriptionChangePreview: (_: unknown, args: SelectionArgs, ctx: RequestContext) =>
          subscriptions.preview(ctx.em, requireUser(ctx.auth), args.input, args.prorationDate),
      },
      Mutation: {
        changeSubscription: (_: unknown, args: SelectionArgs, ctx: RequestContext) =>
          subscriptions.change(ctx.em, requireUser(ctx.auth), args.input, args.prorationDate),
        cancelSubscription: (_: unknown, __: unknown, ctx: RequestContext) => subscriptions.cancel(ctx.em, requireUser(ctx.auth)),
      },
    };
  },
};
