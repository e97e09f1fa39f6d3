/**
 * A local fake of our llm-router's OpenAI-compatible API, for services that call it through the OpenAI SDK:
 * `POST /v1/chat/completions` (JSON, or OpenAI's SSE when the body asks `stream: true`: `data: <chunk>\n\n` lines, a
 * usage chunk with the router's `cost_micros` when `stream_options.include_usage`, then `data: [DONE]`) and
 * `POST /v1/images/generations` (`b64_json` images). Like the router it checks the bearer token and the
 * `x-startales-user` attribution, answers errors as `{ error: { message, type, code, param } }` with the router's
 * statuses, and reports `x-startales-call-id` / `x-startales-model` / `x-startales-cost-micros`. What the model says
 * comes from the suite's handlers; every request is recorded, and each endpoint can be told to fail or to stall.
 */
import { LlmRouterErrorCode, MODERATION_CATEGORIES } from '@startales/contracts';

/** One request the fake received. */
export interface FakeRouterRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The parsed JSON body (null when there was none or it was not JSON). */
  body: any;
}

/**
 * How an endpoint fails, each as llm-router answers it: `down` 503 (no provider), `budget` 402, `rate` 429 with
 * `retry-after: 17`, `policy` the provider's 400 content-policy refusal (passed on), `garbage` a 200 whose content
 * is useless (chat: text with no JSON; images: a URL instead of bytes).
 */
export type FakeRouterFailure = 'down' | 'budget' | 'rate' | 'policy' | 'garbage';

/** A chat completion's answer. */
export interface FakeChatAnswer {
  content: string;
  /** The model that "served" it (default `fake/<requested model, lower case>`). */
  model?: string;
  promptTokens?: number;
  /** Default: one per streamed word. */
  completionTokens?: number;
  /** Reported in `usage.cost_micros` and `x-startales-cost-micros`. */
  costMicros?: number;
}

/** An image generation's answer. */
export interface FakeImageAnswer {
  image: Uint8Array;
  revisedPrompt?: string | null;
  model?: string;
  costMicros?: number;
}

export interface FakeLlmRouterOptions {
  /** The bearer token every call must carry (the router's service token); unset accepts any. */
  token?: string;
  /** Refuse service-token calls without `x-startales-user`, as the router does (default true). */
  requireUser?: boolean;
  /** Answers chat completions; without it the endpoint is 404. */
  chat?: (request: FakeRouterRequest) => FakeChatAnswer | Promise<FakeChatAnswer>;
  /** Answers image generations; without it the endpoint is 404. */
  images?: (request: FakeRouterRequest) => FakeImageAnswer | Promise<FakeImageAnswer>;
  /**
   * Calls this fake takes at all; others get a 503 and are not recorded (a suite's fake sharing one router URL with
   * other services in an end-to-end stack).
   */
  serves?: (request: FakeRouterRequest) => boolean;
}

export interface FakeLlmRouter {
  url: string;
  /** Every request received (except those `serves` turned away), in order. */
  requests: FakeRouterRequest[];
  /** Make an endpoint fail; undefined answers normally. */
  fail: { chat?: FakeRouterFailure; images?: FakeRouterFailure };
  /** Milliseconds an endpoint waits before answering (in-flight tests). */
  delayMs: { chat?: number; images?: number };
  stop(): Promise<void>;
}

/** A real 1×1 PNG. */
export const TEST_PNG = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));

/** The router's error body (`errorResponse` in llm-router/src/errors.ts). */
function routerError(status: number, code: string, message: string, extra: { type?: string; param?: string; headers?: Record<string, string> } = {}): Response {
  const type = extra.type ?? (status === 401 ? 'authentication_error' : status === 402 ? 'insufficient_quota' : status === 429 ? 'rate_limit_error' : status === 503 ? 'overloaded_error' : status === 404 ? 'not_found_error' : 'invalid_request_error');
  return Response.json({ error: { message, type, code, param: extra.param ?? null } }, { status, headers: extra.headers });
}

function failure(kind: Exclude<FakeRouterFailure, 'garbage'>): Response {
  switch (kind) {
    case 'down':
      return routerError(503, 'SERVICE_UNAVAILABLE', 'No provider could take the call: upstream unavailable');
    case 'budget':
      return routerError(402, 'BUDGET_EXCEEDED', 'Budget exceeded: this call may cost up to 50000 micro-dollars and the user budget has 0 left');
    case 'rate':
      return routerError(429, 'RATE_LIMITED', 'Rate limit reached (requests per minute); retry in 17s', { headers: { 'retry-after': '17' } });
    case 'policy':
      return routerError(400, 'content_policy_violation', 'Your request was rejected by the safety system', { type: 'invalid_request_error' });
  }
}

const GARBAGE_TEXT = 'I would rather not say.';

/** The router's headers on every LLM answer. */
const callHeaders = (model: string, costMicros: number | undefined): Record<string, string> => ({
  'x-startales-call-id': crypto.randomUUID(),
  'x-startales-model': model,
  'x-startales-provider': model.split('/')[0] ?? 'fake',
  ...(costMicros !== undefined ? { 'x-startales-cost-micros': String(costMicros) } : {}),
});

