import { UpstreamError } from '../errors.ts';
import type { StreamMeter } from '../types.ts';
import type { AnthropicEvent, AnthropicUsage, ChatChunk, ChunkDelta } from '../wire.ts';
import { finishReason } from './response.ts';
import { anthropicUsage } from './usage.ts';

/**
 * Meters one Messages-stream event: `message_start` reports input (and a first output count), `message_delta`
 * the cumulative final usage; content deltas are counted in case the stream ends before that.
 */
export function createAnthropicMeter(meter: StreamMeter) {
  let usage: Partial<AnthropicUsage> = {};
  return (event: AnthropicEvent) => {
    if (event.type === 'message_start' && event.message) {
      usage = { ...event.message.usage };
      meter.report(anthropicUsage(usage), false);
    } else if (event.type === 'message_delta' && event.usage) {
      for (const [k, v] of Object.entries(event.usage)) if (v !== null && v !== undefined) (usage as Record<string, unknown>)[k] = v;
      meter.report(anthropicUsage(usage), true);
    } else if (event.type === 'content_block_delta') {
      meter.pieces++;
    }
  };
}

/** A Messages event stream → OpenAI chat chunks (no usage chunk: the router appends one with the cost). */
export async function* anthropicToChunks(events: AsyncIterable<AnthropicEvent>, model: string): AsyncGenerator<ChatChunk> {
  let id = '';
  const created = Math.floor(Date.now() / 1000);
  const toolIndex = new Map<number, number>();
  const chunk = (delta: ChunkDelta, finish: string | null = null): ChatChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  for await (const event of events) {
    switch (event.type) {
      case 'message_start':
        id = event.message?.id ?? id;
        yield chunk({ role: 'assistant', content: '' });
        break;
      case 'content_block_start': {
        const block = event.content_block;
        if (block?.type === 'tool_use') {
          const index = toolIndex.size;
          toolIndex.set(event.index ?? 0, index);
          yield chunk({ tool_calls: [{ index, id: String(block.id), type: 'function', function: { name: String(block.name), arguments: '' } }] });
        }
        break;
      }
      case 'content_block_delta': {
        const d = event.delta;
        if (d?.type === 'text_delta') yield chunk({ content: d.text ?? '' });
        else if (d?.type === 'thinking_delta') yield chunk({ reasoning_content: d.thinking ?? '' });
        else if (d?.type === 'input_json_delta') {
          const index = toolIndex.get(event.index ?? 0) ?? 0;
          yield chunk({ tool_calls: [{ index, function: { arguments: d.partial_json ?? '' } }] });
        }
        break;
      }
      case 'message_delta':
        if (event.delta?.stop_reason) yield chunk({}, finishReason(event.delta.stop_reason));
        break;
      case 'error':
        throw new UpstreamError('anthropic', event.error?.message ?? 'stream error', 'retry', undefined);
    }
  }
}
