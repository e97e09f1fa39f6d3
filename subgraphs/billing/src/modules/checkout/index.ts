import { requireUser, type RequestContext } from '@startales/kit';
import type { BillingModule } from '../../deps.ts';
import { Checkout } from './entities/checkout.entity.ts';
import { createCheckoutService } from './service.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

const view = (c: Checkout) => ({
  id: c.id,
  kind: c.kind,
  url: c.url,
  expiresAt: c.expiresAt,
  amountCents: c.amountCents,
  currency: c.currency,
  priceBook: c.priceBook,
  campaign: c.campaignId ? { __typename: 'Campaign', id: c.campaignId } : null,
});

/** Checkout Sessions (seats, subscriptions) and the Customer Portal. */
export const checkoutModule: BillingModule = {
  name: 'checkout',
  typeDefs,
  entities: [Checkout],
  createResolvers: (services) => {
    const checkout = createCheckoutService(services);
    return {
      Mutation: {
        checkoutSeat: async (_: unknown, args: { campaignId: string }, ctx: RequestContext) =>
          view(await checkout.seat(ctx.em, requireUser(ctx.auth), args.campaignId)),
        checkoutSubscription: async (_: unknown, args: { input: { plan: string; interval: string; addOns?: string[] | null } }, ctx: RequestContext) =>
          view(await checkout.subscription(ctx.em, requireUser(ctx.auth), args.input)),
        createBillingPortalSession: (_: unknown, __: unknown, ctx: RequestContext) => checkout.portal(ctx.em, requireUser(ctx.auth)),
      },
    };
  },
};
