import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { freePort } from '@startales/testing';

/** Runs a tiny service lifecycle in a child process: a crash there must not take the test runner down. */
async function lifecycle(endpoint: string | undefined) {
  const script = `
    import { trace } from '@opentelemetry/api';
    import { startTelemetry, createLogger } from '${join(import.meta.dir, '../src/index.ts')}';
    const logger = createLogger({ service: 'otel-test', level: 'silent' });
    const stop = await startTelemetry({ service: 'otel-test', endpoint: ${JSON.stringify(endpoint)}, logger });
    trace.getTracer('t').startActiveSpan('work', (span) => span.end());
    await stop();
    console.log('clean exit');
  `;
  const proc = Bun.spawn(['bun', '-e', script], { cwd: join(import.meta.dir, '..'), stdout: 'pipe', stderr: 'pipe' });
  const [out, err, code] = [await new Response(proc.stdout).text(), await new Response(proc.stderr).text(), await proc.exited];
  return { out, err, code };
}

test('without OTEL_EXPORTER_OTLP_ENDPOINT nothing is exported and nothing fails', async () => {
  const r = await lifecycle(undefined);
  expect(r.code).toBe(0);
  expect(r.out).toContain('clean exit');
}, 30_000);

test('an endpoint with no collector behind it never crashes the service', async () => {
  const r = await lifecycle(`http://127.0.0.1:${await freePort()}`);
  expect(r.code).toBe(0);
  expect(r.out).toContain('clean exit');
}, 30_000);
