import { DomainEvent } from '@startales/contracts';
import { DateTimeScalar, mergeResolvers, requireRole, type RequestContext } from '@startales/kit';
import { int, one } from '../facts/sql.ts';
import { SafeIntScalar } from '@startales/kit';
import { modules } from '../modules/index.ts';

/** Every resolver of the subgraph: the base (platform counters, the finance/admin-only `analytics` root) plus modules. */
export function createResolvers() {
  return mergeResolvers(
    {
      DateTime: DateTimeScalar,
      SafeInt: SafeIntScalar,
      Query: {
        platformStats: async (_: unknown, __: unknown, ctx: RequestContext) => {
          requireRole(ctx.auth, 'admin');
          const r = (await one<{ users: string; campaigns: string }>(
            ctx.em,
            `select coalesce(sum(events) filter (where type = ?), 0)::text as users, coalesce(sum(events) filter (where type = ?), 0)::text as campaigns
               from analytics.domain_event_daily where type in (?, ?)`,
            [DomainEvent.USER_REGISTERED, DomainEvent.CAMPAIGN_CREATED, DomainEvent.USER_REGISTERED, DomainEvent.CAMPAIGN_CREATED],
          ))!;
          return { users: int(r.users), campaigns: int(r.campaigns) };
        },
        // the one way into every analytics figure: finance or admin (requireRole lets admins through)
        analytics: (_: unknown, __: unknown, ctx: RequestContext) => {
          requireRole(ctx.auth, 'finance');
          return {};
        },
      },
      AnalyticsQuery: {
        generatedAt: () => new Date(),
      },
    },
    ...modules.map((m) => m.resolvers),
  );
}
