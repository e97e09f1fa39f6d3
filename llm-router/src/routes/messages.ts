import { costMicros, promptTokenBound } from '../pricing/cost.ts';
import type { ModelInfo } from '../pricing/price-table.ts';
import { UpstreamError } from '../providers/errors.ts';
import type { ChatStream, MessagesStream, StreamMeter } from '../providers/types.ts';
import type { ChatParams } from '../providers/wire.ts';
import { anthropicSse, createAnthropicStreamWriter, fromAnthropicParams, toAnthropicMessage } from '../formats/anthropic.ts';
import { readJsonBody } from '../http/body.ts';
import { callerOf, type Call, type Pipeline } from '../modules/calls/pipeline.ts';
import { countAnthropicImages, parseAnthropicParams } from './model.ts';
import type { RouteDeps } from './chat.ts';
import { callHeaders, json, sseResponse } from './sse.ts';

type Upstream = { kind: 'native'; stream: MessagesStream } | { kind: 'chat'; stream: ChatStream };

/**
 * `POST /v1/messages`: Anthropic's format. Claude models are called natively; any other model (or a tier alias
 * falling back to one) goes through the canonical chat format and back.
 */
export function createMessagesHandler(deps: RouteDeps) {
  const { pipeline, providers } = deps;
  return async (request: Request): Promise<Response> => {
    const caller = await callerOf(deps.auth, request);
    const body = await readJsonBody(request, deps.maxBodyBytes);
    const params = parseAnthropicParams(body.value);
    const stream = params.stream === true;
    let chatParams: ChatParams | undefined;
    const asChat = () => (chatParams ??= fromAnthropicParams(params));
    const call = await pipeline.begin({
      request,
      caller,
      endpoint: 'messages',
      kind: 'chat',
      requested: params.model,
      stream,
      bound: {
        promptTokens: promptTokenBound(body.bytes, countAnthropicImages(params), !!params.tools?.length),
        maxOutputTokens: params.max_tokens,
        images: 0,
      },
      promptEstimate: Math.ceil(body.bytes / 4),
    });

    return pipeline.guard(call, async () => {
      if (!stream) {
        const { result, model, attempts } = await pipeline.run(call, async (m, upstream) => {
          const provider = providers[m.provider];
          if (provider.messages) return provider.messages(m, params, upstream);
          const r = await provider.chat(m, asChat(), upstream);
          return { completion: r.completion, usage: r.usage };
        });
        const cost = pipeline.finish(call, { model, attempts, status: call.signal.aborted ? 'aborted' : 'ok', usage: result.usage });
        const message =
          'message' in result
            ? { ...result.message, model: model.id, usage: { ...result.message.usage, cost_micros: cost } }
            : toAnthropicMessage(result.completion, model.id, result.usage, cost);
        return json(message, callHeaders(call, model, pipeline.version, cost));
      }

      const { result, model, attempts, abort } = await pipeline.run<Upstream>(call, async (m, upstream) => {
        const provider = providers[m.provider];
        if (provider.messagesStream) return { kind: 'native', stream: await provider.messagesStream(m, params, upstream) };
        return { kind: 'chat', stream: await provider.chatStream(m, { ...asChat(), stream: true }, upstream) };
      });
      const meter = result.stream.meter;
      const onCancel = () => {
        abort(new Error('client closed the stream'));
        const { usage, estimated } = meter.result(call.promptEstimate);
        pipeline.finish(call, { model, attempts, status: 'aborted', usage, estimated, error: { code: 'client_aborted', message: 'client closed the stream' } });
      };
      const events = result.kind === 'native' ? nativeEvents(pipeline, call, result.stream, model, attempts) : translatedEvents(pipeline, call, result.stream, model, attempts);
      return sseResponse(events, onCancel, callHeaders(call, model, pipeline.version));
    });
  };
}

/** Ends a stream that failed: meters what was produced and tells the client with an Anthropic error event. */
function* failed(pipeline: Pipeline, call: Call, meter: StreamMeter, model: ModelInfo, attempts: number, error: unknown): Generator<string> {
  const aborted = error instanceof UpstreamError && error.kind === 'aborted';
  const { usage, estimated } = meter.result(call.promptEstimate);
  const message = error instanceof Error ? error.message : String(error);
  pipeline.finish(call, { model, attempts, status: aborted ? 'aborted' : 'error', usage, estimated, error: { code: aborted ? 'client_aborted' : 'stream_failed', message } });
  if (!aborted) yield anthropicSse({ type: 'error', error: { type: 'api_error', message: `${model.provider} stream failed: ${message}` } });
}

/** Claude's events as they come, with the router's model id and the cost in `message_delta.usage`. */
async function* nativeEvents(pipeline: Pipeline, call: Call, stream: MessagesStream, model: ModelInfo, attempts: number): AsyncGenerator<string> {
  try {
    for await (const event of stream) {
      if (event.type === 'message_start' && event.message) event.message.model = model.id;
      if (event.type === 'message_delta') event.usage = { ...event.usage, cost_micros: costMicros(model, stream.meter.usage) };
      if (event.type === 'message_stop') {
        const { usage, estimated } = stream.meter.result(call.promptEstimate);
        pipeline.finish(call, { model, attempts, status: 'ok', usage, estimated });
      }
      yield anthropicSse(event);
    }
  } catch (error) {
    yield* failed(pipeline, call, stream.meter, model, attempts, error);
    return;
  }
  const { usage, estimated } = stream.meter.result(call.promptEstimate);
  pipeline.finish(call, { model, attempts, status: 'ok', usage, estimated });
}

/** Another provider's chunks rewritten as Messages events. */
async function* translatedEvents(pipeline: Pipeline, call: Call, stream: ChatStream, model: ModelInfo, attempts: number): AsyncGenerator<string> {
  const writer = createAnthropicStreamWriter(model.id, `msg_${call.id.replaceAll('-', '')}`);
  try {
    for await (const chunk of stream) {
      const text = writer.chunk(chunk);
      if (text) yield text;
    }
  } catch (error) {
    yield* failed(pipeline, call, stream.meter, model, attempts, error);
    return;
  }
  const { usage, estimated } = stream.meter.result(call.promptEstimate);
  const cost = pipeline.finish(call, { model, attempts, status: 'ok', usage, estimated });
  yield writer.end(usage, cost);
}
