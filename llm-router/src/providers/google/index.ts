import { GoogleGenAI, Modality, type GenerateContentResponse } from '@google/genai';
import type { ModelInfo } from '../../pricing/price-table.ts';
import { emptyUsage } from '../../pricing/cost.ts';
import { toUpstreamError } from '../errors.ts';
import { StreamMeter, type Provider, type UpstreamCall } from '../types.ts';
import type { ImageParams, ImagesResponse } from '../wire.ts';
import { toGeminiRequest } from './request.ts';
import { toChatCompletion } from './response.ts';
import { geminiToChunks } from './stream.ts';
import { geminiUsage } from './usage.ts';

/**
 * Gemini through `@google/genai` (`GEMINI_API_KEY`, `GEMINI_BASE_URL`): chat by mapping OpenAI's format to
 * `generateContent`, and images through Gemini image models (`generateContent` with image output), metered per
 * image. (Imagen's `generateImages` is Vertex-only in the SDK, so it is not offered.)
 */
export function createGoogleProvider(options: { apiKey?: string; baseURL: string }): Provider {
  const ai = new GoogleGenAI({ apiKey: options.apiKey ?? 'unused', httpOptions: { baseUrl: options.baseURL } });

  const images = async (model: ModelInfo, params: ImageParams, call: UpstreamCall) => {
    const n = params.n ?? 1;
    const created = Math.floor(Date.now() / 1000);
    // a Gemini image model answers one image per call
    const results = await Promise.all(
      Array.from({ length: n }, () =>
        ai.models.generateContent({
          model: model.upstream,
          contents: params.prompt,
          config: { responseModalities: [Modality.IMAGE], abortSignal: call.signal, automaticContinuation: false },
        }),
      ),
    );
    const data: ImagesResponse['data'] = [];
    let input = 0;
    for (const r of results) {
      input += geminiUsage(r.usageMetadata).inputTokens;
      for (const part of r.candidates?.[0]?.content?.parts ?? []) if (part.inlineData?.data) data.push({ b64_json: part.inlineData.data });
    }
    return { response: { created, data } satisfies ImagesResponse, usage: { ...emptyUsage(), inputTokens: input, images: data.length } };
  };

  return {
    id: 'google',
    available: !!options.apiKey,
    async chat(model, params, call) {
      try {
        const response = await ai.models.generateContent(toGeminiRequest(model, params, call));
        return { completion: toChatCompletion(response, model.id), usage: geminiUsage(response.usageMetadata) };
      } catch (error) {
        throw toUpstreamError('google', error, call.signal);
      }
    },
    async chatStream(model, params, call) {
      let responses: AsyncIterable<GenerateContentResponse>;
      try {
        responses = await ai.models.generateContentStream(toGeminiRequest(model, params, call));
      } catch (error) {
        throw toUpstreamError('google', error, call.signal);
      }
      const meter = new StreamMeter();
      return {
        meter,
        async *[Symbol.asyncIterator]() {
          try {
            yield* geminiToChunks(responses, model.id, meter);
          } catch (error) {
            throw toUpstreamError('google', error, call.signal);
          }
        },
      };
    },
    async images(model, params, call) {
      try {
        return await images(model, params, call);
      } catch (error) {
        throw toUpstreamError('google', error, call.signal);
      }
    },
  };
}
