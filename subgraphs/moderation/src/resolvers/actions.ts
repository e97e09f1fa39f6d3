import { ForbiddenError, requireUser, type RequestContext } from '@startales/kit';
import type { ModerationAction } from '../entities/action.entity.ts';
import type { Services } from '../services.ts';
import { campaignRef, isModerator, moderator, userRef } from '../modules/common/access.ts';
import type { PageArgs } from '../modules/common/connection.ts';
import { isUuid } from '../modules/common/input.ts';
import { appealClosesAt, inForce } from '../modules/actions/policy.ts';
import type { TakeActionInput } from '../modules/actions/service.ts';

/** Actions, strikes and `myModerationActions` (the affected player's view, with statements of reasons). */
export function createActionResolvers(s: Services) {
  const isSelfOrModerator = (userId: string, ctx: RequestContext) => ctx.auth.principal?.userId === userId || isModerator(ctx);
  return {
    Query: {
      myModerationActions: (_: unknown, args: PageArgs, ctx: RequestContext) => s.actions.forUser(ctx.em, requireUser(ctx.auth).userId, args),
    },
    Mutation: {
      takeModerationAction: (_: unknown, args: { input: TakeActionInput }, ctx: RequestContext) => s.actions.take(ctx.em, moderator(ctx), args.input),
    },
    User: {
      strikes: (user: { id: string }, _: unknown, ctx: RequestContext) => {
        requireUser(ctx.auth);
        if (!isSelfOrModerator(user.id, ctx)) throw new ForbiddenError('Strikes are visible to the player and moderators only');
        return isUuid(user.id) ? s.actions.strikes(ctx.em, user.id.toLowerCase()) : null;
      },
      moderationActions: (user: { id: string }, args: PageArgs, ctx: RequestContext) => {
        moderator(ctx);
        return isUuid(user.id) ? s.actions.forUser(ctx.em, user.id.toLowerCase(), args) : null;
      },
    },
    ModerationAction: {
      user: (a: ModerationAction) => userRef(a.userId),
      campaign: (a: ModerationAction) => campaignRef(a.campaignId),
      active: (a: ModerationAction) => inForce(a, s.clock()),
      escalatedFrom: (a: ModerationAction, _: unknown, ctx: RequestContext) => (a.escalatedFromId ? s.actions.get(ctx.em, a.escalatedFromId) : null),
      moderator: (a: ModerationAction, _: unknown, ctx: RequestContext) => (isModerator(ctx) ? userRef(a.moderatorId) : null),
      case: (a: ModerationAction, _: unknown, ctx: RequestContext) => (isModerator(ctx) && a.caseId ? s.cases.get(ctx.em, a.caseId) : null),
      appeal: (a: ModerationAction, _: unknown, ctx: RequestContext) => s.appeals.forAction(ctx.em, a.id),
      appealableUntil: (a: ModerationAction) => appealClosesAt(a),
      canAppeal: async (a: ModerationAction, _: unknown, ctx: RequestContext) =>
        ctx.auth.principal?.userId === a.userId && !a.revokedAt && s.clock() <= appealClosesAt(a) && !(await s.appeals.forAction(ctx.em, a.id)),
    },
  };
}
