import type { TokenUsage } from '@startales/contracts';
import { toAnthropicUsage } from '../providers/anthropic/usage.ts';
import type {
  AnthropicBlock,
  AnthropicEvent,
  AnthropicMessage,
  AnthropicParams,
  ChatChunk,
  ChatCompletion,
  ChatMessage,
  ChatParams,
  ContentPart,
  ToolCall,
} from '../providers/wire.ts';

/*
 * `/v1/messages` served by a provider other than Anthropic: the Anthropic request is mapped to the canonical
 * (OpenAI) one, and the answer — JSON or stream — back to Anthropic's format.
 */

const blockText = (content: string | AnthropicBlock[] | undefined): string =>
  typeof content === 'string' ? content : (content ?? []).map((b) => (b.type === 'text' ? (b.text ?? '') : '')).join('');

function imageUrl(block: AnthropicBlock): string | undefined {
  const s = block.source;
  if (!s) return undefined;
  if (s.type === 'base64' && s.data) return `data:${s.media_type ?? 'image/png'};base64,${s.data}`;
  return s.url;
}

/** An Anthropic Messages request → OpenAI chat parameters. */
export function fromAnthropicParams(params: AnthropicParams): ChatParams {
  const messages: ChatMessage[] = [];
  const system = blockText(params.system);
  if (system) messages.push({ role: 'system', content: system });
  for (const m of params.messages) {
    if (typeof m.content === 'string') {
      messages.push({ role: m.role, content: m.content });
      continue;
    }
    if (m.role === 'assistant') {
      const text = m.content.filter((b) => b.type === 'text').map((b) => b.text ?? '').join('');
      const calls: ToolCall[] = m.content
        .filter((b) => b.type === 'tool_use')
        .map((b) => ({ id: String(b.id), type: 'function', function: { name: String(b.name), arguments: JSON.stringify(b.input ?? {}) } }));
      messages.push({ role: 'assistant', content: text || null, ...(calls.length ? { tool_calls: calls } : {}) });
      continue;
    }
    // tool results answer the previous assistant turn, so they go first, as OpenAI tool messages
    const parts: ContentPart[] = [];
    for (const b of m.content) {
      if (b.type === 'tool_result') messages.push({ role: 'tool', tool_call_id: String(b.tool_use_id), content: blockText(b.content) });
      else if (b.type === 'text') parts.push({ type: 'text', text: b.text ?? '' });
      else if (b.type === 'image') {
        const url = imageUrl(b);
        if (url) parts.push({ type: 'image_url', image_url: { url } });
      }
    }
    if (parts.length) messages.push({ role: 'user', content: parts });
  }
  const out: ChatParams = { model: params.model, messages, max_completion_tokens: params.max_tokens };
  if (params.stream) out.stream = true;
  if (params.temperature !== undefined) out.temperature = params.temperature;
  if (params.top_p !== undefined) out.top_p = params.top_p;
  if (params.stop_sequences?.length) out.stop = params.stop_sequences;
  if (params.metadata?.user_id) out.user = params.metadata.user_id;
  if (params.tools?.length) {
    out.tools = params.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.input_schema } }));
  }
  const choice = params.tool_choice;
  if (choice) {
    out.tool_choice =
      choice.type === 'any' ? 'required' : choice.type === 'none' ? 'none' : choice.type === 'tool' && choice.name ? { type: 'function', function: { name: choice.name } } : 'auto';
    if (choice.disable_parallel_tool_use) out.parallel_tool_calls = false;
  }
  return out;
}

/** OpenAI finish reasons → Anthropic stop reasons. */
export function stopReason(finish: string | null | undefined): string {
  if (finish === 'length') return 'max_tokens';
  if (finish === 'tool_calls' || finish === 'function_call') return 'tool_use';
  if (finish === 'content_filter') return 'refusal';
  return 'end_turn';
}

function toolInput(args: string): unknown {
  try {
    return JSON.parse(args || '{}');
  } catch {
    return {};
  }
}

/** An OpenAI chat completion → an Anthropic message, with the router's usage and cost. */
export function toAnthropicMessage(completion: ChatCompletion, model: string, usage: TokenUsage, costMicros: number): AnthropicMessage {
  const choice = completion.choices[0];
  const content: AnthropicBlock[] = [];
  if (choice?.message.content) content.push({ type: 'text', text: choice.message.content });
  for (const call of choice?.message.tool_calls ?? []) {
    content.push({ type: 'tool_use', id: call.id, name: call.function.name, input: toolInput(call.function.arguments) });
  }
  return {
    id: completion.id.startsWith('msg_') ? completion.id : `msg_${completion.id}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: toAnthropicUsage(usage, costMicros),
  };
}

/** Formats one Anthropic server-sent event. */
export const anthropicSse = (event: AnthropicEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * OpenAI chunks → Anthropic stream events: `message_start`, one content block per text run, thinking run or tool
 * call, then `message_delta` (stop reason, usage with the cost) and `message_stop` from `end`.
 */
export function createAnthropicStreamWriter(model: string, id: string) {
  let started = false;
  let index = -1;
  let open: 'text' | 'thinking' | 'tool' | null = null;
  const toolBlocks = new Map<number, number>();
  let stop: string | null = null;
  const out: string[] = [];

  const close = () => {
    if (open !== null) out.push(anthropicSse({ type: 'content_block_stop', index }));
    open = null;
  };
  const openBlock = (kind: 'text' | 'thinking' | 'tool', block: AnthropicBlock) => {
    close();
    index += 1;
    open = kind;
    out.push(anthropicSse({ type: 'content_block_start', index, content_block: block }));
  };
  const start = () => {
    if (started) return;
    started = true;
    out.push(
      anthropicSse({
        type: 'message_start',
        message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } },
      }),
    );
  };

  return {
    /** The events for one chunk, as SSE text. */
    chunk(chunk: ChatChunk): string {
      start();
      for (const choice of chunk.choices) {
        if (choice.index !== 0) continue;
        const d = choice.delta ?? {};
        if (d.reasoning_content) {
          if (open !== 'thinking') openBlock('thinking', { type: 'thinking', thinking: '', signature: '' });
          out.push(anthropicSse({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: d.reasoning_content } }));
        }
        if (d.content) {
          if (open !== 'text') openBlock('text', { type: 'text', text: '' });
          out.push(anthropicSse({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: d.content } }));
        }
        for (const call of d.tool_calls ?? []) {
          if (call.id && !toolBlocks.has(call.index)) {
            openBlock('tool', { type: 'tool_use', id: call.id, name: call.function?.name ?? '', input: {} });
            toolBlocks.set(call.index, index);
          }
          const block = toolBlocks.get(call.index);
          if (block !== undefined && call.function?.arguments) {
            out.push(anthropicSse({ type: 'content_block_delta', index: block, delta: { type: 'input_json_delta', partial_json: call.function.arguments } }));
          }
        }
        if (choice.finish_reason) stop = stopReason(choice.finish_reason);
      }
      return out.splice(0).join('');
    },
    /** Closes the message: final usage (with the cost) and stop reason. */
    end(usage: TokenUsage, costMicros: number): string {
      start();
      close();
      out.push(anthropicSse({ type: 'message_delta', delta: { stop_reason: stop ?? 'end_turn', stop_sequence: null }, usage: toAnthropicUsage(usage, costMicros) }));
      out.push(anthropicSse({ type: 'message_stop' }));
      return out.splice(0).join('');
    },
  };
}
