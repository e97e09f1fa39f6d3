import type { RequestContext } from '@startales/kit';
import type { CaseNote, ModerationCase, ModerationFlag } from '../entities/case.entity.ts';
import type { Services } from '../services.ts';
import { campaignRef, moderator, userRef } from '../modules/common/access.ts';
import type { PageArgs } from '../modules/common/connection.ts';
import { tierName } from '../modules/cases/policy.ts';
import type { QueueFilter } from '../modules/cases/service.ts';

/** The review queue: cases, their notes and flags. Everything here is for moderators and admins. */
export function createCaseResolvers(s: Services) {
  return {
    Query: {
      moderationCase: (_: unknown, args: { id: string }, ctx: RequestContext) => {
        moderator(ctx);
        return s.cases.get(ctx.em, args.id);
      },
      moderationQueue: (_: unknown, args: PageArgs & { filter?: QueueFilter }, ctx: RequestContext) => {
        moderator(ctx);
        return s.cases.queue(ctx.em, args.filter, args);
      },
    },
    Mutation: {
      assignModerationCase: (_: unknown, args: { id: string; assigneeId?: string }, ctx: RequestContext) => s.cases.assign(ctx.em, moderator(ctx), args.id, args.assigneeId),
      unassignModerationCase: (_: unknown, args: { id: string }, ctx: RequestContext) => s.cases.unassign(ctx.em, moderator(ctx), args.id),
      setModerationCaseTier: (_: unknown, args: { id: string; tier: string; reason: string }, ctx: RequestContext) =>
        s.cases.setTier(ctx.em, moderator(ctx), args.id, args.tier, args.reason),
      addModerationCaseNote: (_: unknown, args: { caseId: string; body: string }, ctx: RequestContext) => s.cases.addNote(ctx.em, moderator(ctx), args.caseId, args.body),
      dismissModerationCase: (_: unknown, args: { id: string; reason: string }, ctx: RequestContext) => s.cases.dismiss(ctx.em, moderator(ctx), args.id, args.reason),
      hideModerationContent: (_: unknown, args: { contentId: string; category: string }, ctx: RequestContext) =>
        s.content.hideByModerator(ctx.em, moderator(ctx), args.contentId, args.category),
    },
    ModerationCase: {
      tier: (c: ModerationCase) => tierName(c.tier),
      user: (c: ModerationCase) => userRef(c.userId),
      campaign: (c: ModerationCase) => campaignRef(c.campaignId),
      content: (c: ModerationCase, _: unknown, ctx: RequestContext) => (c.subjectType === 'MESSAGE' || c.subjectType === 'AI_OUTPUT' ? s.content.find(ctx.em, c.subjectId) : null),
      assignee: (c: ModerationCase) => userRef(c.assigneeId),
      closedBy: (c: ModerationCase) => userRef(c.closedBy),
      overdue: (c: ModerationCase) => c.status === 'OPEN' && c.slaDueAt.getTime() < s.clock().getTime(),
      reports: (c: ModerationCase, _: unknown, ctx: RequestContext) => s.cases.reports(ctx.em, c.id),
      flags: (c: ModerationCase, _: unknown, ctx: RequestContext) => s.cases.flags(ctx.em, c.id),
      notes: (c: ModerationCase, _: unknown, ctx: RequestContext) => s.cases.notes(ctx.em, c.id),
      actions: (c: ModerationCase, _: unknown, ctx: RequestContext) => s.cases.actions(ctx.em, c.id),
    },
    ModerationFlag: {
      rule: (f: ModerationFlag, _: unknown, ctx: RequestContext) => (f.ruleId ? s.automation.rule(ctx.em, f.ruleId) : null),
      // double precision comes back as text from the driver
      score: (f: ModerationFlag) => (f.score == null ? null : Number(f.score)),
    },
    ModerationCaseNote: {
      author: (n: CaseNote) => userRef(n.authorId),
    },
  };
}
