import { InputError, type RequestContext } from '@startales/kit';
import { dayRange, intInRange, parseDay } from '../common/input.ts';
import { customerLifetimeValue, mrr, revenue, trialConversion } from './service.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

const MAX_DAYS = 366;
type Range = { from: string; to: string };

/** Revenue by day and plan, MRR, customer lifetime value and trial-to-paid conversion. */
export const businessModule = {
  name: 'business',
  typeDefs,
  resolvers: {
    AnalyticsQuery: {
      revenue: (_: unknown, args: Range & { currency?: string | null }, ctx: RequestContext) => {
        const { from, to } = dayRange(args.from, args.to, MAX_DAYS);
        const currency = (args.currency ?? 'USD').toUpperCase();
        if (!/^[A-Z]{3}$/.test(currency)) throw new InputError('currency must be an ISO 4217 code such as USD', 'currency');
        return revenue(ctx.em, from, to, currency);
      },
      mrr: (_: unknown, args: { at?: string | null }, ctx: RequestContext) => mrr(ctx.em, args.at ? parseDay(args.at, 'at') : new Date().toISOString().slice(0, 10)),
      customerLifetimeValue: (_: unknown, args: Range, ctx: RequestContext) => {
        const { from, to, days } = dayRange(args.from, args.to, MAX_DAYS);
        return customerLifetimeValue(ctx.em, from, to, days);
      },
      trialConversion: (_: unknown, args: Range & { windowDays?: number | null }, ctx: RequestContext) => {
        const { from, to } = dayRange(args.from, args.to, MAX_DAYS);
        return trialConversion(ctx.em, from, to, intInRange(args.windowDays, 'windowDays', 1, 365, 30));
      },
    },
  },
};
