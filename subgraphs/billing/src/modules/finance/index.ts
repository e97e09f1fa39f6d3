import { requireRole, type RequestContext } from '@startales/kit';
import type { BillingModule } from '../../deps.ts';
import { validRange } from '../../resolvers/access.ts';
import { offsetWindow, type PageArgs } from '../../resolvers/connection.ts';
import { RevenueEntry } from './entities/revenue-entry.entity.ts';
import { createFinanceService } from './service.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

type Range = { from: Date; to: Date };

/** Finance figures: revenue by day and plan, MRR, churn, refunds, LLM cost against revenue per campaign. */
export const financeModule: BillingModule = {
  name: 'finance',
  typeDefs,
  entities: [RevenueEntry],
  createResolvers: ({ now }) => {
    const finance = createFinanceService();
    return {
      Query: {
        finance: (_: unknown, __: unknown, ctx: RequestContext) => {
          requireRole(ctx.auth, 'finance');
          return {};
        },
      },
      // the role was checked on `Query.finance`, which every field here is reached through
      BillingFinance: {
        revenue: (_: unknown, args: Range, ctx: RequestContext) => {
          const { from, to } = validRange(args.from, args.to);
          return finance.revenue(ctx.em, from, to);
        },
        mrr: (_: unknown, args: { at?: Date | null }, ctx: RequestContext) => {
          return finance.mrr(ctx.em, args.at ?? now());
        },
        churn: (_: unknown, args: Range, ctx: RequestContext) => {
          const { from, to } = validRange(args.from, args.to, 3660);
          return finance.churn(ctx.em, from, to);
        },
        refunds: async (_: unknown, args: Range & PageArgs, ctx: RequestContext) => {
          const { from, to } = validRange(args.from, args.to, 3660);
          const page = offsetWindow(args);
          const r = await finance.refunds(ctx.em, from, to, page.offset, page.limit);
          const edges = r.rows.slice(0, page.limit).map((node, i) => ({ cursor: page.cursor(i), node }));
          return { from, to, count: r.count, totalCents: r.totalCents, edges, pageInfo: { hasNextPage: r.rows.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null } };
        },
        campaignMargins: async (_: unknown, args: Range & PageArgs, ctx: RequestContext) => {
          const { from, to } = validRange(args.from, args.to, 3660);
          const page = offsetWindow(args);
          const r = await finance.campaignMargins(ctx.em, from, to, page.offset, page.limit);
          const edges = r.rows.slice(0, page.limit).map(({ campaignId, ...m }, i) => ({
            cursor: page.cursor(i),
            node: { campaign: { __typename: 'Campaign', id: campaignId }, ...m },
          }));
          return { edges, pageInfo: { hasNextPage: r.rows.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: r.totalCount, totals: r.totals };
        },
      },
    };
  },
};
