/** What callers get wrong: credentials, attribution, bodies, models. Always a 4xx with a message, never a 500. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import OpenAI from 'openai';
import { ADMIN_TOKEN, SERVICE_TOKEN, attribution, startRouter, type TestRouter } from './helpers.ts';

let router: TestRouter;
beforeAll(async () => {
  router = await startRouter({ unavailable: ['xai'] });
});
afterAll(() => router?.close());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${router.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json', ...attribution(), ...headers },
    body,
  });
const ask = { model: 'openai/gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('authentication', () => {
  test('no key, a wrong key, or a malformed Authorization header: 401', async () => {
    for (const headers of [{ authorization: '' }, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }]) {
      const res = await post('/v1/chat/completions', JSON.stringify(ask), headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { type: 'authentication_error', code: 'UNAUTHENTICATED' } });
    }
    const error = await router.openai(attribution(), 'sk-st-not-a-key').chat.completions.create(ask).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  test('the admin token cannot make LLM calls', async () => {
    const error = await router.openai(attribution(), ADMIN_TOKEN).chat.completions.create(ask).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });
});

describe('attribution', () => {
  test('a call without x-startales-user is rejected before reaching any provider', async () => {
    const before = router.fakes.openai.requests.length;
    const error = await router.openai({}).chat.completions.create(ask).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('ATTRIBUTION_REQUIRED');
    expect((error as Error).message).toContain('x-startales-user');
    expect(router.fakes.openai.requests.length).toBe(before);
    const anthropic = await router.anthropic({}).messages.create({ ...ask, max_tokens: 10 }).catch((e: unknown) => e);
    expect((anthropic as { status?: number }).status).toBe(400);
  });

  test('malformed attribution headers and unknown purposes are rejected', async () => {
    const cases: Array<Record<string, string>> = [{ 'x-startales-user': 'has spaces' }, { 'x-startales-campaign': 'x'.repeat(200) }, { 'x-startales-purpose': 'gossip' }];
    for (const headers of cases) {
      const res = await post('/v1/chat/completions', JSON.stringify(ask), headers);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; param: string } };
      expect(body.error.code).toBe('ATTRIBUTION_REQUIRED');
      expect(body.error.param).toBe(Object.keys(headers)[0]!);
    }
  });
});

describe('malformed bodies get 400 with a message', () => {
  const cases: Array<[string, string, string | null]> = [
    ['not JSON', '{"model": "openai/gpt-4o", ', null],
    ['empty', '', null],
    ['a JSON array', '[1, 2]', null],
    ['no model', JSON.stringify({ messages: ask.messages }), 'model'],
    ['model not a string', JSON.stringify({ ...ask, model: 42 }), 'model'],
    ['no messages', JSON.stringify({ model: ask.model }), 'messages'],
    ['empty messages', JSON.stringify({ ...ask, messages: [] }), 'messages'],
    ['messages not an array', JSON.stringify({ ...ask, messages: 'hi' }), 'messages'],
    ['a message that is not an object', JSON.stringify({ ...ask, messages: ['hi'] }), 'messages[0]'],
    ['unknown role', JSON.stringify({ ...ask, messages: [{ role: 'narrator', content: 'x' }] }), 'messages[0].role'],
    ['content of the wrong type', JSON.stringify({ ...ask, messages: [{ role: 'user', content: 5 }] }), 'messages[0].content'],
    ['a tool message without tool_call_id', JSON.stringify({ ...ask, messages: [{ role: 'tool', content: 'x' }] }), 'messages[0].tool_call_id'],
    ['negative max_tokens', JSON.stringify({ ...ask, max_tokens: -5 }), 'max_tokens'],
    ['fractional max_tokens', JSON.stringify({ ...ask, max_tokens: 1.5 }), 'max_tokens'],
    ['stream not a boolean', JSON.stringify({ ...ask, stream: 'yes' }), 'stream'],
    ['temperature not a number', JSON.stringify({ ...ask, temperature: 'hot' }), 'temperature'],
    ['tools not an array', JSON.stringify({ ...ask, tools: {} }), 'tools'],
    ['a tool without a function name', JSON.stringify({ ...ask, tools: [{ type: 'function', function: {} }] }), 'tools[0]'],
    ['broken tool call arguments (mapped for Anthropic)', JSON.stringify({
      model: 'anthropic/claude-sonnet-4-6',
      messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{oops' } }] }],
    }), 'messages[0].tool_calls'],
  ];
  test.each(cases)('%s', async (_name, body, param) => {
    const res = await post('/v1/chat/completions', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-startales-cost-micros')).toBe('0');
    const json = (await res.json()) as { error: { message: string; type: string; param: string | null } };
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.message.length).toBeGreaterThan(10);
    expect(json.error.param).toBe(param);
  });

  test('the same for images and messages', async () => {
    expect((await post('/v1/images/generations', '{"model": "openai/gpt-image-1"}')).status).toBe(400);
    expect((await post('/v1/images/generations', JSON.stringify({ model: 'openai/gpt-image-1', prompt: 'x', n: 99 }))).status).toBe(400);
    expect((await post('/v1/messages', 'nope')).status).toBe(400);
    expect((await post('/v1/budgets/user/u1', '{}')).status).toBe(404);
  });

  test('a body over the size limit: 413', async () => {
    const res = await post('/v1/chat/completions', JSON.stringify({ ...ask, messages: [{ role: 'user', content: 'x'.repeat(1024 * 1024) }] }));
    expect(res.status).toBe(413);
  });
});

describe('models', () => {
  test('an unknown model: 404 before any provider is called, and nothing billed', async () => {
    const error = await router.openai().chat.completions.create({ ...ask, model: 'openai/gpt-99' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('MODEL_NOT_FOUND');
    expect((error as Error).message).toContain('openai/gpt-99');
    for (const model of ['gpt-4o', 'mistral/large', 'PLATINUM']) {
      const res = await post('/v1/chat/completions', JSON.stringify({ ...ask, model }));
      expect(res.status).toBe(404);
    }
    expect(router.fakes.openai.requests).toHaveLength(0);
    await router.settled();
    expect(await router.sql(`select id from llm_router.ledger_entry where requested_model in ('openai/gpt-99', 'gpt-4o', 'mistral/large', 'PLATINUM')`)).toHaveLength(0);
  });

  test('a chat model on the image endpoint (and the reverse) is a 400 that says where to go', async () => {
    const res = await post('/v1/images/generations', JSON.stringify({ model: 'openai/gpt-4o', prompt: 'a dragon' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('/v1/chat/completions');
    expect((await post('/v1/chat/completions', JSON.stringify({ ...ask, model: 'openai/gpt-image-1' }))).status).toBe(400);
  });

  test('a provider without a key is listed as unavailable and never routed to', async () => {
    const list = (await (await fetch(`${router.url}/v1/models`, { headers: { authorization: `Bearer ${SERVICE_TOKEN}` } })).json()) as {
      data: Array<{ id: string; available: boolean; pricing: Record<string, number> }>;
      providers: Record<string, { available: boolean }>;
    };
    expect(list.providers.xai).toEqual({ available: false });
    expect(list.data.find((m) => m.id === 'xai/grok-3-mini')?.available).toBe(false);
    // STANDARD is gemini → xai → claude haiku: with Gemini down and xAI unconfigured, Claude serves
    router.fakes.gemini.down({ status: 503, body: { error: { code: 503, message: 'unavailable', status: 'UNAVAILABLE' } } });
    const completion = await router.openai().chat.completions.create({ ...ask, model: 'STANDARD' });
    router.fakes.gemini.recover();
    expect(completion.model).toBe('anthropic/claude-haiku-4-5');
    expect(router.fakes.xai.requests).toHaveLength(0);
    const res = await post('/v1/chat/completions', JSON.stringify({ ...ask, model: 'xai/grok-4' }));
    expect(res.status).not.toBe(500);
  });

  test('the SDK lists models with their pricing', async () => {
    const models = [];
    for await (const m of router.openai().models.list()) models.push(m as unknown as { id: string; pricing: Record<string, number> });
    expect(models.find((m) => m.id === 'anthropic/claude-sonnet-4-6')?.pricing).toEqual({
      inputMicrosPerMillion: 3_000_000,
      cachedInputMicrosPerMillion: 300_000,
      cacheWriteMicrosPerMillion: 3_750_000,
      outputMicrosPerMillion: 15_000_000,
      reasoningMicrosPerMillion: 15_000_000,
    });
    expect((await fetch(`${router.url}/v1/models`)).status).toBe(401);
    const one = await router.openai().models.retrieve('google/gemini-2.5-flash');
    expect(one).toMatchObject({ id: 'google/gemini-2.5-flash', owned_by: 'google', tier: 'STANDARD' });
    const missing = await router.openai().models.retrieve('google/nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
  });

  test('an unknown route is a JSON 404', async () => {
    const res = await fetch(`${router.url}/v1/completions`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
