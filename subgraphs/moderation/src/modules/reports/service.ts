import { DomainEvent, ErrorCode, type ReportFiledData } from '@startales/contracts';
import { AppError, InputError, NotFoundError, enqueueDomainEvent, type EntityManager, type Principal } from '@startales/kit';
import { Report, REPORT_REASONS, SUBJECT_TYPES, type Evidence, type ReportReason, type SubjectType } from '../../entities/report.entity.ts';
import { parseEnum, parseId } from '../common/input.ts';
import { REASON_CATEGORY, reportTier } from '../cases/policy.ts';
import { fileSignal } from '../cases/service.ts';
import type { ContentService } from '../content/service.ts';

export interface ReportUserInput {
  userId: string;
  reason: ReportReason;
  details?: string | null;
}

/** `report(input)`: a report on any subject. */
export interface ReportInput {
  subjectType: SubjectType;
  /** USER: a user id; CAMPAIGN: a campaign id; MESSAGE / AI_OUTPUT: the GAME event's id (as the live socket shows it). */
  subjectId: string;
  reason: ReportReason;
  details?: string | null;
}

export const MAX_DETAILS = 2000;

/** What a report is about once resolved against what moderation has seen. */
interface Subject {
  type: SubjectType;
  id: string;
  userId: string | null;
  campaignId: string | null;
  evidence: Evidence | null;
}

/** Filing and reading player reports. Every report opens or joins the case on its subject. No HTTP in here. */
export function createReportService(options: { afterCommit: () => void; clock: () => Date; content: ContentService }) {
  const { content, clock } = options;

  const parseDetails = (value: unknown) => {
    const details = typeof value === 'string' ? value.trim() : '';
    if (value !== undefined && value !== null && typeof value !== 'string') throw new InputError('details must be a string', 'details');
    if (details.length > MAX_DETAILS) throw new InputError(`details must be at most ${MAX_DETAILS} characters`, 'details');
    return details;
  };

  async function resolveSubject(em: EntityManager, type: SubjectType, id: string, now: Date): Promise<Subject> {
    switch (type) {
      case 'USER':
        return { type, id, userId: id, campaignId: null, evidence: await content.userEvidence(em, id, now) };
      case 'CAMPAIGN': {
        const { evidence, ownerId } = await content.campaignEvidence(em, id, now);
        return { type, id, userId: ownerId, campaignId: id, evidence };
      }
      case 'MESSAGE':
      case 'AI_OUTPUT': {
        const item = await content.find(em, id);
        const kind = type === 'MESSAGE' ? 'PLAYER_MESSAGE' : 'AI_OUTPUT';
        if (!item || item.kind !== kind) throw new NotFoundError(type === 'MESSAGE' ? 'No such message' : 'No such AI output');
        return { type, id, userId: item.authorId ?? null, campaignId: item.campaignId, evidence: await content.messageEvidence(em, item, now) };
      }
    }
  }

  async function file(em: EntityManager, reporter: Principal, subject: Subject, reason: ReportReason, details: string, dedupe: boolean): Promise<Report> {
    if (subject.userId === reporter.userId) {
      throw new InputError(subject.type === 'USER' ? 'You cannot report yourself' : 'You cannot report your own content', subject.type === 'USER' ? 'userId' : 'subjectId');
    }
    if (dedupe && (await em.count(Report, { reporterId: reporter.userId, subjectType: subject.type, subjectId: subject.id, status: { $in: ['OPEN', 'IN_REVIEW'] } })) > 0) {
      throw new AppError(ErrorCode.CONFLICT, 'You already reported this; moderators are looking into it', 409);
    }
    const now = clock();
    const report = await em.transactional(async (tx) => {
      const category = REASON_CATEGORY[reason];
      const c = await fileSignal(
        tx,
        { subjectType: subject.type, subjectId: subject.id, userId: subject.userId, campaignId: subject.campaignId, tier: reportTier(reason), categories: category ? [category] : [], reports: 1 },
        now,
      );
      const r = tx.create(Report, {
        id: Bun.randomUUIDv7(),
        reporterId: reporter.userId,
        userId: subject.userId,
        reason,
        details,
        status: c.assigneeId ? 'IN_REVIEW' : 'OPEN',
        subjectType: subject.type,
        subjectId: subject.id,
        campaignId: subject.campaignId,
        evidence: subject.evidence,
        caseId: c.id,
        createdAt: now,
      });
      enqueueDomainEvent<ReportFiledData>(
        tx,
        DomainEvent.MODERATION_REPORT_FILED,
        { reportId: r.id, reporterId: r.reporterId, userId: r.userId ?? '', reason: r.reason, subjectType: r.subjectType, subjectId: r.subjectId, caseId: c.id },
        reporter.userId,
      );
      return r;
    });
    options.afterCommit();
    return report;
  }

  return {
    /** The original player report (kept as it was: repeated reports are accepted). */
    async reportUser(em: EntityManager, reporter: Principal, input: ReportUserInput): Promise<Report> {
      const userId = parseId(input.userId, 'userId');
      if (userId === reporter.userId) throw new InputError('You cannot report yourself', 'userId');
      const reason = parseEnum(input.reason, REPORT_REASONS, 'reason');
      const details = parseDetails(input.details);
      const subject = await resolveSubject(em, 'USER', userId, clock());
      return file(em, reporter, subject, reason, details, false);
    },

    /** Reports a user, a message, a campaign or an AI output, with a snapshot of the evidence as it is now. */
    async report(em: EntityManager, reporter: Principal, input: ReportInput): Promise<Report> {
      const type = parseEnum(input?.subjectType, SUBJECT_TYPES, 'subjectType');
      const id = parseId(input.subjectId, 'subjectId');
      const reason = parseEnum(input.reason, REPORT_REASONS, 'reason');
      const details = parseDetails(input.details);
      if (type === 'USER' && id === reporter.userId) throw new InputError('You cannot report yourself', 'subjectId');
      const subject = await resolveSubject(em, type, id, clock());
      return file(em, reporter, subject, reason, details, true);
    },

    aboutUser(em: EntityManager, userId: string): Promise<Report[]> {
      return em.find(Report, { userId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;
