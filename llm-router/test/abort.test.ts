/** A client that hangs up mid-stream: the provider call stops, and what was produced so far is still metered. */
import { afterAll, afterEach, beforeAll, expect, test } from 'bun:test';
import { eventually } from '@startales/testing';
import { attribution, startRouter, type TestRouter } from './helpers.ts';

let router: TestRouter;
beforeAll(async () => {
  router = await startRouter();
});
afterAll(() => router?.close());
afterEach(() => router.resetFakes());

const pieces = Array.from({ length: 40 }, (_, i) => ` word${i}`);

/** Reads `n` content chunks through the OpenAI SDK, then aborts; returns the call id. */
async function readThenAbort(model: string, n: number, headers = attribution()): Promise<string> {
  const { data: stream, response } = await router.openai(headers).chat.completions.create({ model, messages: [{ role: 'user', content: 'Tell a long tale.' }], stream: true }).withResponse();
  let seen = 0;
  for await (const chunk of stream) {
    if (chunk.choices[0]?.delta?.content) seen++;
    if (seen === n) {
      stream.controller.abort();
      break;
    }
  }
  return response.headers.get('x-startales-call-id')!;
}

const aborted = (callId: string) =>
  eventually(async () => {
    await router.settled();
    const [row] = await router.sql(`select * from llm_router.ledger_entry where id = ?`, [callId]);
    return row;
  }, 'the aborted call in the ledger');

test('OpenAI: output so far is metered from the pieces relayed; the upstream request is cancelled', async () => {
  router.fakes.openai.reply.pieces = pieces;
  router.fakes.openai.pieceDelayMs = 40;
  const callId = await readThenAbort('openai/gpt-4o', 3);
  const row = await aborted(callId);
  expect(row).toMatchObject({ status: 'aborted', usage_estimated: true, error_code: 'client_aborted' });
  // OpenAI reports usage only at the end: output = pieces relayed (≥ what the client read), input = the estimate
  expect(row.output_tokens).toBeGreaterThanOrEqual(3);
  expect(row.output_tokens).toBeLessThan(pieces.length);
  expect(row.input_tokens).toBeGreaterThan(0);
  expect(Number(row.cost_micros)).toBeGreaterThan(0);
  await eventually(async () => router.fakes.openai.cancelled === 1, 'the upstream stream to be cancelled');
});

test('Anthropic: input is the provider-reported count from message_start, output the pieces relayed', async () => {
  router.fakes.anthropic.reply.pieces = pieces;
  router.fakes.anthropic.reply.usage = { input_tokens: 777, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 40 };
  router.fakes.anthropic.pieceDelayMs = 40;
  const callId = await readThenAbort('anthropic/claude-sonnet-4-6', 2);
  const row = await aborted(callId);
  expect(row).toMatchObject({ status: 'aborted', input_tokens: 777, usage_estimated: true });
  expect(row.output_tokens).toBeGreaterThanOrEqual(2);
  expect(row.output_tokens).toBeLessThan(40);
  await eventually(async () => router.fakes.anthropic.cancelled === 1, 'the upstream stream to be cancelled');
});

test('Gemini: every chunk reports cumulative usage, so the ledger holds the provider count so far', async () => {
  router.fakes.gemini.reply.pieces = pieces.slice(0, 10);
  router.fakes.gemini.reply.usage = { promptTokenCount: 500, candidatesTokenCount: 100, totalTokenCount: 600 };
  router.fakes.gemini.pieceDelayMs = 40;
  const callId = await readThenAbort('google/gemini-2.5-flash', 3);
  const row = await aborted(callId);
  expect(row).toMatchObject({ status: 'aborted', input_tokens: 500 });
  // 10 tokens per chunk in this fake's cumulative report
  expect(row.output_tokens).toBeGreaterThanOrEqual(30);
  expect(row.output_tokens).toBeLessThan(100);
});

test('an aborted call releases its reservation and spends only what was produced', async () => {
  const admin = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' };
  await fetch(`${router.url}/v1/budgets/user/abort-user`, { method: 'PUT', headers: admin, body: JSON.stringify({ limitMicros: 50_000_000, period: 'month' }) });
  router.fakes.openai.reply.pieces = pieces;
  router.fakes.openai.pieceDelayMs = 30;
  const callId = await readThenAbort('openai/gpt-4o', 2, attribution('abort-user'));
  const row = await aborted(callId);
  const budget = (await (await fetch(`${router.url}/v1/budgets/user/abort-user`, { headers: admin })).json()) as Record<string, number>;
  expect(budget.reservedMicros).toBe(0);
  expect(budget.spentMicros).toBe(Number(row.cost_micros));
  expect(Number(row.reserved_micros)).toBeGreaterThan(Number(row.cost_micros));
});

test('a raw client that drops the connection mid-stream is metered the same way', async () => {
  router.fakes.openai.reply.pieces = pieces;
  router.fakes.openai.pieceDelayMs = 30;
  const controller = new AbortController();
  const res = await fetch(`${router.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer test-service-token', 'content-type': 'application/json', ...attribution() },
    body: JSON.stringify({ model: 'openai/gpt-4o', stream: true, messages: [{ role: 'user', content: 'Go on.' }] }),
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  await reader.read();
  await reader.read();
  controller.abort();
  const row = await aborted(res.headers.get('x-startales-call-id')!);
  expect(row.status).toBe('aborted');
  expect(row.output_tokens).toBeGreaterThan(0);
});

test('a JSON call whose client hangs up runs to completion and is metered exactly (status aborted)', async () => {
  router.fakes.openai.latencyMs = 300;
  router.fakes.openai.reply.usage = { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 };
  const controller = new AbortController();
  const started = fetch(`${router.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer test-service-token', 'content-type': 'application/json', ...attribution('hangup-user') },
    body: JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'Answer slowly.' }] }),
    signal: controller.signal,
  }).catch(() => undefined);
  await Bun.sleep(100);
  controller.abort();
  await started;
  const row = await eventually(async () => {
    await router.settled();
    const [r] = await router.sql(`select * from llm_router.ledger_entry where user_id = 'hangup-user'`);
    return r;
  }, 'the call in the ledger');
  expect(row).toMatchObject({ status: 'aborted', input_tokens: 321, output_tokens: 45, usage_estimated: false });
  expect(router.fakes.openai.requests).toHaveLength(1);
});
