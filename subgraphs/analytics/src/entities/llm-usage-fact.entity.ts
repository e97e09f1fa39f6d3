import { defineEntity, p } from '@mikro-orm/core';

/**
 * One row per LLM call (`llm.usage.<provider>`), keyed by (callId, startedAt): a call republished under another
 * event id is still one fact. Partitioned by month on `occurred_at` (= the call's `startedAt`). Money in micro-dollars.
 */
export const LlmUsageFactSchema = defineEntity({
  name: 'LlmUsageFact',
  tableName: 'llm_usage_fact',
  properties: {
    callId: p.string().length(100).primary(),
    occurredAt: p.datetime().primary(),
    eventId: p.uuid(),
    provider: p.string().length(32),
    model: p.string().length(200),
    tier: p.string().length(32),
    purpose: p.string().length(32),
    status: p.string().length(16),
    userId: p.string().length(64),
    /** '' when the call was made outside any campaign. */
    campaignId: p.string().length(64),
    costMicros: p.bigint(),
    inputTokens: p.bigint(),
    cachedInputTokens: p.bigint(),
    cacheWriteTokens: p.bigint(),
    outputTokens: p.bigint(),
    reasoningTokens: p.bigint(),
    images: p.integer(),
    durationMs: p.integer(),
    priceVersion: p.string().length(64),
  },
});

export class LlmUsageFact extends LlmUsageFactSchema.class {}
LlmUsageFactSchema.setClass(LlmUsageFact);
