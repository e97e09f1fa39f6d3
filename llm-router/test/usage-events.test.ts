/** Every call's usage event on the USAGE stream: same transaction as the ledger row, deduplicated by id. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { LLM_USAGE_EVENT, Stream, type EventEnvelope, type LlmUsageData } from '@startales/contracts';
import { eventually } from '@startales/testing';
import { attribution, ledgerRow, startRouter, type TestRouter } from './helpers.ts';

let router: TestRouter;
beforeAll(async () => {
  router = await startRouter();
});
afterAll(() => router?.close());

async function events(): Promise<Array<{ subject: string; msgId: string | undefined; envelope: EventEnvelope<LlmUsageData> }>> {
  const name = router.bus.streamName(Stream.USAGE);
  const info = await router.bus.jsm.streams.info(name);
  const out = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await router.bus.jsm.streams.getMessage(name, { seq }).catch(() => null);
    if (msg) out.push({ subject: msg.subject, msgId: msg.header?.get('Nats-Msg-Id'), envelope: msg.json<EventEnvelope<LlmUsageData>>() });
  }
  return out;
}

test('a call publishes llm.usage.<provider> with the ledger figures', async () => {
  router.fakes.anthropic.reply.usage = { input_tokens: 10, cache_creation_input_tokens: 20, cache_read_input_tokens: 30, output_tokens: 40 };
  const { response } = await router
    .anthropic(attribution('user-ev', { 'x-startales-campaign': 'camp-ev', 'x-startales-purpose': 'moderation' }))
    .messages.create({ model: 'anthropic/claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'Is this ok?' }] })
    .withResponse();
  const callId = response.headers.get('x-startales-call-id')!;
  const row = await ledgerRow(router, callId);
  const event = await eventually(async () => (await events()).find((e) => e.envelope.data.callId === callId), 'the usage event');
  expect(event.subject).toBe(`${router.ns}.llm.usage.anthropic`);
  expect(event.msgId).toBe(event.envelope.id);
  expect(event.envelope).toMatchObject({ type: LLM_USAGE_EVENT, actor: 'service:llm-router', v: 1 });
  expect(event.envelope.data).toEqual({
    callId,
    provider: 'anthropic',
    model: 'anthropic/claude-sonnet-4-6',
    tier: 'PREMIUM',
    userId: 'user-ev',
    campaignId: 'camp-ev',
    purpose: 'moderation',
    inputTokens: 10,
    cachedInputTokens: 30,
    cacheWriteTokens: 20,
    outputTokens: 40,
    reasoningTokens: 0,
    images: 0,
    costMicros: Number(row.cost_micros),
    priceVersion: router.prices.version,
    status: 'ok',
    startedAt: new Date(row.started_at).toISOString(),
    durationMs: row.duration_ms,
  });
});

test('one event per ledger row, failed calls included; a republished event is deduplicated', async () => {
  await Promise.all(Array.from({ length: 10 }, () => router.openai().chat.completions.create({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'x' }] })));
  // every PREMIUM model down: the failed call is in the ledger and on the stream too
  router.fakes.openai.down({ status: 500, body: { error: { message: 'down', type: 'server_error', param: null, code: null } } });
  router.fakes.anthropic.down({ status: 500, body: { type: 'error', error: { type: 'api_error', message: 'down' } } });
  await router.openai().chat.completions.create({ model: 'PREMIUM', messages: [{ role: 'user', content: 'x' }] }).catch(() => {});
  router.fakes.openai.recover();
  router.fakes.anthropic.recover();
  await router.settled();
  const [{ n }] = (await router.sql(`select count(*)::int as n from llm_router.ledger_entry`)) as [{ n: number }];
  const published = await eventually(async () => {
    const all = await events();
    return all.length === n ? all : undefined;
  }, 'every ledger row published');
  expect(published.some((e) => e.envelope.data.status === 'error')).toBe(true);
  expect(new Set(published.map((e) => e.envelope.data.callId)).size).toBe(n);

  const again = await router.bus.publish(`llm.usage.${published[0]!.envelope.data.provider}`, published[0]!.envelope);
  expect(again.duplicate).toBe(true);
  expect(await events()).toHaveLength(n);
});
