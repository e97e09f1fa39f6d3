/** /v1/chat/completions through the official openai SDK: every provider, exact cost, JSON and SSE, tools. */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { attribution, ledgerRow, startRouter, type TestRouter } from './helpers.ts';

let router: TestRouter;
beforeAll(async () => {
  router = await startRouter();
});
afterAll(() => router?.close());
afterEach(() => router.resetFakes());

const ask = { messages: [{ role: 'user' as const, content: 'Describe the tavern.' }] };

/** Cost by hand: Σ tokens × micro-dollars per million, rounded up once. */
const micros = (...terms: Array<[number, number]>) => Math.ceil(terms.reduce((sum, [tokens, rate]) => sum + tokens * rate, 0) / 1_000_000);

interface Case {
  name: string;
  model: string;
  /** Sets the provider's reported usage. */
  setup(router: TestRouter): void;
  tokens: { input: number; cached: number; cacheWrite: number; output: number; reasoning: number };
  cost: number;
}

const cases: Case[] = [
  {
    name: 'OpenAI (cached prompt, reasoning inside completion_tokens)',
    model: 'openai/gpt-4o',
    setup: (r) => {
      r.fakes.openai.reply.usage = {
        prompt_tokens: 1234,
        completion_tokens: 567,
        total_tokens: 1801,
        prompt_tokens_details: { cached_tokens: 234, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 67, audio_tokens: 0 },
      };
    },
    tokens: { input: 1000, cached: 234, cacheWrite: 0, output: 500, reasoning: 67 },
    cost: micros([1000, 2_500_000], [234, 1_250_000], [500, 10_000_000], [67, 10_000_000]), // 8462.5 → 8463
  },
  {
    name: 'Anthropic (cache read + cache write, thinking inside output_tokens)',
    model: 'anthropic/claude-sonnet-4-6',
    setup: (r) => {
      r.fakes.anthropic.reply.usage = {
        input_tokens: 1000,
        cache_creation_input_tokens: 500,
        cache_read_input_tokens: 2000,
        output_tokens: 400,
        output_tokens_details: { thinking_tokens: 150 },
        service_tier: 'standard',
      };
      r.fakes.anthropic.reply.thinking = ['Let me think', ' about taverns.'];
    },
    tokens: { input: 1000, cached: 2000, cacheWrite: 500, output: 250, reasoning: 150 },
    cost: micros([1000, 3_000_000], [2000, 300_000], [500, 3_750_000], [250, 15_000_000], [150, 15_000_000]),
  },
  {
    name: 'Gemini (cached content inside promptTokenCount, thoughts apart)',
    model: 'google/gemini-2.5-flash',
    setup: (r) => {
      r.fakes.gemini.reply.usage = { promptTokenCount: 1500, cachedContentTokenCount: 500, candidatesTokenCount: 200, thoughtsTokenCount: 300, totalTokenCount: 2000 };
      r.fakes.gemini.reply.thoughts = ['Considering the tavern.'];
    },
    tokens: { input: 1000, cached: 500, cacheWrite: 0, output: 200, reasoning: 300 },
    cost: micros([1000, 300_000], [500, 30_000], [200, 2_500_000], [300, 2_500_000]),
  },
  {
    name: 'xAI (reasoning outside completion_tokens, visible in total_tokens)',
    model: 'xai/grok-3-mini',
    setup: (r) => {
      r.fakes.xai.reply.usage = {
        prompt_tokens: 800,
        completion_tokens: 50,
        total_tokens: 1000,
        prompt_tokens_details: { cached_tokens: 300, text_tokens: 800 },
        completion_tokens_details: { reasoning_tokens: 150 },
      };
      r.fakes.xai.reply.reasoning = ['Hmm', ', a tavern.'];
    },
    tokens: { input: 500, cached: 300, cacheWrite: 0, output: 50, reasoning: 150 },
    cost: micros([500, 300_000], [300, 75_000], [50, 500_000], [150, 500_000]), // 272.5 → 273
  },
  {
    name: 'Ollama (free: tokens metered, cost 0)',
    model: 'ollama/llama3.1:8b',
    setup: (r) => {
      r.fakes.ollama.reply.usage = { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 };
    },
    tokens: { input: 321, cached: 0, cacheWrite: 0, output: 45, reasoning: 0 },
    cost: 0,
  },
];

