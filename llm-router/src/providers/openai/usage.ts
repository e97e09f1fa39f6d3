import type { TokenUsage } from '@startales/contracts';
import { emptyUsage } from '../../pricing/cost.ts';
import type { OpenAIUsage } from '../wire.ts';

/**
 * OpenAI-format usage → disjoint token categories. `prompt_tokens` includes cached (and cache-write) tokens.
 * OpenAI counts reasoning inside `completion_tokens`; xAI's reasoning models count it outside, which shows in
 * `total_tokens` (= prompt + completion + reasoning) — so the totals decide, not the provider's name.
 */
export function openaiUsage(u: OpenAIUsage | null | undefined): TokenUsage {
  if (!u) return emptyUsage();
  const prompt = u.prompt_tokens ?? 0;
  const completion = u.completion_tokens ?? 0;
  const cached = u.prompt_tokens_details?.cached_tokens ?? 0;
  const cacheWrite = u.prompt_tokens_details?.cache_write_tokens ?? 0;
  const reasoning = u.completion_tokens_details?.reasoning_tokens ?? 0;
  const reasoningOutside = reasoning > 0 && u.total_tokens !== undefined && u.total_tokens >= prompt + completion + reasoning;
  return {
    inputTokens: Math.max(0, prompt - cached - cacheWrite),
    cachedInputTokens: cached,
    cacheWriteTokens: cacheWrite,
    outputTokens: reasoningOutside ? completion : Math.max(0, completion - reasoning),
    reasoningTokens: reasoning,
    images: 0,
  };
}

/** OpenAI-format usage from disjoint categories (for providers that report their own shape). */
export function toOpenAIUsage(u: TokenUsage, costMicros?: number): OpenAIUsage {
  const prompt = u.inputTokens + u.cachedInputTokens + u.cacheWriteTokens;
  const completion = u.outputTokens + u.reasoningTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: u.cachedInputTokens, cache_write_tokens: u.cacheWriteTokens },
    completion_tokens_details: { reasoning_tokens: u.reasoningTokens },
    ...(costMicros !== undefined ? { cost_micros: costMicros } : {}),
  };
}
