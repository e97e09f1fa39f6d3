/** Retries with backoff, fallbacks within a tier, the per-provider circuit breaker, timeouts, failures mid-stream. */
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'bun:test';
import OpenAI from 'openai';
import { eventually } from '@startales/testing';
import { ADMIN_TOKEN, attribution, ledgerRow, startRouter, type TestRouter } from './helpers.ts';
import { openaiError, rateLimited } from './fakes/openai.ts';
import { overloaded } from './fakes/anthropic.ts';
import { geminiError } from './fakes/gemini.ts';

let router: TestRouter;
beforeAll(async () => {
  router = await startRouter({ resilience: { maxRetries: 2, retryBaseMs: 5, retryMaxDelayMs: 1_000, timeoutMs: 1_000, breakerThreshold: 3, breakerCooldownMs: 400 } });
});
afterAll(() => router?.close());
beforeEach(() => {
  // each test starts with every circuit closed
  for (const breaker of Object.values(router.app.breakers)) breaker.success();
});
afterEach(() => router.resetFakes());

const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'What lies beyond the gate?' }] });
const served = async (model: string, stream = false) => {
  if (!stream) {
    const { data, response } = await router.openai().chat.completions.create(ask(model)).withResponse();
    return { model: data.model, row: await ledgerRow(router, response.headers.get('x-startales-call-id')!) };
  }
  const { data, response } = await router.openai().chat.completions.create({ ...ask(model), stream: true }).withResponse();
  let served = '';
  for await (const chunk of data) served = chunk.model;
  return { model: served, row: await ledgerRow(router, response.headers.get('x-startales-call-id')!) };
};

test('429 with Retry-After: the router waits as told, retries, and succeeds', async () => {
  router.fakes.openai.fail(rateLimited(0.25));
  const started = performance.now();
  const { model, row } = await served('openai/gpt-4o');
  expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  expect(model).toBe('openai/gpt-4o');
  expect(row.attempts).toBe(2);
  expect(router.fakes.openai.requests).toHaveLength(2);
});

test('5xx and overloaded answers are retried with backoff on the same model', async () => {
  router.fakes.anthropic.fail(overloaded(), { status: 500, body: { type: 'error', error: { type: 'api_error', message: 'Internal server error' } } });
  const { model, row } = await served('anthropic/claude-sonnet-4-6', true);
  expect(model).toBe('anthropic/claude-sonnet-4-6');
  expect(row.attempts).toBe(3);
});

test('a timeout is retried', async () => {
  router.fakes.gemini.fail({ status: 200, body: {}, delayMs: 1_300 });
  const { model, row } = await served('google/gemini-2.5-flash');
  expect(model).toBe('google/gemini-2.5-flash');
  expect(row.attempts).toBe(2);
});

test('a provider that stays down: the call falls back to the next model of the tier', async () => {
  router.fakes.openai.down(openaiError(503, 'The server is overloaded', null, 'server_error'));
  const { model, row } = await served('PREMIUM');
  expect(model).toBe('anthropic/claude-sonnet-4-6');
  expect(row).toMatchObject({ requested_model: 'PREMIUM', provider: 'anthropic', status: 'ok', attempts: 4 });
  // an explicit model falls back within its tier too, streaming included
  const streamed = await served('openai/gpt-4o', true);
  expect(streamed.model).toBe('anthropic/claude-sonnet-4-6');
});

test('a Retry-After longer than the router accepts goes straight to the fallback', async () => {
  router.fakes.openai.fail(rateLimited(30));
  const { model, row } = await served('openai/gpt-4o');
  expect(model).toBe('anthropic/claude-sonnet-4-6');
  expect(row.attempts).toBe(2);
});

