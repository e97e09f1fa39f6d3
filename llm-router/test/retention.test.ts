/**
 * llm-router's retention rules on fixtures (real PostgreSQL, the runner's clock moved), and `RETENTION_ONLY=true` on
 * the real process: it runs the rules and exits 0 without a price table, NATS, HTTP or the production tokens.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { join } from 'node:path';
import { createLogger } from '@startales/kit';
import { createRetentionFixture, daysBefore, freePort, REPO_ROOT, type RetentionFixture } from '@startales/testing';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { loadConfig } from '../src/config.ts';
import { createLlmRouterRetention, retentionRules } from '../src/retention.ts';

const NOW = new Date('2030-06-01T00:00:00Z');
const YEAR = 365;
const ago = (days: number) => daysBefore(NOW, days);
let f: RetentionFixture;

const ledger = (label: string, at: Date) =>
  f.insert('ledger_entry', {
    id: f.id(label),
    started_at: at,
    duration_ms: 10,
    key_id: 'service',
    user_id: 'user-1',
    purpose: 'narration',
    endpoint: 'chat',
    stream: false,
    requested_model: 'STANDARD',
    provider: 'openai',
    model: 'gpt',
    tier: 'STANDARD',
    status: 'ok',
    input_tokens: 1,
    cached_input_tokens: 0,
    cache_write_tokens: 0,
    output_tokens: 1,
    reasoning_tokens: 0,
    images: 0,
    usage_estimated: false,
    cost_micros: 10,
    reserved_micros: 20,
    price_version: 'v1',
    attempts: 1,
  });
const key = (label: string, revokedAt: Date | null) =>
  f.insert('virtual_key', { id: f.id(label), key_hash: crypto.randomUUID().replaceAll('-', ''), prefix: 'sk', user_id: 'user-1', name: label, created_at: ago(9 * YEAR), revoked_at: revokedAt });

beforeAll(async () => {
  f = await createRetentionFixture({ schema: 'llm_router', entities, migrations });
  await ledger('call-8y', ago(8 * YEAR));
  await ledger('call-6y', ago(6 * YEAR));
  await key('key-revoked-8y', ago(8 * YEAR));
  await key('key-revoked-6y', ago(6 * YEAR));
  await key('key-live', null);
  await f.insert('processed_event', { consumer: 'pe-old', event_id: crypto.randomUUID(), processed_at: ago(100) });
  await f.insert('processed_event', { consumer: 'pe-new', event_id: crypto.randomUUID(), processed_at: ago(10) });
}, 60_000);

afterAll(async () => {
  await f?.close();
});

test('the call ledger and revoked keys are financial records kept 7 years; dedupe records 90 days', async () => {
  const results = await f.run(retentionRules, { now: NOW });
  expect(results.map((r) => [r.rule, r.affected, r.error ?? null])).toEqual([
    ['processed-events', 1, null],
    ['ledger', 1, null],
    ['virtual-keys-revoked', 1, null],
  ]);
  expect(await f.remaining('ledger_entry', 'id')).toEqual(['call-6y']);
  expect(await f.remaining('virtual_key', 'id')).toEqual(['key-live', 'key-revoked-6y']);
  expect(await f.remaining('processed_event', 'consumer')).toEqual(['pe-new']);
  // two years on, the rest of what aged out goes; a live key never does
  await f.run(retentionRules, { now: new Date(NOW.getTime() + 2 * YEAR * 86_400_000) });
  expect(await f.remaining('ledger_entry', 'id')).toEqual([]);
  expect(await f.remaining('virtual_key', 'id')).toEqual(['key-live']);
});

test('the runner takes its limits from RETENTION_*_DAYS', async () => {
  const logger = createLogger({ service: 'llm-router-test', level: 'silent' });
  const config = loadConfig({ RETENTION_USER_DAYS: '10', RETENTION_LOG_DAYS: '3' });
  await ledger('call-20d', ago(20));
  await ledger('call-5d', ago(5));
  await f.insert('processed_event', { consumer: 'pe-5d', event_id: crypto.randomUUID(), processed_at: ago(5) });
  const results = await createLlmRouterRetention({ orm: f.orm, config, logger, clock: () => NOW }).run();
  expect(results.find((r) => r.rule === 'ledger')!.cutoff.toISOString()).toBe(ago(10).toISOString());
  expect(await f.remaining('ledger_entry', 'id')).toEqual(['call-5d']);
  expect(await f.remaining('processed_event', 'consumer')).toEqual([]);
});

test('RETENTION_ONLY=true runs the rules on the real process and exits 0 (the retention CronJob)', async () => {
  await ledger('call-real-8y', daysBefore(new Date(), 8 * YEAR));
  await ledger('call-real-1d', daysBefore(new Date(), 1));
  const proc = Bun.spawn(['bun', 'src/main.ts'], {
    cwd: join(REPO_ROOT, 'llm-router'),
    env: {
      ...process.env,
      // production without the tokens (the CronJob is not given them), no price table, NATS on a dead port
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      DATABASE_URL: f.url,
      DATABASE_MIGRATE: 'false',
      LLM_ROUTER_PRICES_FILE: '/nonexistent/prices.json',
      NATS_URL: `nats://127.0.0.1:${await freePort()}`,
      PORT: String(await freePort()),
      RETENTION_ONLY: 'true',
    },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  const [out, err, code] = [await new Response(proc.stdout).text(), await new Response(proc.stderr).text(), await proc.exited];
  clearTimeout(timer);
  expect({ code, log: code === 0 ? '' : out + err }).toEqual({ code: 0, log: '' });
  expect(out + err).toContain('retention applied');
  expect(out + err).not.toContain('listening');
  expect(await f.remaining('ledger_entry', 'id')).toEqual(['call-5d', 'call-real-1d']);
}, 60_000);
