import OpenAI from 'openai';
import type { LlmProvider } from '@startales/contracts';
import type { ModelInfo } from '../../pricing/price-table.ts';
import { emptyUsage } from '../../pricing/cost.ts';
import { toUpstreamError } from '../errors.ts';
import { StreamMeter, type ChatStream, type Provider, type UpstreamCall } from '../types.ts';
import type { ChatChunk, ChatCompletion, ChatParams, ChunkDelta, ImagesResponse } from '../wire.ts';
import { openaiUsage } from './usage.ts';
import { decodeSSE, MORE_BUFFERED, RAW_JSON } from './sse.ts';

export interface OpenAICompatibleOptions {
  id: LlmProvider;
  baseURL: string;
  apiKey: string | undefined;
  /** Whether the provider can be routed to (a key, or for Ollama a base URL, is configured). */
  available: boolean;
  /** Ollama's endpoint takes `max_tokens`, not `max_completion_tokens`. */
  legacyMaxTokens?: boolean;
  /** The provider serves `/images/generations`. */
  images?: boolean;
}

/** A content, reasoning or tool-call piece: about one token each (used only when a stream ends unreported). */
export function countPieces(delta: ChunkDelta | undefined): number {
  if (!delta) return 0;
  let n = 0;
  if (delta.content) n++;
  if (delta.reasoning_content) n++;
  if (delta.refusal) n++;
  if (delta.tool_calls) for (const t of delta.tool_calls) if (t.function?.arguments) n++;
  return n;
}

/**
 * OpenAI's chat completions through the `openai` SDK; xAI and Ollama speak the same format and use this with
 * their own base URL. The SDK retries nothing (the router's retry policy decides) and uses Bun's fetch.
 *
 * Chat completions (the hot path) send their request with Bun's fetch directly, to a URL and headers built once,
 * and error responses become the SDK's own error classes (`APIError.generate`, exactly as the SDK builds them);
 * streams are decoded by `decodeSSE` (the SDK decoder's contract, with native string search). The SDK's
 * per-request work (options and header merging, request logging, its own timeout race and retry bookkeeping) and
 * its byte-by-byte SSE scan cost more CPU than the rest of the router's hot path together; none of it applies
 * here (no retries, the router's own deadline, nothing logged). Images still go through the SDK.
 */
export function createOpenAICompatibleProvider(options: OpenAICompatibleOptions): Provider {
  const { id } = options;
  const client = new OpenAI({
    apiKey: options.apiKey ?? 'unused',
    baseURL: options.baseURL,
    maxRetries: 0,
    // the router's own per-attempt deadline applies (UpstreamCall.signal)
    timeout: 60 * 60_000,
    // no `fetch` option: the SDK calls the global fetch, which is Bun's
  });

  const chatUrl = `${options.baseURL.replace(/\/+$/, '')}/chat/completions`;
  const chatHeaders = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${options.apiKey ?? 'unused'}` };
  /** POSTs a chat completion; a non-2xx answer throws the SDK's error for it (status, headers and error body). */
  const postChat = async (payload: Record<string, unknown>, signal: AbortSignal): Promise<Response> => {
    const response = await fetch(chatUrl, { method: 'POST', headers: chatHeaders, body: JSON.stringify(payload), signal });
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    throw OpenAI.APIError.generate(response.status, json as object | undefined, json === undefined ? text || undefined : undefined, response.headers);
  };

  const body = (model: ModelInfo, params: ChatParams, call: UpstreamCall, stream: boolean): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...params, model: model.upstream, stream };
    if (stream) out.stream_options = { ...(params.stream_options ?? {}), include_usage: true };
    else delete out.stream_options;
    // a caller's cap is clamped to what was reserved; without one the model's own cap (the reserved one) applies
    if (params.max_completion_tokens != null) out.max_completion_tokens = call.maxOutputTokens;
    else if (params.max_tokens != null) out.max_tokens = call.maxOutputTokens;
    if (options.legacyMaxTokens && out.max_completion_tokens != null) {
      out.max_tokens = out.max_completion_tokens;
      delete out.max_completion_tokens;
    }
    return out;
  };

  const provider: Provider = {
    id,
    available: options.available,
    async chat(model, params, call) {
      try {
        const response = await postChat(body(model, params, call, false), call.signal);
        const completion = (await response.json()) as ChatCompletion;
        return { completion, usage: openaiUsage(completion.usage) };
      } catch (error) {
        throw toUpstreamError(id, error, call.signal);
      }
    },
    async chatStream(model, params, call): Promise<ChatStream> {
      let response: Response;
      try {
        response = await postChat(body(model, params, call, true), call.signal);
      } catch (error) {
        throw toUpstreamError(id, error, call.signal);
      }
      const meter = new StreamMeter();
      return {
        meter,
        async *[Symbol.asyncIterator]() {
          try {
            for await (const { data: chunk, raw, more } of decodeSSE<ChatChunk>(response)) {
              if (chunk.usage) meter.report(openaiUsage(chunk.usage), true);
              if (chunk.choices) for (const choice of chunk.choices) meter.pieces += countPieces(choice.delta);
              // the route relays this text as is when it changes nothing but the model id
              (chunk as ChatChunk & { [RAW_JSON]?: string })[RAW_JSON] = raw;
              if (more) (chunk as ChatChunk & { [MORE_BUFFERED]?: boolean })[MORE_BUFFERED] = true;
              yield chunk;
            }
          } catch (error) {
            throw toUpstreamError(id, error, call.signal);
          }
        },
      };
    },
  };
  if (options.images) {
    provider.images = async (model, params, call: UpstreamCall) => {
      try {
        const response = (await client.images.generate({ ...params, model: model.upstream } as never, { signal: call.signal })) as unknown as ImagesResponse;
        const input = Number((response.usage as { input_tokens?: number } | undefined)?.input_tokens ?? 0);
        return {
          response,
          usage: { ...emptyUsage(), inputTokens: input, images: response.data?.length ?? 0 },
        };
      } catch (error) {
        throw toUpstreamError(id, error, call.signal);
      }
    };
  }
  return provider;
}

/** OpenAI (`OPENAI_API_KEY`, `OPENAI_BASE_URL`). */
export function createOpenAIProvider(options: { apiKey?: string; baseURL: string }): Provider {
  return createOpenAICompatibleProvider({ id: 'openai', baseURL: options.baseURL, apiKey: options.apiKey, available: !!options.apiKey, images: true });
}
