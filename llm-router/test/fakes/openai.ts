import { sseStream, startFake, type FakeBase, type Failure } from './common.ts';

/**
 * A fake of OpenAI's API (`/v1/chat/completions` JSON and SSE, `/v1/images/generations`), also standing in for
 * xAI and Ollama, which speak the same format with their own usage accounting (`flavor`).
 */

export interface OpenAIReply {
  pieces: string[];
  /** Streamed as `reasoning_content` before the answer (xAI, Ollama's thinking models). */
  reasoning?: string[];
  toolCall?: { name: string; arguments: string };
  /** The `usage` object exactly as the provider reports it. */
  usage: Record<string, unknown>;
}

export interface FakeOpenAI extends FakeBase {
  reply: OpenAIReply;
  /** Images answer with this usage (gpt-image-1 reports input tokens). */
  imageUsage: Record<string, unknown> | undefined;
}

export type Flavor = 'openai' | 'xai' | 'ollama';

export const defaultUsage = (flavor: Flavor): Record<string, unknown> =>
  flavor === 'ollama'
    ? { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 }
    : {
        prompt_tokens: 100,
        completion_tokens: 20,
        total_tokens: 120,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      };

/** OpenAI's error body. */
export const openaiError = (status: number, message: string, code: string | null, type = 'invalid_request_error', headers?: Record<string, string>): Failure => ({
  status,
  body: { error: { message, type, param: null, code } },
  headers: { 'x-request-id': `req_${crypto.randomUUID().replaceAll('-', '')}`, ...headers },
});

export const rateLimited = (retryAfterSeconds: number): Failure =>
  openaiError(429, 'Rate limit reached for requests', 'rate_limit_exceeded', 'requests', {
    'retry-after': String(retryAfterSeconds),
    'retry-after-ms': String(retryAfterSeconds * 1000),
    'x-ratelimit-remaining-requests': '0',
  });

export function startFakeOpenAI(flavor: Flavor = 'openai', apiKey = `${flavor}-test-key`): FakeOpenAI {
  let n = 0;
  const fake = startFake(
    (req, f) => {
      const self = f as FakeOpenAI;
      if (req.method === 'POST' && req.path === '/v1/chat/completions') return chat(self, req.body);
      if (req.method === 'POST' && req.path === '/v1/images/generations' && flavor !== 'ollama') {
        const count = req.body?.n ?? 1;
        return Response.json({
          created: Math.floor(Date.now() / 1000),
          data: Array.from({ length: count }, (_, i) => ({ b64_json: Buffer.from(`png-${i}`).toString('base64') })),
          ...(self.imageUsage ? { usage: self.imageUsage } : {}),
        });
      }
      return Response.json({ error: { message: `Invalid URL (${req.method} ${req.path})`, type: 'invalid_request_error', param: null, code: null } }, { status: 404 });
    },
    {
      authorize: (headers) =>
        flavor === 'ollama' || headers.authorization === `Bearer ${apiKey}`
          ? undefined
          : Response.json(
              { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
              { status: 401 },
            ),
    },
  ) as FakeOpenAI;
  fake.reply = { pieces: ['Hello', ' there', '!'], usage: defaultUsage(flavor) };
  fake.imageUsage = undefined;
  const reset = fake.reset;
  fake.reset = () => {
    reset();
    fake.reply = { pieces: ['Hello', ' there', '!'], usage: defaultUsage(flavor) };
    fake.imageUsage = undefined;
  };

  function chat(self: FakeOpenAI, body: any): Response {
    const id = `chatcmpl-${flavor}${++n}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model;
    const reply = self.reply;
    const finish = reply.toolCall ? 'tool_calls' : 'stop';
    const toolCalls = reply.toolCall ? [{ id: 'call_abc123', type: 'function', function: reply.toolCall }] : undefined;
    if (!body.stream) {
      return Response.json({
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: toolCalls ? null : reply.pieces.join(''),
              refusal: null,
              annotations: [],
              ...(reply.reasoning ? { reasoning_content: reply.reasoning.join('') } : {}),
              ...(toolCalls ? { tool_calls: toolCalls } : {}),
            },
            logprobs: null,
            finish_reason: finish,
          },
        ],
        usage: reply.usage,
        service_tier: 'default',
        system_fingerprint: 'fp_fake',
      });
    }
    const includeUsage = body.stream_options?.include_usage === true;
    const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        service_tier: 'default',
        system_fingerprint: 'fp_fake',
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        ...(includeUsage ? { usage: null } : {}),
      })}\n\n`;
    const events = [chunk({ role: 'assistant', content: '', refusal: null })];
    for (const r of reply.reasoning ?? []) events.push(chunk({ reasoning_content: r }));
    if (toolCalls) {
      events.push(chunk({ tool_calls: [{ index: 0, id: 'call_abc123', type: 'function', function: { name: reply.toolCall!.name, arguments: '' } }] }));
      const args = reply.toolCall!.arguments;
      for (let i = 0; i < args.length; i += 8) events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + 8) } }] }));
    } else for (const p of reply.pieces) events.push(chunk({ content: p }));
    events.push(chunk({}, finish));
    if (includeUsage) {
      events.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, service_tier: 'default', system_fingerprint: 'fp_fake', choices: [], usage: reply.usage })}\n\n`);
    }
    events.push('data: [DONE]\n\n');
    return sseStream(self, events);
  }

  return fake;
}