test('the circuit breaker opens after repeated failures, skips the provider, then probes and closes', async () => {
  router.fakes.xai.down(openaiError(500, 'boom', null, 'server_error'));
  // three failures open xAI's circuit (threshold 3)
  expect((await served('xai/grok-3-mini')).model).toBe('google/gemini-2.5-flash');
  expect(router.app.breakers.xai.state).toBe('open');
  const before = router.fakes.xai.requests.length;
  expect((await served('xai/grok-3-mini')).model).toBe('google/gemini-2.5-flash');
  expect(router.fakes.xai.requests.length).toBe(before);

  router.fakes.xai.recover();
  await Bun.sleep(450);
  expect((await served('xai/grok-3-mini')).model).toBe('xai/grok-3-mini');
  expect(router.app.breakers.xai.state).toBe('closed');
});

test('a bad request is answered at once: no retry, no fallback', async () => {
  router.fakes.openai.fail(openaiError(400, "Invalid value for 'temperature'", 'invalid_value'));
  const error = await router.openai().chat.completions.create(ask('openai/gpt-4o')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  expect((error as Error).message).toContain("Invalid value for 'temperature'");
  expect(router.fakes.openai.requests).toHaveLength(1);
  expect(router.fakes.anthropic.requests).toHaveLength(0);
});

test('when every model of the tier fails: 502 with the provider error, the failure is in the ledger', async () => {
  router.fakes.ollama.down({ status: 500, body: { error: { message: 'model runner crashed', type: 'api_error', param: null, code: null } } });
  router.fakes.gemini.down(geminiError(500, 'INTERNAL', 'Internal error'));
  router.fakes.openai.down(openaiError(502, 'Bad gateway', null, 'server_error'));
  const error = await router.openai().chat.completions.create(ask('ECONOMY')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.APIError);
  expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
  expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('x-startales-cost-micros')).toBe('0');
  await router.settled();
  const [row] = await router.sql(`select status, cost_micros, attempts from llm_router.ledger_entry where requested_model = 'ECONOMY' order by started_at desc limit 1`);
  expect(row).toEqual({ status: 'error', cost_micros: '0', attempts: 9 });
});

test('a dearer fallback needs its difference reserved; without budget room it is skipped', async () => {
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  // room for Ollama (free) and nothing else
  await fetch(`${router.url}/v1/budgets/user/u-frugal`, { method: 'PUT', headers: admin, body: JSON.stringify({ limitMicros: 0 }) });
  router.fakes.ollama.down({ status: 503, body: { error: { message: 'loading model', type: 'api_error', param: null, code: null } } });
  const error = await router.openai(attribution('u-frugal')).chat.completions.create(ask('ECONOMY')).catch((e: unknown) => e);
  expect((error as { status?: number }).status).toBe(502);
  expect(router.fakes.gemini.requests).toHaveLength(0);
  expect(router.fakes.openai.requests).toHaveLength(0);
  const budget = (await (await fetch(`${router.url}/v1/budgets/user/u-frugal`, { headers: admin })).json()) as Record<string, number>;
  expect(budget).toMatchObject({ spentMicros: 0, reservedMicros: 0 });
});

test('a provider failing mid-stream ends the stream with an error and meters what was produced', async () => {
  router.fakes.anthropic.reply.pieces = ['one', ' two', ' three', ' four'];
  router.fakes.anthropic.reply.failAfter = 2;
  const { data, response } = await router.openai().chat.completions.create({ ...ask('anthropic/claude-sonnet-4-6'), stream: true }).withResponse();
  let text = '';
  const error = await (async () => {
    for await (const chunk of data) text += chunk.choices[0]?.delta?.content ?? '';
  })().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.APIError);
  expect((error as Error).message).toContain('Overloaded');
  expect(text).toBe('one two');
  const row = await eventually(() => ledgerRow(router, response.headers.get('x-startales-call-id')!), 'ledger row');
  expect(row).toMatchObject({ status: 'error', input_tokens: 100, usage_estimated: true, error_code: 'stream_failed' });
  expect(row.output_tokens).toBeGreaterThanOrEqual(2);
});
