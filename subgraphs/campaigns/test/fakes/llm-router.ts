/**
 * A local fake of llm-router's OpenAI-compatible API (`POST /v1/chat/completions`), streaming like OpenAI's SSE:
 * `data: <chunk>\n\n` lines, a final chunk with `usage` (including llm-router's `cost_micros`), then `data: [DONE]`.
 * Records every request (headers and body) and can be told to fail.
 */
export interface FakeLlmRequest {
  headers: Record<string, string>;
  body: { model: string; messages: Array<{ role: string; content: string }>; stream?: boolean; [k: string]: unknown };
}

export interface FakeLlmRouter {
  url: string;
  requests: FakeLlmRequest[];
  /** 'ok' answers; 'down' answers 503 (as a router with no provider would). */
  mode: 'ok' | 'down';
  /** The text streamed back (split into a few chunks). */
  reply: string;
  costMicros: number;
  stop(): Promise<void>;
}

export function startFakeLlmRouter(options: { token?: string; reply?: string; costMicros?: number } = {}): FakeLlmRouter {
  const state = { mode: 'ok' as 'ok' | 'down', reply: options.reply ?? 'The tide rose over the drowned archipelago, and the Archivist vanished.', costMicros: options.costMicros ?? 1234 };
  const requests: FakeLlmRequest[] = [];
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions') return new Response('not found', { status: 404 });
      const headers = Object.fromEntries(req.headers.entries());
      const body = (await req.json()) as FakeLlmRequest['body'];
      requests.push({ headers, body });
      if (options.token && headers.authorization !== `Bearer ${options.token}`) {
        return Response.json({ error: { message: 'bad token', type: 'invalid_request_error', code: 'UNAUTHENTICATED' } }, { status: 401 });
      }
      if (state.mode === 'down') return Response.json({ error: { message: 'no provider available', type: 'server_error' } }, { status: 503 });
      const id = `chatcmpl-${crypto.randomUUID()}`;
      const created = Math.floor(Date.now() / 1000);
      const model = `fake/${body.model.toLowerCase()}`;
      const words = state.reply.split(/(?<= )/);
      const chunk = (delta: Record<string, unknown>, finish: string | null, usage?: Record<string, unknown>) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;
      const parts = [chunk({ role: 'assistant', content: '' }, null), ...words.map((w) => chunk({ content: w }, null)), chunk({}, 'stop')];
      parts.push(chunk({}, null, { prompt_tokens: 100, completion_tokens: words.length, total_tokens: 100 + words.length, cost_micros: state.costMicros }));
      parts.push('data: [DONE]\n\n');
      const stream = new ReadableStream({
        start(controller) {
          for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
          controller.close();
        },
      });
      return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'x-startales-cost-micros': String(state.costMicros) } });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    get mode() {
      return state.mode;
    },
    set mode(m) {
      state.mode = m;
    },
    get reply() {
      return state.reply;
    },
    set reply(r) {
      state.reply = r;
    },
    get costMicros() {
      return state.costMicros;
    },
    set costMicros(c) {
      state.costMicros = c;
    },
    async stop() {
      await server.stop(true);
    },
  };
}
