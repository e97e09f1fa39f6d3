/** LLM usage: what llm-router publishes on `llm.usage.<provider>` (stream USAGE) for every call. */

export const LlmProvider = {
  OPENAI: 'openai',
  ANTHROPIC: 'anthropic',
  GOOGLE: 'google',
  XAI: 'xai',
  OLLAMA: 'ollama',
} as const;
export type LlmProvider = (typeof LlmProvider)[keyof typeof LlmProvider];
export const LLM_PROVIDERS: readonly LlmProvider[] = Object.values(LlmProvider);

/** Why a call was made (header `x-startales-purpose`). */
export const LlmPurpose = {
  NARRATION: 'narration',
  NPC: 'npc',
  MODERATION: 'moderation',
  GENERATION: 'generation',
} as const;
export type LlmPurpose = (typeof LlmPurpose)[keyof typeof LlmPurpose];
export const LLM_PURPOSES: readonly LlmPurpose[] = Object.values(LlmPurpose);

/** Event type of a usage event; its subject is `llm.usage.<provider>`. */
export const LLM_USAGE_EVENT = 'llm.usage' as const;

export function usageSubject(provider: LlmProvider | string, ns = ''): string {
  return ns ? `${ns}.llm.usage.${provider}` : `llm.usage.${provider}`;
}

/** Token counts as the provider reported them, in one shape for every provider. */
export interface TokenUsage {
  inputTokens: number;
  /** Input tokens read from the provider's prompt cache (billed at the cached rate). */
  cachedInputTokens: number;
  /** Input tokens written to the prompt cache (Anthropic cache creation). */
  cacheWriteTokens: number;
  outputTokens: number;
  /** Reasoning / thinking tokens (billed at the reasoning rate). */
  reasoningTokens: number;
  /** Images generated (image endpoints). */
  images: number;
}

/** Payload of a usage event. Money is integer micro-dollars. */
export interface LlmUsageData extends TokenUsage {
  /** The ledger row id (also the event id's source: one event per call). */
  callId: string;
  provider: LlmProvider;
  /** Full model id, e.g. `openai/gpt-4o`. */
  model: string;
  tier: string;
  userId: string;
  campaignId: string | null;
  purpose: LlmPurpose;
  costMicros: number;
  /** The price table version the cost came from. */
  priceVersion: string;
  status: 'ok' | 'error' | 'aborted';
  startedAt: string;
  durationMs: number;
}
