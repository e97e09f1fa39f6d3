import { MODERATION_CATEGORIES, type ModerationCategory } from '@startales/contracts';
import { DateTimeScalar, mergeResolvers, requireUser, type RequestContext } from '@startales/kit';
import type { Evidence, EvidenceItem, Report } from '../entities/report.entity.ts';
import type { ContentItem } from '../entities/content-item.entity.ts';
import type { Services } from '../services.ts';
import { campaignRef, isModerator, moderator, userRef } from '../modules/common/access.ts';
import { isUuid } from '../modules/common/input.ts';
import type { ReportInput, ReportUserInput } from '../modules/reports/service.ts';
import { createCaseResolvers } from './cases.ts';
import { createAutomationResolvers } from './automation.ts';
import { createActionResolvers } from './actions.ts';
import { createAppealResolvers } from './appeals.ts';
import { createAuditResolvers } from './audit.ts';

/** GraphQL enum name → stored category ('SEXUAL_MINORS' → 'sexual/minors'). */
const CATEGORY_ENUM = Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c.replace(/[/-]/g, '_').toUpperCase(), c])) as Record<string, ModerationCategory>;

/** A content item or a snapshot of one, as `ModerationContent`. */
const contentFields = {
  campaign: (c: ContentItem | EvidenceItem) => campaignRef(c.campaignId),
  sequence: (c: ContentItem | EvidenceItem) => Number(c.seq),
  author: (c: ContentItem | EvidenceItem) => userRef(c.authorId),
  hidden: (c: ContentItem | EvidenceItem) => ('hidden' in c ? c.hidden : c.hiddenAt != null),
};

export function createResolvers(s: Services) {
  return mergeResolvers(
    {
      DateTime: DateTimeScalar,
      ModerationCategory: CATEGORY_ENUM,
      Mutation: {
        reportUser: (_: unknown, args: { input: ReportUserInput }, ctx: RequestContext) => s.reports.reportUser(ctx.em, requireUser(ctx.auth), args.input),
        report: (_: unknown, args: { input: ReportInput }, ctx: RequestContext) => s.reports.report(ctx.em, requireUser(ctx.auth), args.input),
      },
      Report: {
        reporter: (r: Report) => userRef(r.reporterId),
        user: (r: Report) => userRef(r.userId),
        campaign: (r: Report) => campaignRef(r.campaignId),
        evidence: (r: Report, _: unknown, ctx: RequestContext) => (isModerator(ctx) ? r.evidence : null),
        case: (r: Report, _: unknown, ctx: RequestContext) => (isModerator(ctx) && r.caseId ? s.cases.get(ctx.em, r.caseId) : null),
      },
      ReportEvidence: {
        capturedAt: (e: Evidence) => new Date(e.capturedAt),
        campaign: (e: Evidence) => campaignRef(e.campaignId),
        sequence: (e: Evidence) => e.seq,
      },
      ModerationContent: {
        ...contentFields,
        occurredAt: (c: ContentItem | EvidenceItem) => (c.occurredAt instanceof Date ? c.occurredAt : new Date(c.occurredAt)),
      },
      User: {
        __resolveReference: (ref: { id: string }) => ref,
        reports: (user: { id: string }, _: unknown, ctx: RequestContext) => {
          moderator(ctx);
          return isUuid(user.id) ? s.reports.aboutUser(ctx.em, user.id.toLowerCase()) : [];
        },
      },
    },
    createCaseResolvers(s),
    createAutomationResolvers(s),
    createActionResolvers(s),
    createAppealResolvers(s),
    createAuditResolvers(),
  );
}
