import { defineEntity, p } from '@mikro-orm/core';

export const REPORT_REASONS = ['HARASSMENT', 'HATE', 'CHEATING', 'SPAM', 'INAPPROPRIATE_NAME', 'SEXUAL_CONTENT', 'SELF_HARM', 'OTHER'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_STATUSES = ['OPEN', 'IN_REVIEW', 'ACTIONED', 'DISMISSED'] as const;

/** A player's report about another player. */
export const ReportSchema = defineEntity({
  name: 'Report',
  tableName: 'report',
  properties: {
    id: p.uuid().primary(),
    reporterId: p.uuid().index(),
    userId: p.uuid().index(),
    reason: p.enum([...REPORT_REASONS]),
    details: p.text(),
    status: p.enum([...REPORT_STATUSES]).default('OPEN'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Report extends ReportSchema.class {}
ReportSchema.setClass(Report);
