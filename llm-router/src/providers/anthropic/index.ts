import Anthropic from '@anthropic-ai/sdk';
import type { ModelInfo } from '../../pricing/price-table.ts';
import { toUpstreamError } from '../errors.ts';
import { StreamMeter, type MessagesStream, type Provider, type UpstreamCall } from '../types.ts';
import type { AnthropicEvent, AnthropicMessage, AnthropicParams } from '../wire.ts';
import { toAnthropicParams } from './request.ts';
import { toChatCompletion } from './response.ts';
import { anthropicToChunks, createAnthropicMeter } from './stream.ts';
import { anthropicUsage } from './usage.ts';

/**
 * Claude through `@anthropic-ai/sdk` (`ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`): natively for `/v1/messages`,
 * and for `/v1/chat/completions` by mapping OpenAI's format to Messages and back.
 */
export function createAnthropicProvider(options: { apiKey?: string; baseURL: string }): Provider {
  const client = new Anthropic({
    apiKey: options.apiKey ?? 'unused',
    baseURL: options.baseURL,
    maxRetries: 0,
    // explicit, so the SDK neither applies its own deadline nor refuses large non-streaming max_tokens
    timeout: 60 * 60_000,
  });

  const request = (model: ModelInfo, params: AnthropicParams, call: UpstreamCall, stream: boolean) =>
    ({ ...params, model: model.upstream, max_tokens: call.maxOutputTokens, stream }) as never;

  const messages = async (model: ModelInfo, params: AnthropicParams, call: UpstreamCall) => {
    try {
      const message = (await client.messages.create(request(model, params, call, false), { signal: call.signal })) as unknown as AnthropicMessage;
      return { message, usage: anthropicUsage(message.usage) };
    } catch (error) {
      throw toUpstreamError('anthropic', error, call.signal);
    }
  };

  const messagesStream = async (model: ModelInfo, params: AnthropicParams, call: UpstreamCall): Promise<MessagesStream> => {
    let events: AsyncIterable<AnthropicEvent>;
    try {
      events = (await client.messages.create(request(model, params, call, true), { signal: call.signal })) as unknown as AsyncIterable<AnthropicEvent>;
    } catch (error) {
      throw toUpstreamError('anthropic', error, call.signal);
    }
    const meter = new StreamMeter();
    const observe = createAnthropicMeter(meter);
    return {
      meter,
      async *[Symbol.asyncIterator]() {
        try {
          for await (const event of events) {
            observe(event);
            yield event;
          }
        } catch (error) {
          throw toUpstreamError('anthropic', error, call.signal);
        }
      },
    };
  };

  return {
    id: 'anthropic',
    available: !!options.apiKey,
    messages,
    messagesStream,
    async chat(model, params, call) {
      const { message, usage } = await messages(model, toAnthropicParams(params, call.maxOutputTokens), call);
      return { completion: toChatCompletion(message, model.id), usage };
    },
    async chatStream(model, params, call) {
      const stream = await messagesStream(model, toAnthropicParams(params, call.maxOutputTokens), call);
      return { meter: stream.meter, [Symbol.asyncIterator]: () => anthropicToChunks(stream, model.id) };
    },
  };
}
