/**
 * A fake OpenAI-compatible upstream for the benchmark: `POST /v1/chat/completions`, JSON or SSE (with the usage
 * chunk when `stream_options.include_usage` is set, as OpenAI does), answering at once. Runs in a process of its
 * own so that the load generator, the proxies under test and the upstream never share an event loop.
 *
 *   PORT=… bun bench/llm-router/fake-upstream.ts     (prints `ready <port>` once listening, on 127.0.0.1 only)
 */

const PIECES = ['The', ' tavern', ' smells', ' of', ' smoke', ' and', ' spilled', ' ale', '.'];
const usage = {
  prompt_tokens: 42,
  completion_tokens: PIECES.length,
  total_tokens: 42 + PIECES.length,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};
const encoder = new TextEncoder();
let n = 0;

function json(model: string): Response {
  return Response.json({
    id: `chatcmpl-bench${++n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: PIECES.join(''), refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
    usage,
    service_tier: 'default',
    system_fingerprint: 'fp_bench',
  });
}

function sse(model: string, includeUsage: boolean): Response {
  const id = `chatcmpl-bench${++n}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      service_tier: 'default',
      system_fingerprint: 'fp_bench',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    })}\n\n`;
  const events = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const p of PIECES) events.push(chunk({ content: p }));
  events.push(chunk({}, 'stop'));
  if (includeUsage) events.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, service_tier: 'default', system_fingerprint: 'fp_bench', choices: [], usage })}\n\n`);
  events.push('data: [DONE]\n\n');
  let i = 0;
  // one event per read, as a provider's stream arrives (no artificial delay)
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < events.length) controller.enqueue(encoder.encode(events[i++]!));
      else controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' } });
}

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: Number(Bun.env.PORT ?? 0),
  async fetch(request) {
    const path = new URL(request.url).pathname;
    if (request.method === 'GET' && path === '/healthz') return new Response('ok');
    if (request.method !== 'POST' || path !== '/v1/chat/completions') return Response.json({ error: { message: `no route ${path}` } }, { status: 404 });
    const body = (await request.json()) as { model?: string; stream?: boolean; stream_options?: { include_usage?: boolean } };
    const model = body.model ?? 'unknown';
    return body.stream ? sse(model, body.stream_options?.include_usage === true) : json(model);
  },
});
console.log(`ready ${server.port}`);
process.on('SIGTERM', () => {
  void server.stop(true);
  process.exit(0);
});
