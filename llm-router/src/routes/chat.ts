import { promptTokenBound } from '../pricing/cost.ts';
import type { ModelInfo } from '../pricing/price-table.ts';
import { toOpenAIUsage } from '../providers/openai/usage.ts';
import { MORE_BUFFERED, RAW_JSON } from '../providers/openai/sse.ts';
import { UpstreamError } from '../providers/errors.ts';
import type { ChatStream, ProviderSet } from '../providers/types.ts';
import type { OpenAIUsage } from '../providers/wire.ts';
import { readJsonBody } from '../http/body.ts';
import type { Auth } from '../modules/auth/service.ts';
import { callerOf, type Call, type Pipeline } from '../modules/calls/pipeline.ts';
import { countChatImages, parseChatParams } from './model.ts';
import { callHeaders, json, sseResponse } from './sse.ts';

export interface RouteDeps {
  auth: Auth;
  pipeline: Pipeline;
  providers: ProviderSet;
  maxBodyBytes: number;
}

/** Merges the router's usage (normalized, with the cost) over the provider's, keeping its extra details. */
export function usageWithCost(upstream: OpenAIUsage | null | undefined, usage: ReturnType<typeof toOpenAIUsage>): OpenAIUsage {
  if (!upstream) return usage;
  return {
    ...upstream,
    ...usage,
    prompt_tokens_details: { ...upstream.prompt_tokens_details, ...usage.prompt_tokens_details },
    completion_tokens_details: { ...upstream.completion_tokens_details, ...usage.completion_tokens_details },
  };
}

/** `POST /v1/chat/completions`: OpenAI's format, any provider behind it, JSON or SSE. */
export function createChatHandler(deps: RouteDeps) {
  const { pipeline, providers } = deps;
  return async (request: Request): Promise<Response> => {
    const caller = await callerOf(deps.auth, request);
    const body = await readJsonBody(request, deps.maxBodyBytes);
    const params = parseChatParams(body.value);
    const stream = params.stream === true;
    const call = await pipeline.begin({
      request,
      caller,
      endpoint: 'chat',
      kind: 'chat',
      requested: params.model,
      stream,
      bound: {
        promptTokens: promptTokenBound(body.bytes, countChatImages(params), !!params.tools?.length),
        maxOutputTokens: params.max_completion_tokens ?? params.max_tokens ?? undefined,
        images: 0,
      },
      promptEstimate: Math.ceil(body.bytes / 4),
    });

    return pipeline.guard(call, async () => {
      if (!stream) {
        const { result, model, attempts } = await pipeline.run(call, (m, upstream) => providers[m.provider].chat(m, params, upstream));
        const cost = pipeline.finish(call, { model, attempts, status: call.signal.aborted ? 'aborted' : 'ok', usage: result.usage });
        const completion = result.completion;
        completion.model = model.id;
        completion.usage = usageWithCost(completion.usage, toOpenAIUsage(result.usage, cost));
        return json(completion, callHeaders(call, model, pipeline.version, cost));
      }

      const { result, model, attempts, abort } = await pipeline.run(call, (m, upstream) => providers[m.provider].chatStream(m, params, upstream));
      const finishAborted = () => {
        abort(new Error('client closed the stream'));
        const { usage, estimated } = result.meter.result(call.promptEstimate);
        pipeline.finish(call, { model, attempts, status: 'aborted', usage, estimated, error: { code: 'client_aborted', message: 'client closed the stream' } });
      };
      return sseResponse(chatEvents(pipeline, call, result, model, attempts), finishAborted, callHeaders(call, model, pipeline.version));
    });
  };
}

/**
 * Rewrites the model id in a chunk's JSON text: `raw` with its top-level `"model":"<upstream>"` replaced by the
 * router's model id, or undefined when that exact text is not found before `"choices"` (other formatting: the
 * caller re-serialises). The JSON literals are built once per stream (per upstream model id seen).
 */
export function modelRewriter(routerModel: string) {
  const to = `"model":${JSON.stringify(routerModel)}`;
  let upstreamSeen: string | undefined;
  let from = '';
  return (raw: string, upstream: unknown): string | undefined => {
    if (typeof upstream !== 'string') return undefined;
    if (upstream !== upstreamSeen) {
      upstreamSeen = upstream;
      from = `"model":${JSON.stringify(upstream)}`;
    }
    const at = raw.indexOf(from);
    if (at < 0) return undefined;
    const choices = raw.indexOf('"choices"');
    if (choices >= 0 && choices < at) return undefined;
    return raw.slice(0, at) + to + raw.slice(at + from.length);
  };
}

/**
 * Relays the provider's chunks (model id rewritten, usage held back), then one final usage chunk with the cost
 * and `[DONE]`. A provider failure mid-stream ends it with an OpenAI-style error event.
 */
async function* chatEvents(pipeline: Pipeline, call: Call, stream: ChatStream, model: ModelInfo, attempts: number): AsyncGenerator<string> {
  let id = `chatcmpl-${call.id}`;
  let created = Math.floor(Date.now() / 1000);
  let upstreamUsage: OpenAIUsage | undefined;
  const withModel = modelRewriter(model.id);
  // events that arrived in one upstream read go out in one write
  let pending = '';
  try {
    for await (const chunk of stream) {
      const more = (chunk as { [MORE_BUFFERED]?: boolean })[MORE_BUFFERED] === true;
      let raw = (chunk as { [RAW_JSON]?: string })[RAW_JSON];
      // a usage-only chunk is held back (the router's final chunk carries the usage with its cost)
      let usageOnly = false;
      if (chunk.usage) {
        upstreamUsage = chunk.usage;
        usageOnly = chunk.choices.length === 0;
        chunk.usage = undefined;
        raw = undefined;
      }
      if (!usageOnly) {
        id = chunk.id || id;
        created = chunk.created || created;
        // the provider's own text with only the model id replaced (when it is where OpenAI puts it), else re-serialised
        const line = raw === undefined ? undefined : withModel(raw, chunk.model);
        if (line !== undefined) pending += `data: ${line}\n\n`;
        else {
          chunk.model = model.id;
          pending += `data: ${JSON.stringify(chunk)}\n\n`;
        }
      }
      if (!more && pending) {
        yield pending;
        pending = '';
      }
    }
  } catch (error) {
    if (pending) yield pending;
    const aborted = error instanceof UpstreamError && error.kind === 'aborted';
    const { usage, estimated } = stream.meter.result(call.promptEstimate);
    const message = error instanceof Error ? error.message : String(error);
    pipeline.finish(call, { model, attempts, status: aborted ? 'aborted' : 'error', usage, estimated, error: { code: aborted ? 'client_aborted' : 'stream_failed', message } });
    if (!aborted) yield `data: ${JSON.stringify({ error: { message: `${model.provider} stream failed: ${message}`, type: 'api_error', code: 'UPSTREAM_ERROR', param: null } })}\n\n`;
    return;
  }
  const { usage, estimated } = stream.meter.result(call.promptEstimate);
  const cost = pipeline.finish(call, { model, attempts, status: 'ok', usage, estimated });
  const final = { id, object: 'chat.completion.chunk', created, model: model.id, choices: [], usage: usageWithCost(upstreamUsage, toOpenAIUsage(usage, cost)) };
  yield `${pending}data: ${JSON.stringify(final)}\n\ndata: [DONE]\n\n`;
}
