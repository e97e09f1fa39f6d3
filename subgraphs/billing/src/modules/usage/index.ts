import type { RequestContext } from '@startales/kit';
import type { BillingModule } from '../../deps.ts';
import { requireSelfOr } from '../../resolvers/access.ts';
import { newestFirst, type PageArgs } from '../../resolvers/connection.ts';
import { CampaignUsage } from './entities/campaign-usage.entity.ts';
import { LlmCostDay } from './entities/llm-cost-day.entity.ts';
import { UsageCharge } from './entities/usage-charge.entity.ts';
import { table } from './service.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

/** LLM usage above campaign allowances: the charges, their rollups, and the user's view of them. */
export const usageModule: BillingModule = {
  name: 'usage',
  typeDefs,
  entities: [UsageCharge, CampaignUsage, LlmCostDay],
  createResolvers: () => ({
    User: {
      usageCharges: async (user: { id: string }, args: PageArgs, ctx: RequestContext) => {
        requireSelfOr(ctx.auth, user.id, 'finance');
        const page = await newestFirst(ctx.em, UsageCharge, { userId: user.id }, args, 'occurredAt');
        const [sums] = await ctx.em.execute<Array<{ total: string | null; pending: string | null }>>(
          `select sum(overage_micros) as total, sum(case when status = 'PENDING' then overage_micros else 0 end) as pending
             from ${table(ctx.em, UsageCharge)} where user_id = ?`,
          [user.id],
        );
        return { ...page, totalOverageMicros: Number(sums?.total ?? 0), pendingOverageMicros: Number(sums?.pending ?? 0) };
      },
    },
    UsageCharge: {
      campaign: (c: UsageCharge) => ({ __typename: 'Campaign', id: c.campaignId }),
    },
  }),
};
