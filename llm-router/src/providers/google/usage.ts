import type { TokenUsage } from '@startales/contracts';
import type { GenerateContentResponseUsageMetadata } from '@google/genai';

/**
 * Gemini `usageMetadata` → disjoint categories. `promptTokenCount` includes `cachedContentTokenCount`;
 * tool-use prompt tokens are input too; `candidatesTokenCount` excludes `thoughtsTokenCount`.
 */
export function geminiUsage(m: GenerateContentResponseUsageMetadata | undefined): TokenUsage {
  const prompt = m?.promptTokenCount ?? 0;
  const cached = m?.cachedContentTokenCount ?? 0;
  return {
    inputTokens: Math.max(0, prompt - cached) + (m?.toolUsePromptTokenCount ?? 0),
    cachedInputTokens: cached,
    cacheWriteTokens: 0,
    outputTokens: m?.candidatesTokenCount ?? 0,
    reasoningTokens: m?.thoughtsTokenCount ?? 0,
    images: 0,
  };
}
