import { defineEntity, p } from '@mikro-orm/core';

export const REPORT_REASONS = [
  'HARASSMENT',
  'HATE',
  'CHEATING',
  'SPAM',
  'INAPPROPRIATE_NAME',
  'SEXUAL_CONTENT',
  'SELF_HARM',
  'OTHER',
  'SEXUAL_MINORS',
  'VIOLENCE',
  'ILLICIT',
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_STATUSES = ['OPEN', 'IN_REVIEW', 'ACTIONED', 'DISMISSED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** What a report (and a case) is about. MESSAGE and AI_OUTPUT are GAME events, by envelope id. */
export const SUBJECT_TYPES = ['USER', 'MESSAGE', 'CAMPAIGN', 'AI_OUTPUT'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** One item of an evidence snapshot: a message or AI output as it was when the report was filed. */
export interface EvidenceItem {
  id: string;
  kind: 'PLAYER_MESSAGE' | 'AI_OUTPUT';
  campaignId: string;
  seq: number;
  authorId: string | null;
  text: string;
  occurredAt: string;
  hidden: boolean;
}

/** What moderation had seen of the subject when the report was filed. */
export interface Evidence {
  capturedAt: string;
  campaignId: string | null;
  /** The GAME stream sequence of the reported item, or the last one seen of the campaign. */
  seq: number | null;
  items: EvidenceItem[];
}

/** A player's report about a player, a message, a campaign or an AI output. */
export const ReportSchema = defineEntity({
  name: 'Report',
  tableName: 'report',
  properties: {
    id: p.uuid().primary(),
    reporterId: p.uuid().index(),
    /** The responsible player: the reported user, a message's author, a campaign's owner; null for AI output. */
    userId: p.uuid().nullable().index(),
    reason: p.enum([...REPORT_REASONS]),
    details: p.text(),
    status: p.enum([...REPORT_STATUSES]).default('OPEN'),
    subjectType: p.enum([...SUBJECT_TYPES]).default('USER'),
    subjectId: p.uuid(),
    campaignId: p.uuid().nullable(),
    evidence: p.json<Evidence>().nullable(),
    caseId: p.uuid().nullable().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Report extends ReportSchema.class {}
ReportSchema.setClass(Report);