describe.each(cases)('$name', (c) => {
  const expectLedger = async (callId: string, stream: boolean) => {
    const row = await ledgerRow(router, callId);
    expect(row).toMatchObject({
      model: c.model,
      provider: c.model.split('/')[0],
      status: 'ok',
      stream,
      user_id: 'user-1',
      purpose: 'narration',
      input_tokens: c.tokens.input,
      cached_input_tokens: c.tokens.cached,
      cache_write_tokens: c.tokens.cacheWrite,
      output_tokens: c.tokens.output,
      reasoning_tokens: c.tokens.reasoning,
      usage_estimated: false,
      price_version: router.prices.version,
    });
    expect(Number(row.cost_micros)).toBe(c.cost);
  };

  test('JSON: exact cost in the header, the body and the ledger', async () => {
    c.setup(router);
    const { data, response } = await router.openai().chat.completions.create({ model: c.model, ...ask }).withResponse();
    expect(c.cost).toBeGreaterThanOrEqual(0);
    expect(response.headers.get('x-startales-cost-micros')).toBe(String(c.cost));
    expect(response.headers.get('x-startales-price-version')).toBe(router.prices.version);
    expect(data.model).toBe(c.model);
    expect(data.choices[0]!.message.content).toBeTruthy();
    const usage = data.usage as unknown as Record<string, any>;
    expect(usage.cost_micros).toBe(c.cost);
    expect(usage.prompt_tokens).toBe(c.tokens.input + c.tokens.cached + c.tokens.cacheWrite);
    expect(usage.completion_tokens).toBe(c.tokens.output + c.tokens.reasoning);
    await expectLedger(response.headers.get('x-startales-call-id')!, false);
  });

  test('SSE: the final usage chunk carries the exact cost', async () => {
    c.setup(router);
    const { data: stream, response } = await router.openai().chat.completions.create({ model: c.model, ...ask, stream: true }).withResponse();
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    let text = '';
    let usage: Record<string, any> | undefined;
    for await (const chunk of stream) {
      expect(chunk.model).toBe(c.model);
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage as unknown as Record<string, any>;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(usage?.cost_micros).toBe(c.cost);
    expect(usage?.completion_tokens).toBe(c.tokens.output + c.tokens.reasoning);
    await expectLedger(response.headers.get('x-startales-call-id')!, true);
  });
});

test('streams ask providers for usage (stream_options.include_usage) even when the caller did not', async () => {
  await Array.fromAsync(await router.openai().chat.completions.create({ model: 'openai/gpt-4o', ...ask, stream: true }));
  expect(router.fakes.openai.requests.at(-1)!.body.stream_options).toEqual({ include_usage: true });
  await Array.fromAsync(await router.openai().chat.completions.create({ model: 'ollama/llama3.1:8b', ...ask, stream: true, max_tokens: 50 }));
  const body = router.fakes.ollama.requests.at(-1)!.body;
  expect(body.stream_options).toEqual({ include_usage: true });
  expect(body.model).toBe('llama3.1:8b');
});

test('tool definitions and tool calls pass through (OpenAI) and are mapped (Anthropic, Gemini)', async () => {
  const tools = [
    {
      type: 'function' as const,
      function: { name: 'roll_dice', description: 'Rolls dice', parameters: { type: 'object', properties: { sides: { type: 'integer' } }, required: ['sides'] } },
    },
  ];
  router.fakes.openai.reply.toolCall = { name: 'roll_dice', arguments: '{"sides":20}' };
  router.fakes.anthropic.reply.toolUse = { name: 'roll_dice', input: { sides: 20 } };
  router.fakes.gemini.reply.functionCall = { name: 'roll_dice', args: { sides: 20 } };
  for (const model of ['openai/gpt-4o', 'anthropic/claude-sonnet-4-6', 'google/gemini-2.5-flash']) {
    const json = await router.openai().chat.completions.create({ model, ...ask, tools, tool_choice: 'auto' });
    const call = json.choices[0]!.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    expect(call?.type === 'function' && call.function.name).toBe('roll_dice');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ sides: 20 });
    expect(json.choices[0]!.finish_reason).toBe('tool_calls');

    const stream = await router.openai().chat.completions.create({ model, ...ask, tools, stream: true });
    let args = '';
    let name = '';
    for await (const chunk of stream) {
      for (const t of chunk.choices[0]?.delta?.tool_calls ?? []) {
        name ||= t.function?.name ?? '';
        args += t.function?.arguments ?? '';
      }
    }
    expect(name).toBe('roll_dice');
    expect(JSON.parse(args)).toEqual({ sides: 20 });
  }
  expect(router.fakes.anthropic.requests.at(-1)!.body.tools[0]).toMatchObject({ name: 'roll_dice', input_schema: { type: 'object' } });
  const gemini = router.fakes.gemini.requests.at(-1)!.body;
  expect(gemini.tools[0].functionDeclarations[0]).toMatchObject({ name: 'roll_dice', parametersJsonSchema: { type: 'object' } });
});

test('a multi-turn tool conversation maps to Anthropic tool_use / tool_result blocks and system', async () => {
  await router.openai().chat.completions.create({
    model: 'anthropic/claude-sonnet-4-6',
    max_tokens: 300,
    messages: [
      { role: 'system', content: 'You are the game master.' },
      { role: 'user', content: 'Roll for initiative.' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'roll_dice', arguments: '{"sides":20}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '17' },
    ],
  });
  const body = router.fakes.anthropic.requests.at(-1)!.body;
  expect(body.model).toBe('claude-sonnet-4-6');
  expect(body.max_tokens).toBe(300);
  expect(body.system).toEqual([{ type: 'text', text: 'You are the game master.' }]);
  expect(body.messages).toEqual([
    { role: 'user', content: [{ type: 'text', text: 'Roll for initiative.' }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'roll_dice', input: { sides: 20 } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '17' }] },
  ]);
});

test('a tier alias routes to the first model of the tier and bills its price', async () => {
  const { data, response } = await router.openai().chat.completions.create({ model: 'PREMIUM', ...ask }).withResponse();
  expect(data.model).toBe('openai/gpt-4o');
  const row = await ledgerRow(router, response.headers.get('x-startales-call-id')!);
  expect(row).toMatchObject({ requested_model: 'PREMIUM', model: 'openai/gpt-4o', tier: 'PREMIUM' });
  const economy = await router.openai().chat.completions.create({ model: 'economy', ...ask });
  expect(economy.model).toBe('ollama/llama3.1:8b');
});

test('attribution (user, campaign, purpose) lands in the ledger', async () => {
  const client = router.openai(attribution('user-77', { 'x-startales-campaign': 'camp-9', 'x-startales-purpose': 'npc' }));
  const { response } = await client.chat.completions.create({ model: 'openai/gpt-4o', ...ask }).withResponse();
  expect(await ledgerRow(router, response.headers.get('x-startales-call-id')!)).toMatchObject({
    user_id: 'user-77',
    campaign_id: 'camp-9',
    purpose: 'npc',
    key_id: 'service',
    endpoint: 'chat',
  });
});
