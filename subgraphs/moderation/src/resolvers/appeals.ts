import { requireUser, type RequestContext } from '@startales/kit';
import type { Appeal } from '../entities/action.entity.ts';
import type { Services } from '../services.ts';
import { isModerator, moderator, userRef } from '../modules/common/access.ts';
import type { PageArgs } from '../modules/common/connection.ts';

/** Appeals: the player appeals; another moderator decides. */
export function createAppealResolvers(s: Services) {
  return {
    Query: {
      moderationAppeals: (_: unknown, args: PageArgs & { status?: string }, ctx: RequestContext) => {
        moderator(ctx);
        return s.appeals.list(ctx.em, args.status, args);
      },
    },
    Mutation: {
      appealModerationAction: (_: unknown, args: { actionId: string; statement: string }, ctx: RequestContext) =>
        s.appeals.appeal(ctx.em, requireUser(ctx.auth), args.actionId, args.statement),
      decideModerationAppeal: (_: unknown, args: { id: string; decision: string; note: string }, ctx: RequestContext) =>
        s.appeals.decide(ctx.em, moderator(ctx), args.id, args.decision, args.note),
    },
    ModerationAppeal: {
      action: (a: Appeal, _: unknown, ctx: RequestContext) => s.actions.get(ctx.em, a.actionId),
      decider: (a: Appeal, _: unknown, ctx: RequestContext) => (isModerator(ctx) ? userRef(a.deciderId) : null),
    },
  };
}
