import { DateTimeScalar, requireRole, requireUser, type RequestContext } from '@startales/kit';
import type { Report } from '../entities/report.entity.ts';
import type { ReportService, ReportUserInput } from '../modules/reports/service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createResolvers(reports: ReportService) {
  return {
    DateTime: DateTimeScalar,
    Mutation: {
      reportUser: (_: unknown, args: { input: ReportUserInput }, ctx: RequestContext) =>
        reports.reportUser(ctx.em, requireUser(ctx.auth), args.input),
    },
    Report: {
      reporter: (r: Report) => ({ __typename: 'User', id: r.reporterId }),
      user: (r: Report) => ({ __typename: 'User', id: r.userId }),
    },
    User: {
      __resolveReference: (ref: { id: string }) => ref,
      reports: (user: { id: string }, _: unknown, ctx: RequestContext) => {
        requireRole(ctx.auth, 'moderator');
        return UUID.test(user.id) ? reports.aboutUser(ctx.em, user.id) : [];
      },
    },
  };
}
