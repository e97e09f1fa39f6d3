import { defineEntity, p } from '@mikro-orm/core';

export const CONTENT_KINDS = ['PLAYER_MESSAGE', 'AI_OUTPUT'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
/** Where the LLM classifier is with an item: PENDING (due at `nextCheckAt`), DONE, SKIPPED (no classifier), FAILED. */
export const CHECK_STATUSES = ['PENDING', 'DONE', 'SKIPPED', 'FAILED'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
export const HIDDEN_BY = ['rule', 'classifier', 'moderator'] as const;
export type HiddenBy = (typeof HIDDEN_BY)[number];

/**
 * A player message (ACTION_SUBMITTED) or an AI output (NARRATION_RECORDED) seen on the GAME stream, keyed by the
 * event's envelope id: what reports point at, what the automated checks read, and what a hide applies to.
 */
export const ContentItemSchema = defineEntity({
  name: 'ContentItem',
  tableName: 'content_item',
  indexes: [{ properties: ['campaignId', 'seq'] }],
  properties: {
    id: p.uuid().primary(),
    campaignId: p.uuid(),
    seq: p.bigint('number'),
    kind: p.enum([...CONTENT_KINDS]),
    /** The player who wrote it (null for AI output). */
    authorId: p.uuid().nullable().index(),
    text: p.text(),
    occurredAt: p.datetime(),
    hiddenAt: p.datetime().nullable(),
    hiddenBy: p.enum([...HIDDEN_BY]).nullable(),
    checkStatus: p.enum([...CHECK_STATUSES]),
    checkAttempts: p.integer().default(0),
    nextCheckAt: p.datetime().nullable().index(),
    /** The classifier's scores per category (0–1). */
    scores: p.json<Record<string, number>>().nullable(),
    checkedAt: p.datetime().nullable(),
  },
});

export class ContentItem extends ContentItemSchema.class {}
ContentItemSchema.setClass(ContentItem);

/** What moderation knows of a campaign from its GAME stream: its owner and the last sequence seen. */
export const CampaignRefSchema = defineEntity({
  name: 'CampaignRef',
  tableName: 'campaign_ref',
  properties: {
    campaignId: p.uuid().primary(),
    ownerId: p.uuid().nullable(),
    lastSeq: p.bigint('number').default(0),
  },
});

export class CampaignRef extends CampaignRefSchema.class {}
CampaignRefSchema.setClass(CampaignRef);
