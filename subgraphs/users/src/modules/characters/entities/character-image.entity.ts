import { defineEntity, p } from '@mikro-orm/core';

/** Where a generation attempt stands. Every attempt is a row (they count towards the daily limit). */
export const CharacterImageStatus = {
  /** Being moderated and generated. */
  PENDING: 'PENDING',
  /** Stored and served at its URL. */
  READY: 'READY',
  /** The description or the generated image broke the content policy (`rejectedStage`, `categories`); nothing stored. */
  REJECTED: 'REJECTED',
  /** The router or storage failed; nothing stored (does not count towards the limit). */
  FAILED: 'FAILED',
  /** Was READY; the player removed it: its object is deleted and its URL answers 404. */
  REMOVED: 'REMOVED',
} as const;
export type CharacterImageStatus = (typeof CharacterImageStatus)[keyof typeof CharacterImageStatus];

/**
 * A portrait of a player's character, generated through llm-router from the player's description. The id is a
 * random UUID (v4): it is the unguessable part of the image's public URL, so it never follows creation order.
 */
export const CharacterImageSchema = defineEntity({
  name: 'CharacterImage',
  tableName: 'character_image',
  indexes: [{ properties: ['userId', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    description: p.string().length(1000),
    status: p.string().length(16),
    /** REJECTED: DESCRIPTION or IMAGE. */
    rejectedStage: p.string().length(16).nullable(),
    /** REJECTED: the content categories that were over their threshold. */
    categories: p.json<string[]>().nullable(),
    /** FAILED: why (for operators; never shown to players). */
    error: p.string().length(500).nullable(),
    /** The prompt as the image model rewrote it, when it says. */
    revisedPrompt: p.text().nullable(),
    /** The model that drew it (llm-router's answer). */
    model: p.string().length(120).nullable(),
    /** What the attempt cost (classifier and image calls), as llm-router reported it, in micro-dollars. */
    costMicros: p.integer().nullable(),
    storageKey: p.string().length(300).nullable(),
    contentType: p.string().length(32).nullable(),
    byteSize: p.integer().nullable(),
    /** The user's chosen character image (at most one READY row per user). */
    selected: p.boolean().default(false),
    createdAt: p.datetime(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class CharacterImage extends CharacterImageSchema.class {}
CharacterImageSchema.setClass(CharacterImage);
