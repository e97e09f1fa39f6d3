import type { TokenUsage } from '@startales/contracts';
import type { AnthropicUsage } from '../wire.ts';

/**
 * Anthropic usage → disjoint categories. `input_tokens` already excludes cache reads and writes;
 * `output_tokens` includes thinking, which `output_tokens_details.thinking_tokens` breaks out.
 */
export function anthropicUsage(u: Partial<AnthropicUsage> | null | undefined): TokenUsage {
  const thinking = u?.output_tokens_details?.thinking_tokens ?? 0;
  const output = u?.output_tokens ?? 0;
  return {
    inputTokens: u?.input_tokens ?? 0,
    cachedInputTokens: u?.cache_read_input_tokens ?? 0,
    cacheWriteTokens: u?.cache_creation_input_tokens ?? 0,
    outputTokens: Math.max(0, output - thinking),
    reasoningTokens: Math.min(thinking, output),
    images: 0,
  };
}

/** Anthropic-format usage from disjoint categories (for calls served by another provider). */
export function toAnthropicUsage(u: TokenUsage, costMicros?: number): AnthropicUsage {
  return {
    input_tokens: u.inputTokens,
    cache_creation_input_tokens: u.cacheWriteTokens,
    cache_read_input_tokens: u.cachedInputTokens,
    output_tokens: u.outputTokens + u.reasoningTokens,
    ...(u.reasoningTokens ? { output_tokens_details: { thinking_tokens: u.reasoningTokens } } : {}),
    ...(costMicros !== undefined ? { cost_micros: costMicros } : {}),
  };
}
