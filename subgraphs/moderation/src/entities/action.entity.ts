import { defineEntity, p } from '@mikro-orm/core';
import { MODERATION_ACTION_TYPES } from '@startales/contracts';

export const POLICIES = [
  'HARASSMENT',
  'HATE_SPEECH',
  'SEXUAL_CONTENT',
  'CHILD_SAFETY',
  'SELF_HARM',
  'VIOLENCE',
  'ILLEGAL_ACTIVITY',
  'SPAM',
  'CHEATING',
  'IMPERSONATION',
  'REPEATED_VIOLATIONS',
  'OTHER',
] as const;
export type Policy = (typeof POLICIES)[number];

/**
 * A sanction on a player. Immutable once taken, except that a granted appeal revokes it (`revokedAt`). Strikes
 * count from `createdAt` until they decay (see modules/actions/policy.ts).
 */
export const ModerationActionSchema = defineEntity({
  name: 'ModerationAction',
  tableName: 'moderation_action',
  properties: {
    id: p.uuid().primary(),
    type: p.enum([...MODERATION_ACTION_TYPES]),
    userId: p.uuid().index(),
    campaignId: p.uuid().nullable(),
    contentId: p.uuid().nullable(),
    caseId: p.uuid().nullable().index(),
    policy: p.enum([...POLICIES]),
    /** The statement of reasons shown to the player. */
    statement: p.text(),
    /** Who decided it (for an escalation: the moderator whose action triggered it). */
    moderatorId: p.uuid(),
    /** Imposed by the escalation ladder rather than chosen by a moderator. */
    automated: p.boolean().default(false),
    escalatedFromId: p.uuid().nullable(),
    strikes: p.integer(),
    startsAt: p.datetime(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    revokeReason: p.string().length(32).nullable(),
    createdAt: p.datetime().index(),
  },
});

export class ModerationAction extends ModerationActionSchema.class {}
ModerationActionSchema.setClass(ModerationAction);

export const APPEAL_STATUSES = ['PENDING', 'GRANTED', 'DENIED'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** The affected player's appeal of an action: at most one per action (unique `actionId`). */
export const AppealSchema = defineEntity({
  name: 'Appeal',
  tableName: 'moderation_appeal',
  indexes: [{ properties: ['status', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    actionId: p.uuid().unique(),
    userId: p.uuid().index(),
    statement: p.text(),
    status: p.enum([...APPEAL_STATUSES]).default('PENDING'),
    deciderId: p.uuid().nullable(),
    decisionNote: p.text().nullable(),
    createdAt: p.datetime(),
    decidedAt: p.datetime().nullable(),
  },
});

export class Appeal extends AppealSchema.class {}
AppealSchema.setClass(Appeal);
