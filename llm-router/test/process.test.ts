/** The real process (`bun src/main.ts`): starts from the environment, serves, shuts down cleanly. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import OpenAI from 'openai';
import { createTestDatabase, deleteNamespaceStreams, eventually, freePort, TEST_NATS_URL, uniqueName, type TestDatabase } from '@startales/testing';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/openai.ts';

let proc: Subprocess<'ignore', 'pipe', 'pipe'>;
let db: TestDatabase;
let fake: FakeOpenAI;
let url: string;
const ns = uniqueName('lrp');
const log: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('llmr_p');
  fake = startFakeOpenAI('openai');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  proc = Bun.spawn(['bun', 'src/main.ts'], {
    cwd: join(import.meta.dir, '..'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: db.url,
      NATS_URL: TEST_NATS_URL,
      NATS_NAMESPACE: ns,
      LLM_ROUTER_SERVICE_TOKEN: 'proc-service-token',
      LLM_ROUTER_ADMIN_TOKEN: 'proc-admin-token',
      OPENAI_API_KEY: 'openai-test-key',
      OPENAI_BASE_URL: `${fake.url}/v1`,
      // no other provider configured: they must show as unavailable, not crash the process
      ANTHROPIC_API_KEY: '',
      GEMINI_API_KEY: '',
      XAI_API_KEY: '',
      OLLAMA_BASE_URL: '',
    },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  for (const stream of [proc.stdout, proc.stderr]) {
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) log.push(decoder.decode(chunk));
    })();
  }
  await eventually(
    async () => {
      if (proc.exitCode !== null) throw new Error(`exited ${proc.exitCode}: ${log.join('')}`);
      return (await fetch(`${url}/healthz/ready`)).ok;
    },
    'the router to be ready',
    30_000,
  );
});

afterAll(async () => {
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
  await fake?.stop();
  await db?.drop();
  await deleteNamespaceStreams(ns).catch(() => {});
});

test('ready with its database and NATS; /v1/models lists pricing and which providers are configured', async () => {
  const ready = await fetch(`${url}/healthz/ready`);
  expect(await ready.json()).toEqual({ status: 'ready', checks: { database: true, nats: true } });
  expect((await fetch(`${url}/healthz/live`)).status).toBe(200);
  const res = await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer proc-service-token' } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { priceVersion: string; data: Array<Record<string, any>>; providers: Record<string, { available: boolean }>; aliases: Record<string, string[]> };
  expect(body.providers).toEqual({ openai: { available: true }, anthropic: { available: false }, google: { available: false }, xai: { available: false }, ollama: { available: false } });
  expect(body.data.find((m) => m.id === 'openai/gpt-4o')).toMatchObject({ available: true, tier: 'PREMIUM', pricing: { inputMicrosPerMillion: 2_500_000 } });
  expect(body.data.find((m) => m.id === 'anthropic/claude-sonnet-4-6')).toMatchObject({ available: false });
  expect(body.aliases.PREMIUM).toContain('openai/gpt-4o');
});

test('serves a metered call end to end, then shuts down cleanly on SIGTERM', async () => {
  const client = new OpenAI({ apiKey: 'proc-service-token', baseURL: `${url}/v1`, defaultHeaders: { 'x-startales-user': 'proc-user' }, maxRetries: 0 });
  const { data, response } = await client.chat.completions.create({ model: 'PREMIUM', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  expect(data.model).toBe('openai/gpt-4o');
  expect(response.headers.get('x-startales-cost-micros')).toBe('450');
  proc.kill('SIGTERM');
  expect(await proc.exited).toBe(0);
  // the ledger row was written before the process exited
  const sql = new Bun.SQL(db.url, { max: 1 });
  const rows = await sql`select user_id, cost_micros from llm_router.ledger_entry`;
  await sql.close();
  expect(rows).toEqual([{ user_id: 'proc-user', cost_micros: '450' }]);
});
