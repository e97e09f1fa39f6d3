import { InputError, type RequestContext } from '@startales/kit';
import { dayRange, page, parseDay, yesterday } from '../common/input.ts';
import { campaignMargins, llmCostGroupCount, llmCostPage, llmCostTotals, llmSpendForecast, type CampaignMarginOrder } from './service.ts';
import type { LlmCostDimension, LlmCostFilter } from './source.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

const MAX_DAYS = 366;
const MAX_FILTER_VALUES = 100;

interface LlmCostArgs {
  input: {
    from: string;
    to: string;
    groupBy?: LlmCostDimension[] | null;
    filter?: LlmCostFilter | null;
    orderBy?: 'COST_DESC' | 'KEY_ASC' | null;
    first?: number | null;
    after?: string | null;
  };
}

function checkFilter(filter: LlmCostFilter | null | undefined): LlmCostFilter {
  const f = filter ?? {};
  for (const key of ['providers', 'models', 'tiers', 'purposes'] as const) {
    const values = f[key];
    if (values && (values.length > MAX_FILTER_VALUES || values.some((v) => v.length === 0 || v.length > 200))) {
      throw new InputError(`filter.${key} takes at most ${MAX_FILTER_VALUES} non-empty values`, `filter.${key}`);
    }
  }
  return f;
}

const campaignRef = (id: string | null) => (id ? { __typename: 'Campaign', id } : null);
const userRef = (id: string | null) => (id ? { __typename: 'User', id } : null);

/** LLM spend breakdowns, the month-end forecast and per-campaign gross margin. */
export const llmCostModule = {
  name: 'llm-cost',
  typeDefs,
  resolvers: {
    AnalyticsQuery: {
      // each field runs only when asked for: the page (edges, pageInfo), the totals, the group count
      llmCost: (_: unknown, { input }: LlmCostArgs, ctx: RequestContext) => {
        const { from, to } = dayRange(input.from, input.to, MAX_DAYS);
        const groupBy = [...new Set(input.groupBy ?? [])];
        const filter = checkFilter(input.filter);
        const p = page(input);
        const q = { from, to, groupBy, filter, orderBy: input.orderBy ?? ('COST_DESC' as const), limit: p.limit, offset: p.offset };
        let rows: ReturnType<typeof llmCostPage> | undefined;
        const pageRows = () => (rows ??= llmCostPage(ctx.em, q));
        return {
          from,
          to,
          edges: async () =>
            (await pageRows()).slice(0, p.limit).map((row, i) => ({ cursor: p.cursor(i), node: { ...row, campaign: campaignRef(row.campaignId), user: userRef(row.userId) } })),
          pageInfo: async () => {
            const r = await pageRows();
            return { hasNextPage: r.length > p.limit, endCursor: r.length ? p.cursor(Math.min(r.length, p.limit) - 1) : null };
          },
          totals: () => llmCostTotals(ctx.em, q),
          totalCount: () => llmCostGroupCount(ctx.em, q),
        };
      },
      llmSpendForecast: (_: unknown, args: { asOf?: string | null; filter?: LlmCostFilter | null }, ctx: RequestContext) => {
        const asOf = args.asOf ? parseDay(args.asOf, 'asOf') : yesterday();
        return llmSpendForecast(ctx.em, asOf, checkFilter(args.filter));
      },
      campaignMargins: async (
        _: unknown,
        args: { campaignIds?: string[] | null; orderBy?: CampaignMarginOrder | null; first?: number | null; after?: string | null },
        ctx: RequestContext,
      ) => {
        if (args.campaignIds && args.campaignIds.length > 1000) throw new InputError('campaignIds takes at most 1000 ids', 'campaignIds');
        const p = page(args);
        const r = await campaignMargins(ctx.em, { campaignIds: args.campaignIds, orderBy: args.orderBy ?? 'LLM_COST_DESC', limit: p.limit, offset: p.offset });
        const edges = r.rows.slice(0, p.limit).map((row, i) => ({ cursor: p.cursor(i), node: { ...row, campaign: campaignRef(row.campaignId) } }));
        return { edges, pageInfo: { hasNextPage: r.rows.length > p.limit, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: r.totalCount, totals: r.totals };
      },
    },
  },
};
