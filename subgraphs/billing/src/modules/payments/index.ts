import { requireRole, type RequestContext } from '@startales/kit';
import type { BillingModule } from '../../deps.ts';
import { requireSelfOr } from '../../resolvers/access.ts';
import { newestFirst, type PageArgs } from '../../resolvers/connection.ts';
import { Payment } from './entities/payment.entity.ts';
import { Refund } from './entities/refund.entity.ts';
import { createPaymentService, type RefundInput } from './service.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

/** Payments (seats and subscription invoices) and admin refunds. */
export const paymentsModule: BillingModule = {
  name: 'payments',
  typeDefs,
  entities: [Payment, Refund],
  createResolvers: (services) => {
    const payments = createPaymentService(services);
    return {
      User: {
        payments: (user: { id: string }, args: PageArgs, ctx: RequestContext) => {
          requireSelfOr(ctx.auth, user.id, 'finance');
          return newestFirst(ctx.em, Payment, { userId: user.id }, args);
        },
      },
      Payment: {
        campaign: (p: Payment) => (p.campaignId ? { __typename: 'Campaign', id: p.campaignId } : null),
        refunds: (p: Payment, _: unknown, ctx: RequestContext) => ctx.em.find(Refund, { paymentId: p.id }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      },
      Mutation: {
        refundPayment: (_: unknown, args: { input: RefundInput }, ctx: RequestContext) => payments.refund(ctx.em, requireRole(ctx.auth, 'admin'), args.input),
      },
    };
  },
};