function chatResponse(body: { model?: string; stream?: boolean; stream_options?: { include_usage?: boolean } }, answer: FakeChatAnswer): Response {
  const id = `chatcmpl-${crypto.randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const model = answer.model ?? `fake/${String(body.model ?? 'model').toLowerCase()}`;
  const words = answer.content.split(/(?<= )/);
  const usage = {
    prompt_tokens: answer.promptTokens ?? 100,
    completion_tokens: answer.completionTokens ?? words.length,
    total_tokens: (answer.promptTokens ?? 100) + (answer.completionTokens ?? words.length),
    ...(answer.costMicros !== undefined ? { cost_micros: answer.costMicros } : {}),
  };
  const headers = callHeaders(model, answer.costMicros);
  if (!body.stream) {
    return Response.json(
      { id, object: 'chat.completion', created, model, choices: [{ index: 0, message: { role: 'assistant', content: answer.content }, finish_reason: 'stop' }], usage },
      { headers },
    );
  }
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
  const delta = (d: Record<string, unknown>, finish: string | null = null) => chunk([{ index: 0, delta: d, finish_reason: finish }]);
  const parts = [delta({ role: 'assistant', content: '' }), ...words.map((w) => delta({ content: w })), delta({}, 'stop')];
  if (body.stream_options?.include_usage) parts.push(chunk([], { usage }));
  parts.push('data: [DONE]\n\n');
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(encoder.encode(p));
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers } });
}

function imageResponse(answer: FakeImageAnswer, garbage: boolean): Response {
  const model = answer.model ?? 'openai/gpt-image-1';
  const created = Math.floor(Date.now() / 1000);
  const data = garbage
    ? [{ url: 'https://example.invalid/x.png' }]
    : [{ b64_json: Buffer.from(answer.image).toString('base64'), ...(answer.revisedPrompt ? { revised_prompt: answer.revisedPrompt } : {}) }];
  return Response.json(
    { created, data, usage: { images: 1, input_tokens: 60, ...(answer.costMicros !== undefined ? { cost_micros: answer.costMicros } : {}) } },
    { headers: callHeaders(model, answer.costMicros) },
  );
}

/** Starts the fake on a free loopback port. */
export function startFakeLlmRouter(options: FakeLlmRouterOptions = {}): FakeLlmRouter {
  const requests: FakeRouterRequest[] = [];
  const fake = { requests, fail: {}, delayMs: {} } as FakeLlmRouter;
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const path = new URL(req.url).pathname;
      const request: FakeRouterRequest = { method: req.method, path, headers: Object.fromEntries(req.headers.entries()), body: await req.json().catch(() => null) };
      if (options.serves && !options.serves(request)) return failure('down');
      requests.push(request);
      const endpoint = path === '/v1/chat/completions' ? 'chat' : path === '/v1/images/generations' ? 'images' : null;
      if (req.method !== 'POST' || !endpoint || !options[endpoint]) return routerError(404, 'NOT_FOUND', `No route ${req.method} ${path}`);
      if (options.token !== undefined && request.headers.authorization !== `Bearer ${options.token}`) return routerError(401, 'UNAUTHENTICATED', 'Invalid or missing token');
      if ((options.requireUser ?? true) && !request.headers['x-startales-user']) {
        return routerError(400, LlmRouterErrorCode.ATTRIBUTION_REQUIRED, 'Every call must be attributed to a user: send the x-startales-user header', { param: 'x-startales-user' });
      }
      if (!request.body || typeof request.body !== 'object') return routerError(400, 'BAD_USER_INPUT', 'The body must be a JSON object');
      const delay = fake.delayMs[endpoint];
      if (delay) await Bun.sleep(delay);
      const failing = fake.fail[endpoint];
      if (failing && failing !== 'garbage') return failure(failing);
      if (endpoint === 'chat') {
        const answer = await options.chat!(request);
        return chatResponse(request.body, failing === 'garbage' ? { ...answer, content: GARBAGE_TEXT } : answer);
      }
      return imageResponse(await options.images!(request), failing === 'garbage');
    },
  });
  fake.url = `http://127.0.0.1:${server.port}`;
  fake.stop = () => server.stop(true);
  return fake;
}

/**
 * What a classifier call quoted: services put the text on the user message's line after the instruction as a JSON
 * string, and a portrait check adds the image as a data URL part.
 */
export function classifiedContent(request: FakeRouterRequest): { text: string; image: Uint8Array | null } {
  const content = (request.body?.messages as Array<{ role: string; content: unknown }> | undefined)?.find((m) => m.role === 'user')?.content;
  const parts = (typeof content === 'string' ? [{ type: 'text', text: content }] : (content ?? [])) as Array<{ type: string; text?: string; image_url?: { url: string } }>;
  const text = parts.find((p) => p.type === 'text')?.text ?? '';
  const quoted = JSON.parse(text.slice(text.indexOf('\n') + 1)) as string;
  const url = parts.find((p) => p.type === 'image_url')?.image_url?.url;
  return { text: quoted, image: url ? new Uint8Array(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')) : null };
}

/** A moderation classifier's answer: every category of the contracts scored (missing ones 0), as the model writes it. */
export function classifierAnswer(scores: Partial<Record<string, number>>): string {
  return JSON.stringify(Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, scores[c] ?? 0])));
}
