import type { RequestContext } from '@startales/kit';
import type { BillingModule } from '../../deps.ts';
import { requireSelfOr } from '../../resolvers/access.ts';
import { newestFirst, type PageArgs } from '../../resolvers/connection.ts';
import { Invoice } from './entities/invoice.entity.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

const STATUSES = new Set(['DRAFT', 'OPEN', 'PAID', 'UNCOLLECTIBLE', 'VOID']);

/** Invoices as Stripe issued them, with plan, add-on, proration and LLM usage lines. */
export const invoicesModule: BillingModule = {
  name: 'invoices',
  typeDefs,
  entities: [Invoice],
  createResolvers: () => ({
    User: {
      invoices: (user: { id: string }, args: PageArgs, ctx: RequestContext) => {
        requireSelfOr(ctx.auth, user.id, 'finance');
        return newestFirst(ctx.em, Invoice, { userId: user.id }, args);
      },
    },
    Invoice: {
      status: (i: Invoice) => (STATUSES.has(i.status.toUpperCase()) ? i.status.toUpperCase() : 'OPEN'),
    },
  }),
};
