import { defineEntity, p } from '@mikro-orm/core';
import { MODERATION_CATEGORIES } from '@startales/contracts';
import { SUBJECT_TYPES } from './report.entity.ts';

export const CASE_STATUSES = ['OPEN', 'RESOLVED', 'DISMISSED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * A review-queue item: every report and automated flag on one subject while it is open. `openKey`
 * (`<subjectType>:<subjectId>` while OPEN, null after) makes "one open case per subject" a unique index.
 * `tier` is 0–3 (T0 automatic, T1 moderator, T2 staff, T3 legal/urgent).
 */
export const ModerationCaseSchema = defineEntity({
  name: 'ModerationCase',
  tableName: 'moderation_case',
  indexes: [{ properties: ['status', 'tier', 'slaDueAt'] }],
  properties: {
    id: p.uuid().primary(),
    subjectType: p.enum([...SUBJECT_TYPES]),
    subjectId: p.uuid().index(),
    openKey: p.string().length(64).nullable().unique(),
    /** The responsible player (null for AI output or a campaign whose owner is unknown). */
    userId: p.uuid().nullable().index(),
    campaignId: p.uuid().nullable(),
    status: p.enum([...CASE_STATUSES]).default('OPEN'),
    tier: p.smallint(),
    categories: p.array(),
    reportCount: p.integer().default(0),
    flagCount: p.integer().default(0),
    assigneeId: p.uuid().nullable().index(),
    slaDueAt: p.datetime(),
    openedAt: p.datetime(),
    updatedAt: p.datetime(),
    closedAt: p.datetime().nullable(),
    closedBy: p.uuid().nullable(),
    resolution: p.text().nullable(),
  },
});

export class ModerationCase extends ModerationCaseSchema.class {}
ModerationCaseSchema.setClass(ModerationCase);

/** A moderator's note on a case. */
export const CaseNoteSchema = defineEntity({
  name: 'CaseNote',
  tableName: 'moderation_case_note',
  properties: {
    id: p.uuid().primary(),
    caseId: p.uuid().index(),
    authorId: p.uuid(),
    body: p.text(),
    createdAt: p.datetime(),
  },
});

export class CaseNote extends CaseNoteSchema.class {}
CaseNoteSchema.setClass(CaseNote);

export const FLAG_SOURCES = ['RULE', 'CLASSIFIER'] as const;
export type FlagSource = (typeof FLAG_SOURCES)[number];

/** An automated detection on a content item, attached to the case it opened or joined. */
export const ModerationFlagSchema = defineEntity({
  name: 'ModerationFlag',
  tableName: 'moderation_flag',
  properties: {
    id: p.uuid().primary(),
    caseId: p.uuid().index(),
    contentId: p.uuid().index(),
    source: p.enum([...FLAG_SOURCES]),
    ruleId: p.uuid().nullable(),
    category: p.enum([...MODERATION_CATEGORIES]),
    /** The classifier's score (null for a rule). */
    score: p.double().nullable(),
    hid: p.boolean(),
    createdAt: p.datetime(),
  },
});

export class ModerationFlag extends ModerationFlagSchema.class {}
ModerationFlagSchema.setClass(ModerationFlag);
