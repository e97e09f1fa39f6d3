import { badRequest } from '../errors.ts';
import { isObject, optionalBoolean, optionalInt, optionalNumber, requireString } from '../http/body.ts';
import type { AnthropicParams, ChatParams, ImageParams } from '../providers/wire.ts';

const CHAT_ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

function content(value: unknown, param: string, nullable: boolean): void {
  if (typeof value === 'string') return;
  if ((value === null || value === undefined) && nullable) return;
  if (!Array.isArray(value)) throw badRequest(`"${param}" must be a string or an array of content parts`, param);
  value.forEach((part, i) => {
    if (!isObject(part) || typeof part.type !== 'string') throw badRequest(`"${param}[${i}]" must be an object with a "type"`, `${param}[${i}]`);
  });
}

function tools(value: unknown, param: string, validate: (tool: Record<string, unknown>, p: string) => void): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw badRequest(`"${param}" must be an array`, param);
  value.forEach((tool, i) => {
    if (!isObject(tool)) throw badRequest(`"${param}[${i}]" must be an object`, `${param}[${i}]`);
    validate(tool, `${param}[${i}]`);
  });
}

/** Validates an OpenAI chat completion request (what the router reads; the rest is passed through). */
export function parseChatParams(body: Record<string, unknown>): ChatParams {
  requireString(body, 'model');
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) throw badRequest('"messages" must be a non-empty array', 'messages');
  messages.forEach((m, i) => {
    const p = `messages[${i}]`;
    if (!isObject(m)) throw badRequest(`"${p}" must be an object`, p);
    if (typeof m.role !== 'string' || !CHAT_ROLES.has(m.role)) throw badRequest(`"${p}.role" must be one of ${[...CHAT_ROLES].join(', ')}`, `${p}.role`);
    content(m.content, `${p}.content`, m.role === 'assistant');
    if (m.role === 'tool' && typeof m.tool_call_id !== 'string') throw badRequest(`"${p}.tool_call_id" is required for tool messages`, `${p}.tool_call_id`);
    if (m.tool_calls !== undefined) {
      if (!Array.isArray(m.tool_calls)) throw badRequest(`"${p}.tool_calls" must be an array`, `${p}.tool_calls`);
      m.tool_calls.forEach((c, k) => {
        const f = isObject(c) && isObject(c.function) ? c.function : undefined;
        if (!f || typeof c.id !== 'string' || typeof f.name !== 'string' || typeof f.arguments !== 'string') {
          throw badRequest(`"${p}.tool_calls[${k}]" must be { id, type: "function", function: { name, arguments } }`, `${p}.tool_calls[${k}]`);
        }
      });
    }
  });
  optionalBoolean(body, 'stream');
  optionalInt(body, 'max_tokens', 1);
  optionalInt(body, 'max_completion_tokens', 1);
  optionalInt(body, 'n', 1, 8);
  optionalNumber(body, 'temperature');
  optionalNumber(body, 'top_p');
  if (body.stream_options !== undefined && body.stream_options !== null && !isObject(body.stream_options)) throw badRequest('"stream_options" must be an object', 'stream_options');
  tools(body.tools, 'tools', (t, p) => {
    if (t.type !== 'function' || !isObject(t.function) || typeof t.function.name !== 'string') throw badRequest(`"${p}" must be { type: "function", function: { name, … } }`, p);
  });
  return body as ChatParams;
}

/** Image parts in a chat request (each gets a fixed input-token allowance in the reservation). */
export function countChatImages(params: ChatParams): number {
  let n = 0;
  for (const m of params.messages) if (Array.isArray(m.content)) for (const part of m.content) if (part.type !== 'text') n++;
  return n;
}

/** Validates an Anthropic Messages request. */
export function parseAnthropicParams(body: Record<string, unknown>): AnthropicParams {
  requireString(body, 'model');
  if (optionalInt(body, 'max_tokens', 1) === undefined) throw badRequest('"max_tokens" is required and must be a positive integer', 'max_tokens');
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) throw badRequest('"messages" must be a non-empty array', 'messages');
  messages.forEach((m, i) => {
    const p = `messages[${i}]`;
    if (!isObject(m)) throw badRequest(`"${p}" must be an object`, p);
    if (m.role !== 'user' && m.role !== 'assistant') throw badRequest(`"${p}.role" must be "user" or "assistant"`, `${p}.role`);
    content(m.content, `${p}.content`, false);
  });
  if (body.system !== undefined) content(body.system, 'system', false);
  optionalBoolean(body, 'stream');
  optionalNumber(body, 'temperature');
  optionalNumber(body, 'top_p');
  if (body.stop_sequences !== undefined && !(Array.isArray(body.stop_sequences) && body.stop_sequences.every((s) => typeof s === 'string'))) {
    throw badRequest('"stop_sequences" must be an array of strings', 'stop_sequences');
  }
  tools(body.tools, 'tools', (t, p) => {
    if (typeof t.name !== 'string') throw badRequest(`"${p}.name" is required`, `${p}.name`);
  });
  return body as unknown as AnthropicParams;
}

export function countAnthropicImages(params: AnthropicParams): number {
  let n = 0;
  for (const m of params.messages) if (Array.isArray(m.content)) for (const block of m.content) if (block.type === 'image' || block.type === 'document') n++;
  return n;
}

/** Validates an OpenAI image generation request. */
export function parseImageParams(body: Record<string, unknown>): ImageParams {
  requireString(body, 'model');
  requireString(body, 'prompt');
  optionalInt(body, 'n', 1, 10);
  if (body.size !== undefined && typeof body.size !== 'string') throw badRequest('"size" must be a string', 'size');
  if (body.quality !== undefined && typeof body.quality !== 'string') throw badRequest('"quality" must be a string', 'quality');
  if (body.response_format !== undefined && body.response_format !== 'url' && body.response_format !== 'b64_json') {
    throw badRequest('"response_format" must be "url" or "b64_json"', 'response_format');
  }
  if (body.stream === true) throw badRequest('streaming image generation is not supported', 'stream');
  return body as ImageParams;
}
