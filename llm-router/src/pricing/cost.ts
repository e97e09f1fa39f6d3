import type { TokenUsage } from '@startales/contracts';
import type { ModelInfo } from './price-table.ts';

/**
 * Token categories are disjoint: `inputTokens` excludes cached and cache-write tokens, `outputTokens` excludes
 * reasoning tokens. Each provider's usage mapping guarantees this, so a cost is one sum with no double counting.
 */
export const emptyUsage = (): TokenUsage => ({
  inputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  images: 0,
});

const MILLION = 1_000_000n;

/**
 * Cost of a call in integer micro-dollars: Σ tokens × rate per million (+ images × per-image rate), computed
 * exactly (integer doubles below 2^53, else BigInt) and rounded up once, to the next micro-dollar.
 */
export function costMicros(model: ModelInfo, usage: TokenUsage): number {
  const p = model.pricing;
  // exact in doubles while every partial sum stays below 2^53 (the usual case); BigInt otherwise
  const perMillion =
    usage.inputTokens * p.inputMicrosPerMillion +
    usage.cachedInputTokens * p.cachedInputMicrosPerMillion +
    usage.cacheWriteTokens * p.cacheWriteMicrosPerMillion +
    usage.outputTokens * p.outputMicrosPerMillion +
    usage.reasoningTokens * p.reasoningMicrosPerMillion;
  const images = usage.images * p.imageMicros;
  if (perMillion + 1_000_000 < Number.MAX_SAFE_INTEGER && images < Number.MAX_SAFE_INTEGER / 2) return ceilMillionth(perMillion) + images;
  return costMicrosExact(model, usage);
}

/** ⌈x / 1e6⌉ for an integer 0 ≤ x < 2^53 − 1e6, exactly (`%` and the division of a multiple are exact in doubles). */
function ceilMillionth(x: number): number {
  const up = x + 999_999;
  return (up - (up % 1_000_000)) / 1_000_000;
}

function costMicrosExact(model: ModelInfo, usage: TokenUsage): number {
  const p = model.pricing;
  const perMillion =
    BigInt(usage.inputTokens) * BigInt(p.inputMicrosPerMillion) +
    BigInt(usage.cachedInputTokens) * BigInt(p.cachedInputMicrosPerMillion) +
    BigInt(usage.cacheWriteTokens) * BigInt(p.cacheWriteMicrosPerMillion) +
    BigInt(usage.outputTokens) * BigInt(p.outputMicrosPerMillion) +
    BigInt(usage.reasoningTokens) * BigInt(p.reasoningMicrosPerMillion);
  const micros = (perMillion + MILLION - 1n) / MILLION + BigInt(usage.images) * BigInt(p.imageMicros);
  return Number(micros);
}

/** What a call may at most consume, known before it is made. */
export interface CallBound {
  /** Upper bound of prompt tokens (see `promptTokenBound`). */
  promptTokens: number;
  /** Output cap requested by the caller, if any. */
  maxOutputTokens: number | undefined;
  /** Images requested (image endpoints). */
  images: number;
}

/**
 * An upper bound of the prompt's tokens from its UTF-8 size: byte-level BPE tokenizers (OpenAI, Anthropic, Llama)
 * and SentencePiece with byte fallback (Gemini) never produce more tokens than bytes; the JSON quoting around
 * each message covers the per-message overhead. Images and tool definitions add fixed allowances.
 */
export function promptTokenBound(bytes: number, images: number, hasTools: boolean): number {
  return bytes + images * IMAGE_INPUT_TOKENS + (hasTools ? TOOLS_OVERHEAD_TOKENS : 0) + 64;
}
/** Largest per-image input charge among providers (high-detail tiles). */
export const IMAGE_INPUT_TOKENS = 6_500;
/** Providers render tool definitions into a system prompt with their own preamble. */
export const TOOLS_OVERHEAD_TOKENS = 1_000;

/**
 * The most a call can cost on `model`: every prompt token at the dearest input rate, every output token at the
 * dearer of output and reasoning, plus reasoning the provider allows beyond max_tokens. Reserved before the call.
 */
export function maxCostMicros(model: ModelInfo, bound: CallBound): number {
  const p = model.pricing;
  const inputRate = Math.max(p.inputMicrosPerMillion, p.cachedInputMicrosPerMillion, p.cacheWriteMicrosPerMillion);
  if (model.kind === 'image') {
    return costMicros(model, { ...emptyUsage(), inputTokens: bound.promptTokens, images: bound.images });
  }
  const maxOut = outputCap(model, bound.maxOutputTokens);
  const outRate = Math.max(p.outputMicrosPerMillion, p.reasoningMicrosPerMillion);
  const fast = bound.promptTokens * inputRate + maxOut * outRate + model.maxReasoningTokens * p.reasoningMicrosPerMillion;
  if (fast + 1_000_000 < Number.MAX_SAFE_INTEGER) return ceilMillionth(fast);
  const perMillion =
    BigInt(bound.promptTokens) * BigInt(inputRate) +
    BigInt(maxOut) * BigInt(outRate) +
    BigInt(model.maxReasoningTokens) * BigInt(p.reasoningMicrosPerMillion);
  return Number((perMillion + MILLION - 1n) / MILLION);
}

/** The output cap a call runs with on `model`: the caller's, never above the model's own. */
export function outputCap(model: ModelInfo, requested: number | undefined): number {
  return requested !== undefined && requested > 0 ? Math.min(requested, model.maxOutputTokens) : model.maxOutputTokens;
}

/** Every token of a usage (rate limits count tokens, not money). */
export function totalTokens(u: TokenUsage): number {
  return u.inputTokens + u.cachedInputTokens + u.cacheWriteTokens + u.outputTokens + u.reasoningTokens;
}
