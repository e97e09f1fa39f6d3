import { badRequest } from '../../errors.ts';
import type { AnthropicBlock, AnthropicMessageParam, AnthropicParams, ChatMessage, ChatParams, ContentPart } from '../wire.ts';

/** Parses a tool call's JSON arguments (Anthropic wants an object). */
export function parseToolArguments(args: string | undefined, param: string): unknown {
  if (!args) return {};
  try {
    return JSON.parse(args);
  } catch {
    throw badRequest(`tool call arguments must be JSON: ${args.slice(0, 80)}`, param);
  }
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function imageBlock(url: string): AnthropicBlock {
  const data = DATA_URL.exec(url);
  return data
    ? { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } }
    : { type: 'image', source: { type: 'url', url } };
}

function blocks(content: ChatMessage['content'], images: boolean): AnthropicBlock[] {
  if (content == null) return [];
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  const out: AnthropicBlock[] = [];
  for (const part of content as ContentPart[]) {
    if (part.type === 'text' && part.text) out.push({ type: 'text', text: part.text });
    else if (images && part.type === 'image_url' && part.image_url?.url) out.push(imageBlock(part.image_url.url));
  }
  return out;
}

function text(content: ChatMessage['content']): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return (content as ContentPart[]).map((p) => p.text ?? '').join('');
}

/**
 * OpenAI chat parameters → Anthropic Messages: system/developer messages become `system`, tool calls become
 * `tool_use` blocks and tool messages `tool_result` blocks, consecutive same-role turns merge.
 */
export function toAnthropicParams(params: ChatParams, maxTokens: number): AnthropicParams {
  const system: AnthropicBlock[] = [];
  const messages: AnthropicMessageParam[] = [];
  const push = (role: 'user' | 'assistant', content: AnthropicBlock[]) => {
    if (content.length === 0) return;
    const last = messages.at(-1);
    if (last && last.role === role) (last.content as AnthropicBlock[]).push(...content);
    else messages.push({ role, content });
  };
  params.messages.forEach((m, i) => {
    if (m.role === 'system' || m.role === 'developer') system.push(...blocks(m.content, false));
    else if (m.role === 'user') push('user', blocks(m.content, true));
    else if (m.role === 'assistant') {
      const content = blocks(m.content, false);
      for (const call of m.tool_calls ?? []) {
        content.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseToolArguments(call.function.arguments, `messages[${i}].tool_calls`) });
      }
      push('assistant', content);
    } else if (m.role === 'tool') push('user', [{ type: 'tool_result', tool_use_id: m.tool_call_id, content: text(m.content) }]);
  });
  const out: AnthropicParams = { model: params.model, messages, max_tokens: maxTokens };
  if (system.length) out.system = system;
  if (params.tools?.length) {
    out.tools = params.tools
      .filter((t) => t.type === 'function')
      .map((t) => ({ name: t.function.name, description: t.function.description, input_schema: t.function.parameters ?? { type: 'object', properties: {} } }));
  }
  const choice = params.tool_choice;
  if (choice !== undefined) {
    out.tool_choice =
      choice === 'required' ? { type: 'any' } : choice === 'none' ? { type: 'none' } : choice === 'auto' ? { type: 'auto' } : { type: 'tool', name: choice.function.name };
  }
  if (params.parallel_tool_calls === false && out.tools) out.tool_choice = { ...(out.tool_choice ?? { type: 'auto' }), disable_parallel_tool_use: true };
  if (params.temperature != null) out.temperature = Math.min(params.temperature, 1);
  if (params.top_p != null) out.top_p = params.top_p;
  if (params.stop != null) out.stop_sequences = Array.isArray(params.stop) ? params.stop : [params.stop];
  if (params.user) out.metadata = { user_id: params.user };
  return out;
}
