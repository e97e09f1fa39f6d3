/** /v1/messages through the official @anthropic-ai/sdk: Claude natively, other providers translated. */
import { afterAll, afterEach, beforeAll, expect, test } from 'bun:test';
import Anthropic from '@anthropic-ai/sdk';
import { ledgerRow, startRouter, type TestRouter } from './helpers.ts';

let router: TestRouter;
beforeAll(async () => {
  router = await startRouter();
});
afterAll(() => router?.close());
afterEach(() => router.resetFakes());

const request = { max_tokens: 512, messages: [{ role: 'user' as const, content: 'Name the innkeeper.' }] };

test('Claude natively: JSON with usage.cost_micros and the cost header', async () => {
  router.fakes.anthropic.reply.usage = { input_tokens: 1000, cache_creation_input_tokens: 0, cache_read_input_tokens: 4000, output_tokens: 300 };
  const { data, response } = await router.anthropic().messages.create({ model: 'anthropic/claude-sonnet-4-6', ...request }).withResponse();
  // 1000 × $3 + 4000 × $0.30 + 300 × $15 per million = 3000 + 1200 + 4500
  expect(response.headers.get('x-startales-cost-micros')).toBe('8700');
  expect(data.model).toBe('anthropic/claude-sonnet-4-6');
  expect(data.content[0]).toMatchObject({ type: 'text', text: 'Greetings, traveller.' });
  expect((data.usage as unknown as Record<string, unknown>).cost_micros).toBe(8700);
  const sent = router.fakes.anthropic.requests.at(-1)!.body;
  expect(sent).toMatchObject({ model: 'claude-sonnet-4-6', max_tokens: 512, messages: request.messages });
  expect(await ledgerRow(router, response.headers.get('x-startales-call-id')!)).toMatchObject({ endpoint: 'messages', cached_input_tokens: 4000, cost_micros: '8700' });
});

test('Claude natively, streaming: the SDK assembles the message; message_delta carries the cost', async () => {
  router.fakes.anthropic.reply.thinking = ['The innkeeper', ' is Bram.'];
  router.fakes.anthropic.reply.usage = { input_tokens: 200, cache_creation_input_tokens: 100, cache_read_input_tokens: 0, output_tokens: 50, output_tokens_details: { thinking_tokens: 30 } };
  const stream = router.anthropic().messages.stream({ model: 'anthropic/claude-sonnet-4-6', ...request });
  let deltaUsage: Record<string, unknown> | undefined;
  stream.on('streamEvent', (event) => {
    if (event.type === 'message_delta') deltaUsage = event.usage as unknown as Record<string, unknown>;
  });
  const message = await stream.finalMessage();
  expect(message.content.map((b) => b.type)).toEqual(['thinking', 'text']);
  expect(message.content[1]).toMatchObject({ text: 'Greetings, traveller.' });
  // 200 × $3 + 100 × $3.75 + 20 × $15 + 30 × $15 per million = 600 + 375 + 300 + 450
  expect(deltaUsage?.cost_micros).toBe(1725);
  expect(message.usage.output_tokens).toBe(50);
  await router.settled();
  const [row] = await router.sql<{ output_tokens: number; reasoning_tokens: number; cost_micros: string }>(
    `select output_tokens, reasoning_tokens, cost_micros from llm_router.ledger_entry where endpoint = 'messages' and stream order by started_at desc limit 1`,
  );
  expect(row).toEqual({ output_tokens: 20, reasoning_tokens: 30, cost_micros: '1725' });
});

test('another provider behind /v1/messages: JSON translated both ways, tools included', async () => {
  router.fakes.openai.reply.toolCall = { name: 'lookup_npc', arguments: '{"name":"Bram"}' };
  const message = await router.anthropic().messages.create({
    model: 'openai/gpt-4o',
    system: 'You are the game master.',
    max_tokens: 256,
    tools: [{ name: 'lookup_npc', description: 'Finds an NPC', input_schema: { type: 'object', properties: { name: { type: 'string' } } } }],
    messages: [
      { role: 'user', content: 'Who runs the inn?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_9', name: 'lookup_npc', input: { name: 'inn' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9', content: 'Bram, a retired sellsword' }, { type: 'text', text: 'And now?' }] },
    ],
  });
  expect(message.model).toBe('openai/gpt-4o');
  expect(message.stop_reason).toBe('tool_use');
  expect(message.content[0]).toMatchObject({ type: 'tool_use', name: 'lookup_npc', input: { name: 'Bram' } });
  // default fake usage: 100 prompt + 20 completion on gpt-4o = 250 + 200
  expect(message.usage).toMatchObject({ input_tokens: 100, output_tokens: 20, cost_micros: 450 });
  const sent = router.fakes.openai.requests.at(-1)!.body;
  expect(sent.model).toBe('gpt-4o');
  expect(sent.max_completion_tokens).toBe(256);
  expect(sent.messages).toEqual([
    { role: 'system', content: 'You are the game master.' },
    { role: 'user', content: 'Who runs the inn?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_9', type: 'function', function: { name: 'lookup_npc', arguments: '{"name":"inn"}' } }] },
    { role: 'tool', tool_call_id: 'toolu_9', content: 'Bram, a retired sellsword' },
    { role: 'user', content: [{ type: 'text', text: 'And now?' }] },
  ]);
  expect(sent.tools[0]).toEqual({ type: 'function', function: { name: 'lookup_npc', description: 'Finds an NPC', parameters: { type: 'object', properties: { name: { type: 'string' } } } } });
});

test('another provider behind /v1/messages, streaming: Messages events the SDK can assemble', async () => {
  router.fakes.gemini.reply.usage = { promptTokenCount: 400, candidatesTokenCount: 40, totalTokenCount: 440 };
  const stream = router.anthropic().messages.stream({ model: 'google/gemini-2.5-flash', ...request });
  const events: string[] = [];
  let deltaUsage: Record<string, unknown> | undefined;
  stream.on('streamEvent', (e) => {
    events.push(e.type);
    if (e.type === 'message_delta') deltaUsage = e.usage as unknown as Record<string, unknown>;
  });
  const message = await stream.finalMessage();
  expect(message.content).toHaveLength(1);
  expect(message.content[0]).toMatchObject({ type: 'text', text: 'Well met, adventurer.' });
  expect(message.stop_reason).toBe('end_turn');
  // 400 × $0.30 + 40 × $2.50 per million = 120 + 100
  expect(message.usage).toMatchObject({ input_tokens: 400, output_tokens: 40 });
  expect(deltaUsage?.cost_micros).toBe(220);
  expect(events[0]).toBe('message_start');
  expect(events.at(-1)).toBe('message_stop');
  expect(events).toContain('content_block_delta');
});

test('tier aliases work on /v1/messages too', async () => {
  const message = await router.anthropic().messages.create({ model: 'STANDARD', ...request });
  expect(message.model).toBe('google/gemini-2.5-flash');
});

test('bad Messages requests get a 400 in a shape the Anthropic SDK reads', async () => {
  const error = await router
    .anthropic()
    .messages.create({ model: 'anthropic/claude-sonnet-4-6', messages: request.messages } as never)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Anthropic.BadRequestError);
  expect((error as Error).message).toContain('max_tokens');
  const raw = await fetch(`${router.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': 'test-service-token', 'x-startales-user': 'u1', 'content-type': 'application/json' },
    body: '{"model": "anthropic/claude-sonnet-4-6", "max_tokens": 10, "messages": [{"role": "system", "content": "x"}]}',
  });
  expect(raw.status).toBe(400);
  expect(await raw.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', param: 'messages[0].role' } });
});
