import type { GenerateContentResponse } from '@google/genai';
import type { StreamMeter } from '../types.ts';
import type { ChatChunk, ChunkDelta } from '../wire.ts';
import { finishReason, readCandidate } from './response.ts';
import { geminiUsage } from './usage.ts';

/**
 * Gemini stream responses → OpenAI chat chunks. Every response carries cumulative `usageMetadata`, so the meter
 * holds the provider's count so far at any point; it is complete once the stream ends normally.
 */
export async function* geminiToChunks(responses: AsyncIterable<GenerateContentResponse>, model: string, meter: StreamMeter): AsyncGenerator<ChatChunk> {
  let id = '';
  const created = Math.floor(Date.now() / 1000);
  const toolIndex = new Map<number, number>();
  let first = true;
  for await (const response of responses) {
    if (response.usageMetadata) meter.report(geminiUsage(response.usageMetadata), false);
    id ||= response.responseId ?? `chatcmpl-${crypto.randomUUID()}`;
    for (const [i, candidate] of (response.candidates ?? []).entries()) {
      const index = candidate.index ?? i;
      const { text, reasoning, toolCalls } = readCandidate(candidate);
      const delta: ChunkDelta = first ? { role: 'assistant' } : {};
      if (text) delta.content = text;
      if (reasoning) delta.reasoning_content = reasoning;
      if (toolCalls.length) {
        const base = toolIndex.get(index) ?? 0;
        delta.tool_calls = toolCalls.map((call, k) => ({ index: base + k, ...call }));
        toolIndex.set(index, base + toolCalls.length);
      }
      meter.pieces += (text ? 1 : 0) + (reasoning ? 1 : 0) + toolCalls.length;
      const finish = finishReason(candidate.finishReason, (toolIndex.get(index) ?? 0) > 0);
      first = false;
      yield { id, object: 'chat.completion.chunk', created, model, choices: [{ index, delta, finish_reason: finish, logprobs: null }] };
    }
  }
  if (meter.inputReported) meter.report(meter.usage, true);
}
