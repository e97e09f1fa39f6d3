import { InputError, type RequestContext } from '@startales/kit';
import { dayRange, intInRange } from '../common/input.ts';
import { campaignCompletion, churn, engagement, funnel, retention, type RetentionPeriod } from './service.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

const MAX_DAYS = 366;
const DEFAULT_OFFSETS: Record<RetentionPeriod, number[]> = { DAY: [1, 7, 30], WEEK: [1, 4] };
type Range = { from: string; to: string };

/** Retention, funnel, engagement, campaign completion and churn. */
export const productModule = {
  name: 'product',
  typeDefs,
  resolvers: {
    AnalyticsQuery: {
      retention: (_: unknown, { input }: { input: { period: RetentionPeriod; from: string; to: string; offsets?: number[] | null } }, ctx: RequestContext) => {
        const { from, to } = dayRange(input.from, input.to, MAX_DAYS);
        const offsets = input.offsets ?? DEFAULT_OFFSETS[input.period];
        if (offsets.length === 0 || offsets.length > 60) throw new InputError('offsets must list 1 to 60 periods', 'offsets');
        offsets.forEach((o) => intInRange(o, 'offsets', 1, 366, 1));
        return retention(ctx.em, { period: input.period, from, to, offsets: [...new Set(offsets)].sort((a, b) => a - b) });
      },
      funnel: (_: unknown, { input }: { input: Range & { conversionWindowDays?: number | null } }, ctx: RequestContext) => {
        const { from, to } = dayRange(input.from, input.to, MAX_DAYS);
        return funnel(ctx.em, from, to, intInRange(input.conversionWindowDays, 'conversionWindowDays', 1, 90, 14));
      },
      engagement: (_: unknown, args: Range, ctx: RequestContext) => {
        const { from, to } = dayRange(args.from, args.to, MAX_DAYS);
        return engagement(ctx.em, from, to);
      },
      campaignCompletion: (_: unknown, args: Range, ctx: RequestContext) => {
        const { from, to } = dayRange(args.from, args.to, MAX_DAYS);
        return campaignCompletion(ctx.em, from, to);
      },
      churn: (_: unknown, args: Range, ctx: RequestContext) => {
        const { from, to, days } = dayRange(args.from, args.to, MAX_DAYS);
        return churn(ctx.em, from, to, days);
      },
    },
  },
};
