/**
 * A local fake of llm-router's OpenAI-compatible API (`POST /v1/chat/completions`, non-streaming), answering the
 * moderation classifier with a JSON object of category scores computed by `score(text)` from the quoted text.
 * Records every request (headers and body), checks the bearer token, and can be told to fail.
 */
export interface FakeLlmRequest {
  headers: Record<string, string>;
  body: { model: string; messages: Array<{ role: string; content: string }>; [k: string]: unknown };
}

export interface FakeLlmRouter {
  url: string;
  requests: FakeLlmRequest[];
  /** 'ok' answers; 'down' answers 503; 'garbage' answers text that holds no JSON. */
  mode: 'ok' | 'down' | 'garbage';
  /** Scores for the text being classified (categories left out score 0). */
  score: (text: string) => Partial<Record<string, number>>;
  stop(): Promise<void>;
}

/** The text the classifier quoted in its user message. */
export function quotedText(request: FakeLlmRequest): string {
  const content = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  const quoted = content.slice(content.indexOf('\n') + 1);
  return JSON.parse(quoted) as string;
}

export function startFakeLlmRouter(options: { token: string; score?: (text: string) => Partial<Record<string, number>> }): FakeLlmRouter {
  const state: Pick<FakeLlmRouter, 'mode' | 'score'> = { mode: 'ok', score: options.score ?? (() => ({})) };
  const requests: FakeLlmRequest[] = [];
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions') return new Response('not found', { status: 404 });
      const headers = Object.fromEntries(req.headers.entries());
      const body = (await req.json()) as FakeLlmRequest['body'];
      const request = { headers, body };
      requests.push(request);
      if (headers.authorization !== `Bearer ${options.token}`) {
        return Response.json({ error: { message: 'bad token', type: 'invalid_request_error', code: 'UNAUTHENTICATED' } }, { status: 401 });
      }
      if (state.mode === 'down') return Response.json({ error: { message: 'no provider available', type: 'server_error' } }, { status: 503 });
      const scores = state.mode === 'garbage' ? null : state.score(quotedText(request));
      const all = Object.fromEntries(['harassment', 'hate', 'sexual', 'sexual/minors', 'self-harm', 'violence', 'illicit', 'spam'].map((c) => [c, scores?.[c] ?? 0]));
      return Response.json({
        id: `chatcmpl-${crypto.randomUUID()}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: `fake/${body.model.toLowerCase()}`,
        choices: [{ index: 0, message: { role: 'assistant', content: scores ? JSON.stringify(all) : 'I cannot help with that.' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 120, completion_tokens: 40, total_tokens: 160, cost_micros: 21 },
      });
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
    get score() {
      return state.score;
    },
    set score(f) {
      state.score = f;
    },
    async stop() {
      await server.stop(true);
    },
  };
}
