/**
 * A local stand-in for llm-router's OpenAI-compatible API (`POST /v1/chat/completions`), speaking OpenAI's SSE
 * framing: a role chunk, one chunk per piece, a finish chunk, a final usage chunk (with llm-router's `cost_micros`
 * when `stream_options.include_usage`), then `data: [DONE]`. It records every request (headers and body).
 */
export interface FakeRouterRequest {
  headers: Record<string, string>;
  body: { model: string; messages: Array<{ role: string; content: string }>; stream?: boolean; stream_options?: { include_usage?: boolean } };
}

export interface FakeRouter {
  readonly url: string;
  readonly requests: FakeRouterRequest[];
  /** The narration to stream (split into these pieces). */
  pieces: string[];
  /** Delay between pieces (streaming tests). */
  pieceDelayMs: number;
  costMicros: number;
  /** Answer the next N requests with a 503 (retry tests). */
  failNext: number;
  stop(): Promise<void>;
}

export function startFakeRouter(options: { token?: string } = {}): FakeRouter {
  let n = 0;
  const fake: FakeRouter = {
    url: '',
    requests: [],
    pieces: ['The torches ', 'gutter as ', 'you step ', 'inside.'],
    pieceDelayMs: 0,
    costMicros: 1234,
    failNext: 0,
    async stop() {
      await server.stop(true);
    },
  };
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const path = new URL(req.url).pathname;
      if (req.method !== 'POST' || path !== '/v1/chat/completions') return Response.json({ error: { message: 'not found', type: 'invalid_request_error' } }, { status: 404 });
      if (options.token && req.headers.get('authorization') !== `Bearer ${options.token}`) {
        return Response.json({ error: { message: 'Invalid service token', type: 'authentication_error', code: 'UNAUTHENTICATED' } }, { status: 401 });
      }
      const body = (await req.json()) as FakeRouterRequest['body'];
      fake.requests.push({ headers: Object.fromEntries(req.headers), body });
      if (fake.failNext > 0) {
        fake.failNext--;
        return Response.json({ error: { message: 'all providers of the tier are down', type: 'server_error', code: 'SERVICE_UNAVAILABLE' } }, { status: 503 });
      }
      const id = `chatcmpl-fake${++n}`;
      const created = Math.floor(Date.now() / 1000);
      const model = `fake/${String(body.model).toLowerCase()}`;
      const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null })}\n\n`;
      const events = [chunk({ role: 'assistant', content: '' }), ...fake.pieces.map((p) => chunk({ content: p })), chunk({}, 'stop')];
      if (body.stream_options?.include_usage) {
        events.push(
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150, cost_micros: fake.costMicros } })}\n\n`,
        );
      }
      events.push('data: [DONE]\n\n');
      const delay = fake.pieceDelayMs;
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          for (const e of events) {
            controller.enqueue(encoder.encode(e));
            if (delay) await Bun.sleep(delay);
          }
          controller.close();
        },
      });
      return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-startales-cost-micros': String(fake.costMicros) } });
    },
  });
  (fake as { url: string }).url = `http://127.0.0.1:${server.port}`;
  return fake;
}
