import { FunctionCallingConfigMode, type Content, type GenerateContentConfig, type Part } from '@google/genai';
import type { ModelInfo } from '../../pricing/price-table.ts';
import { parseToolArguments } from '../anthropic/request.ts';
import type { UpstreamCall } from '../types.ts';
import type { ChatMessage, ChatParams, ContentPart } from '../wire.ts';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;
const IMAGE_TYPES: Record<string, string> = { png: 'image/png', gif: 'image/gif', webp: 'image/webp', jpg: 'image/jpeg', jpeg: 'image/jpeg' };

function imagePart(url: string): Part {
  const data = DATA_URL.exec(url);
  if (data) return { inlineData: { mimeType: data[1], data: data[2] } };
  const ext = /\.(\w+)(?:$|\?)/.exec(url)?.[1]?.toLowerCase() ?? '';
  return { fileData: { fileUri: url, mimeType: IMAGE_TYPES[ext] ?? 'image/jpeg' } };
}

function parts(content: ChatMessage['content']): Part[] {
  if (content == null) return [];
  if (typeof content === 'string') return content ? [{ text: content }] : [];
  const out: Part[] = [];
  for (const p of content as ContentPart[]) {
    if (p.type === 'text' && p.text) out.push({ text: p.text });
    else if (p.type === 'image_url' && p.image_url?.url) out.push(imagePart(p.image_url.url));
  }
  return out;
}

const text = (content: ChatMessage['content']) =>
  typeof content === 'string' ? content : ((content as ContentPart[] | null | undefined) ?? []).map((p) => p.text ?? '').join('');

/** Thinking budgets for OpenAI's `reasoning_effort` (Gemini caps thinking per call, not by effort). */
const EFFORT_BUDGET: Record<string, number> = { minimal: 0, none: 0, low: 1024, medium: 8192 };

/**
 * OpenAI chat parameters → a Gemini `generateContent` request: system messages become `systemInstruction`,
 * assistant turns `model` contents, tool calls `functionCall` parts and tool messages `functionResponse` parts.
 */
export function toGeminiRequest(model: ModelInfo, params: ChatParams, call: UpstreamCall): { model: string; contents: Content[]; config: GenerateContentConfig } {
  const system: Part[] = [];
  const contents: Content[] = [];
  const toolNames = new Map<string, string>();
  const push = (role: 'user' | 'model', p: Part[]) => {
    if (p.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts!.push(...p);
    else contents.push({ role, parts: p });
  };
  params.messages.forEach((m, i) => {
    if (m.role === 'system' || m.role === 'developer') system.push(...parts(m.content));
    else if (m.role === 'user') push('user', parts(m.content));
    else if (m.role === 'assistant') {
      const p = parts(m.content);
      for (const tc of m.tool_calls ?? []) {
        toolNames.set(tc.id, tc.function.name);
        p.push({ functionCall: { id: tc.id, name: tc.function.name, args: parseToolArguments(tc.function.arguments, `messages[${i}].tool_calls`) as Record<string, unknown> } });
      }
      push('model', p);
    } else if (m.role === 'tool') {
      const id = m.tool_call_id ?? '';
      push('user', [{ functionResponse: { id, name: toolNames.get(id) ?? m.name ?? id, response: { content: text(m.content) } } }]);
    }
  });
  const config: GenerateContentConfig = {
    abortSignal: call.signal,
    // each call is metered on its own: no hidden continuation requests
    automaticContinuation: false,
    maxOutputTokens: call.maxOutputTokens,
  };
  if (system.length) config.systemInstruction = { role: 'user', parts: system };
  if (params.temperature != null) config.temperature = params.temperature;
  if (params.top_p != null) config.topP = params.top_p;
  if (params.n != null) config.candidateCount = params.n;
  if (params.stop != null) config.stopSequences = Array.isArray(params.stop) ? params.stop : [params.stop];
  if (params.response_format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (params.response_format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    config.responseJsonSchema = params.response_format.json_schema?.schema;
  }
  const effort = typeof params.reasoning_effort === 'string' ? params.reasoning_effort : undefined;
  if (effort && model.maxReasoningTokens > 0) {
    config.thinkingConfig = { thinkingBudget: Math.min(EFFORT_BUDGET[effort] ?? model.maxReasoningTokens, model.maxReasoningTokens) };
  }
  if (params.tools?.length) {
    config.tools = [
      {
        functionDeclarations: params.tools
          .filter((t) => t.type === 'function')
          .map((t) => ({ name: t.function.name, description: t.function.description, parametersJsonSchema: t.function.parameters ?? { type: 'object', properties: {} } })),
      },
    ];
  }
  const choice = params.tool_choice;
  if (choice !== undefined) {
    const mode = choice === 'none' ? FunctionCallingConfigMode.NONE : choice === 'auto' ? FunctionCallingConfigMode.AUTO : FunctionCallingConfigMode.ANY;
    config.toolConfig = { functionCallingConfig: { mode, ...(typeof choice === 'object' ? { allowedFunctionNames: [choice.function.name] } : {}) } };
  }
  return { model: model.upstream, contents, config };
}
