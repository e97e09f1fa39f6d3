import type { Candidate, GenerateContentResponse } from '@google/genai';
import type { ChatChoice, ChatCompletion, ToolCall } from '../wire.ts';

/** Gemini finish reasons → OpenAI finish reasons. */
export function finishReason(reason: string | undefined, toolCalls: boolean): string | null {
  if (reason === undefined) return null;
  if (toolCalls) return 'tool_calls';
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason === 'STOP' || reason === 'FINISH_REASON_UNSPECIFIED' || reason === 'OTHER') return 'stop';
  return 'content_filter';
}

export const callId = () => `call_${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;

/** One candidate's parts, split into answer text, thoughts and tool calls. */
export function readCandidate(candidate: Candidate | undefined): { text: string; reasoning: string; toolCalls: ToolCall[] } {
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  for (const part of candidate?.content?.parts ?? []) {
    if (part.thought && part.text) reasoning += part.text;
    else if (part.text) text += part.text;
    else if (part.functionCall) {
      toolCalls.push({ id: part.functionCall.id ?? callId(), type: 'function', function: { name: part.functionCall.name ?? '', arguments: JSON.stringify(part.functionCall.args ?? {}) } });
    }
  }
  return { text, reasoning, toolCalls };
}

/** A Gemini response → an OpenAI chat completion (usage is added by the caller, with the cost). */
export function toChatCompletion(response: GenerateContentResponse, model: string): ChatCompletion {
  const choices: ChatChoice[] = (response.candidates ?? []).map((candidate, i) => {
    const { text, reasoning, toolCalls } = readCandidate(candidate);
    return {
      index: candidate.index ?? i,
      message: {
        role: 'assistant',
        content: text || (toolCalls.length ? null : ''),
        refusal: null,
        ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        ...(reasoning ? { reasoning_content: reasoning } : {}),
      },
      finish_reason: finishReason(candidate.finishReason ?? 'STOP', toolCalls.length > 0),
      logprobs: null,
    };
  });
  return {
    id: response.responseId ?? `chatcmpl-${crypto.randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices,
  };
}
