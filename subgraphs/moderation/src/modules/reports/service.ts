import { DomainEvent, type ReportFiledData } from '@startales/contracts';
import { InputError, enqueueDomainEvent, type EntityManager, type Principal } from '@startales/kit';
import { Report, REPORT_REASONS, type ReportReason } from '../../entities/report.entity.ts';

export interface ReportUserInput {
  userId: string;
  reason: ReportReason;
  details?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_DETAILS = 2000;

/** Filing and reading player reports. No HTTP in here. */
export function createReportService(options: { afterCommit: () => void }) {
  return {
    async reportUser(em: EntityManager, reporter: Principal, input: ReportUserInput): Promise<Report> {
      if (!UUID.test(input.userId)) throw new InputError('userId is not a valid user id', 'userId');
      if (input.userId === reporter.userId) throw new InputError('You cannot report yourself', 'userId');
      if (!REPORT_REASONS.includes(input.reason)) throw new InputError(`reason must be one of ${REPORT_REASONS.join(', ')}`, 'reason');
      const details = (input.details ?? '').trim();
      if (details.length > MAX_DETAILS) throw new InputError(`details must be at most ${MAX_DETAILS} characters`, 'details');
      const report = await em.transactional(async (tx) => {
        const r = tx.create(Report, {
          id: Bun.randomUUIDv7(),
          reporterId: reporter.userId,
          userId: input.userId,
          reason: input.reason,
          details,
          status: 'OPEN',
          createdAt: new Date(),
        });
        enqueueDomainEvent<ReportFiledData>(
          tx,
          DomainEvent.MODERATION_REPORT_FILED,
          { reportId: r.id, reporterId: r.reporterId, userId: r.userId, reason: r.reason },
          reporter.userId,
        );
        return r;
      });
      options.afterCommit();
      return report;
    },

    aboutUser(em: EntityManager, userId: string): Promise<Report[]> {
      return em.find(Report, { userId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;
