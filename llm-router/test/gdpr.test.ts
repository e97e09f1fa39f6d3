/** The router's answers to GDPR export and erasure, on a real database. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createLogger, createOrm, type Orm } from '@startales/kit';
import { createTestDatabase, type TestDatabase } from '@startales/testing';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { LedgerEntry } from '../src/entities/ledger-entry.entity.ts';
import { VirtualKey } from '../src/entities/virtual-key.entity.ts';
import { Budget } from '../src/entities/budget.entity.ts';
import { llmRouterGdpr } from '../src/gdpr.ts';

let db: TestDatabase;
let orm: Orm;
const alice = '01a212ad-030a-7531-8e0f-e49d94410f3d';
const bob = '01a212ad-030a-7531-8e0f-e49d94410f3e';

function ledger(userId: string, costMicros: number) {
  return {
    id: Bun.randomUUIDv7(), startedAt: new Date(), durationMs: 10, keyId: 'service', userId, campaignId: 'c1', purpose: 'narration',
    endpoint: 'chat', stream: false, requestedModel: 'STANDARD', provider: 'google', model: 'google/gemini-2.5-flash', tier: 'STANDARD',
    status: 'ok', inputTokens: 100, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 50, reasoningTokens: 0, images: 0,
    usageEstimated: false, costMicros, reservedMicros: costMicros, priceVersion: 'test', attempts: 1, errorCode: null, errorMessage: null,
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm({ url: db.url, schema: 'llm_router', entities, migrations, logger: createLogger({ service: 't', level: 'silent' }), poolMax: 2 });
  const em = orm.em.fork();
  em.create(LedgerEntry, ledger(alice, 1200));
  em.create(LedgerEntry, ledger(alice, 800));
  em.create(LedgerEntry, ledger(bob, 500));
  em.create(VirtualKey, { id: Bun.randomUUIDv7(), keyHash: 'a'.repeat(64), prefix: 'sk-sta-x', userId: alice, name: 'cli', rpm: null, tpm: null, createdAt: new Date(), revokedAt: null });
  const now = new Date();
  em.create(Budget, { scope: 'user', scopeId: alice, limitMicros: 5_000_000, period: 'month', spentMicros: 2000, reservedMicros: 0, periodStart: now, updatedAt: now });
  await em.flush();
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

test('export: the user\'s calls with totals, keys without their hash, budgets', async () => {
  const data = await orm.em.fork().transactional((em) => llmRouterGdpr.exportUser(em, alice));
  expect(data.totals).toEqual({ calls: 2, costMicros: 2000 });
  expect((data.calls as unknown[]).length).toBe(2);
  const keys = data.virtualKeys as Array<Record<string, unknown>>;
  expect(keys).toHaveLength(1);
  expect(keys[0]!.keyHash).toBeUndefined();
  expect((data.budgets as unknown[]).length).toBe(1);
});

test('erasure: keys and budget go, ledger costs stay under `erased`, others untouched', async () => {
  await orm.em.fork().transactional((em) => llmRouterGdpr.eraseUser(em, alice));
  const em = orm.em.fork();
  expect(await em.count(VirtualKey, { userId: alice })).toBe(0);
  expect(await em.count(Budget, { scope: 'user', scopeId: alice })).toBe(0);
  expect(await em.count(LedgerEntry, { userId: alice })).toBe(0);
  expect(await em.count(LedgerEntry, { userId: 'erased' })).toBe(2);
  expect(await em.count(LedgerEntry, { userId: bob })).toBe(1);
  // idempotent
  await orm.em.fork().transactional((tx) => llmRouterGdpr.eraseUser(tx, alice));
});
