import { defineEntity, p } from '@mikro-orm/core';

/**
 * One row per call to a provider (including failed and aborted ones): who it is attributed to, what the
 * provider reported, what it cost under which price table version. Written in the same transaction as its
 * usage event (outbox) and its budget settlement. The id is also the usage event's `callId`.
 */
export const LedgerEntrySchema = defineEntity({
  name: 'LedgerEntry',
  tableName: 'ledger_entry',
  properties: {
    id: p.uuid().primary(),
    startedAt: p.datetime().index(),
    durationMs: p.integer(),
    /** `service`, or the id of the virtual key that made the call. */
    keyId: p.string().length(64),
    userId: p.string().length(128).index(),
    campaignId: p.string().length(128).nullable().index(),
    purpose: p.string().length(32),
    /** `chat`, `messages` or `images`. */
    endpoint: p.string().length(16),
    stream: p.boolean(),
    /** What the caller asked for: a model id or a tier alias. */
    requestedModel: p.string().length(128),
    provider: p.string().length(16),
    model: p.string().length(128),
    tier: p.string().length(16),
    /** `ok`, `error` or `aborted`. */
    status: p.string().length(16),
    inputTokens: p.integer(),
    cachedInputTokens: p.integer(),
    cacheWriteTokens: p.integer(),
    outputTokens: p.integer(),
    reasoningTokens: p.integer(),
    images: p.integer(),
    /** Part of the usage is not the provider's own count (a stream that ended before its usage report). */
    usageEstimated: p.boolean(),
    costMicros: p.bigint('number'),
    reservedMicros: p.bigint('number'),
    priceVersion: p.string().length(64),
    attempts: p.integer(),
    errorCode: p.string().length(64).nullable(),
    errorMessage: p.string().length(500).nullable(),
  },
});

export class LedgerEntry extends LedgerEntrySchema.class {}
LedgerEntrySchema.setClass(LedgerEntry);
