import { sseStream, startFake, type FakeBase, type Failure } from './common.ts';

/**
 * A fake of the Gemini API (`/v1/models/{model}:generateContent` — or `/v1beta/…` — and `:streamGenerateContent?alt=sse`, SSE
 * framed with CRLF as Google sends it). Every stream chunk carries cumulative `usageMetadata`.
 */

export interface GeminiReply {
  pieces: string[];
  thoughts?: string[];
  functionCall?: { name: string; args: Record<string, unknown> };
  /** Final `usageMetadata` as Gemini reports it. */
  usage: Record<string, number>;
}

export interface FakeGemini extends FakeBase {
  reply: GeminiReply;
}

export const defaultGeminiUsage = () => ({ promptTokenCount: 100, candidatesTokenCount: 20, totalTokenCount: 120 });

/** Google's error body. */
export const geminiError = (code: number, status: string, message: string, retryDelay?: string): Failure => ({
  status: code,
  body: {
    error: {
      code,
      message,
      status,
      ...(retryDelay ? { details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }] } : {}),
    },
  },
});

const ROUTE = /^\/v1(?:beta)?\/models\/([^:]+):(generateContent|streamGenerateContent)(\?alt=sse)?$/;
export const PNG_B64 = Buffer.from('fake-png').toString('base64');

export function startFakeGemini(apiKey = 'gemini-test-key'): FakeGemini {
  let n = 0;
  const fake = startFake(
    (req, f) => {
      const self = f as FakeGemini;
      const match = ROUTE.exec(req.path);
      if (req.method !== 'POST' || !match) {
        return Response.json({ error: { code: 404, message: `Not found: ${req.path}`, status: 'NOT_FOUND' } }, { status: 404 });
      }
      const model = match[1]!;
      const id = `gemini-resp-${++n}`;
      const reply = self.reply;
      const imageOutput = (req.body?.generationConfig?.responseModalities ?? []).includes('IMAGE');
      if (match[2] === 'generateContent') {
        const parts: unknown[] = [];
        if (imageOutput) parts.push({ inlineData: { mimeType: 'image/png', data: PNG_B64 } });
        else {
          for (const t of reply.thoughts ?? []) parts.push({ text: t, thought: true });
          if (reply.functionCall) parts.push({ functionCall: reply.functionCall });
          else parts.push({ text: reply.pieces.join('') });
        }
        return Response.json({
          candidates: [{ content: { parts, role: 'model' }, finishReason: 'STOP', index: 0 }],
          usageMetadata: { ...reply.usage, promptTokensDetails: [{ modality: 'TEXT', tokenCount: reply.usage.promptTokenCount }] },
          modelVersion: model,
          responseId: id,
        });
      }
      const pieces = reply.functionCall ? [''] : reply.pieces;
      const events = pieces.map((p, i) => {
        const last = i === pieces.length - 1;
        const parts: unknown[] = [];
        if (i === 0) for (const t of reply.thoughts ?? []) parts.push({ text: t, thought: true });
        if (reply.functionCall) parts.push({ functionCall: reply.functionCall });
        else parts.push({ text: p });
        const usage = last
          ? reply.usage
          : {
              ...reply.usage,
              candidatesTokenCount: Math.ceil(((reply.usage.candidatesTokenCount ?? 0) * (i + 1)) / pieces.length),
              totalTokenCount: undefined,
            };
        const body = {
          candidates: [{ content: { parts, role: 'model' }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
          usageMetadata: usage,
          modelVersion: model,
          responseId: id,
        };
        return `data: ${JSON.stringify(body)}\r\n\r\n`;
      });
      return sseStream(self, events);
    },
    {
      authorize: (headers) =>
        headers['x-goog-api-key'] === apiKey
          ? undefined
          : Response.json({ error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } }, { status: 400 }),
    },
  ) as FakeGemini;
  const defaults = (): GeminiReply => ({ pieces: ['Well met', ', adventurer', '.'], usage: defaultGeminiUsage() });
  fake.reply = defaults();
  const reset = fake.reset;
  fake.reset = () => {
    reset();
    fake.reply = defaults();
  };
  return fake;
}
