import { DomainEvent } from '@startales/contracts';
import { requireRole, type RequestContext } from '@startales/kit';
import { DomainEventFact } from '../entities/domain-event-fact.entity.ts';

export function createResolvers() {
  return {
    Query: {
      platformStats: async (_: unknown, __: unknown, ctx: RequestContext) => {
        requireRole(ctx.auth, 'admin');
        const [users, campaigns] = await Promise.all([
          ctx.em.count(DomainEventFact, { type: DomainEvent.USER_REGISTERED }),
          ctx.em.fork().count(DomainEventFact, { type: DomainEvent.CAMPAIGN_CREATED }),
        ]);
        return { users, campaigns };
      },
    },
  };
}
