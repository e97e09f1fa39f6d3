import { promptTokenBound } from '../pricing/cost.ts';
import { readJsonBody } from '../http/body.ts';
import { callerOf } from '../modules/calls/pipeline.ts';
import { parseImageParams } from './model.ts';
import type { RouteDeps } from './chat.ts';
import { callHeaders, json } from './sse.ts';
import { RouterError, RouterErrorCode } from '../errors.ts';

/** `POST /v1/images/generations`: OpenAI's images API over OpenAI and Gemini image models, priced per image. */
export function createImagesHandler(deps: RouteDeps) {
  const { pipeline, providers } = deps;
  return async (request: Request): Promise<Response> => {
    const caller = await callerOf(deps.auth, request);
    const body = await readJsonBody(request, deps.maxBodyBytes);
    const params = parseImageParams(body.value);
    const call = await pipeline.begin({
      request,
      caller,
      endpoint: 'images',
      kind: 'image',
      requested: params.model,
      stream: false,
      bound: { promptTokens: promptTokenBound(body.bytes, 0, false), maxOutputTokens: undefined, images: params.n ?? 1 },
      promptEstimate: Math.ceil(body.bytes / 4),
    });
    return pipeline.guard(call, async () => {
      const { result, model, attempts } = await pipeline.run(call, (m, upstream) => {
        const images = providers[m.provider].images;
        if (!images) throw new RouterError(RouterErrorCode.BAD_USER_INPUT, `${m.provider} does not generate images`, 400);
        return images(m, params, upstream);
      });
      const cost = pipeline.finish(call, { model, attempts, status: call.signal.aborted ? 'aborted' : 'ok', usage: result.usage });
      const response = {
        ...result.response,
        usage: { ...(result.response.usage ?? {}), images: result.usage.images, input_tokens: result.usage.inputTokens, cost_micros: cost },
      };
      return json(response, callHeaders(call, model, pipeline.version, cost));
    });
  };
}
