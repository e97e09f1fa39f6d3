import type { RequestContext } from '@startales/kit';
import type { Services } from '../services.ts';
import { admin, moderator } from '../modules/common/access.ts';
import type { RuleInput, ThresholdInput } from '../modules/automation/service.ts';

/** Rules and classifier thresholds: moderators read, admins change. */
export function createAutomationResolvers(s: Services) {
  return {
    Query: {
      moderationRules: (_: unknown, __: unknown, ctx: RequestContext) => {
        moderator(ctx);
        return s.automation.rules(ctx.em);
      },
      classifierThresholds: (_: unknown, __: unknown, ctx: RequestContext) => {
        moderator(ctx);
        return s.automation.thresholds(ctx.em);
      },
    },
    Mutation: {
      createModerationRule: (_: unknown, args: { input: RuleInput }, ctx: RequestContext) => s.automation.createRule(ctx.em, admin(ctx), args.input),
      updateModerationRule: (_: unknown, args: { id: string; input: RuleInput }, ctx: RequestContext) => s.automation.updateRule(ctx.em, admin(ctx), args.id, args.input),
      deleteModerationRule: (_: unknown, args: { id: string }, ctx: RequestContext) => s.automation.deleteRule(ctx.em, admin(ctx), args.id),
      setClassifierThreshold: (_: unknown, args: { input: ThresholdInput }, ctx: RequestContext) => s.automation.setThreshold(ctx.em, admin(ctx), args.input),
    },
  };
}
