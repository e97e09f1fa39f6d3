/**
 * The hop gamehost → llm-router takes, proven with kit's pieces in a child process: trace context travels in the
 * NATS message headers to a hand-written consumer (`observeMessage`), and on through the global `fetch` to a
 * service served by kit's `listen` — one trace, each span the child of the previous one.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { join } from 'node:path';
import { uniqueName, TEST_NATS_URL, eventually } from '@startales/testing';
import { startOtlpReceiver, type OtlpReceiver } from '../../../test/telemetry/otlp-receiver.ts';

let receiver: OtlpReceiver;
beforeAll(() => {
  receiver = startOtlpReceiver();
});
afterAll(async () => {
  await receiver?.stop();
});

test('publish → consume → fetch → serve stays one trace', async () => {
  const proc = Bun.spawn(['bun', join(import.meta.dir, 'fixtures', 'consumer-to-http.ts'), receiver.url, TEST_NATS_URL, uniqueName('tr')], {
    cwd: join(import.meta.dir, '..'),
    env: { ...process.env, OTEL_BSP_SCHEDULE_DELAY: '50' },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [out, err, code] = [await new Response(proc.stdout).text(), await new Response(proc.stderr).text(), await proc.exited];
  expect({ code, err: code === 0 ? '' : err }).toEqual({ code: 0, err: '' });
  const { traceId, batchTraceId } = JSON.parse(out.trim().split('\n').pop()!) as { traceId: string; batchTraceId: string };
  const spans = await eventually(async () => {
    const t = receiver.trace(traceId);
    return t.length >= 5 ? t : null;
  }, 'five spans', 10_000);
  const byKind = (kind: number) => spans.find((s) => s.kind === kind && s.name !== 'player action')!;
  const root = spans.find((s) => s.name === 'player action')!;
  const producer = byKind(4);
  const consumer = byKind(5);
  const client = byKind(3);
  const server = spans.find((s) => s.kind === 2 && s.name === 'POST /v1/chat/completions')!;
  expect(producer.parentSpanId).toBe(root.spanId);
  expect(consumer.parentSpanId).toBe(producer.spanId);
  expect(client.parentSpanId).toBe(consumer.spanId);
  expect(server.parentSpanId).toBe(client.spanId);

  // the batch path: recordConsumed + withTraceHeaders keep later work in the action's trace
  const batch = await eventually(async () => {
    const t = receiver.trace(batchTraceId);
    return t.some((s) => s.kind === 2 && s.name === 'POST /v1/chat/completions') ? t : null;
  }, 'the batch trace', 10_000);
  const batchProducer = batch.find((s) => s.kind === 4)!;
  expect(batch.find((s) => s.kind === 5)!.parentSpanId).toBe(batchProducer.spanId);
  const narrate = batch.find((s) => s.name === 'narrate turn')!;
  expect(narrate.parentSpanId).toBe(batchProducer.spanId);
  const batchClient = batch.find((s) => s.kind === 3)!;
  expect(batchClient.parentSpanId).toBe(narrate.spanId);
  expect(batch.find((s) => s.kind === 2 && s.name === 'POST /v1/chat/completions')!.parentSpanId).toBe(batchClient.spanId);
}, 30_000);
