/** The users service's retention rules on fixtures, against the real PostgreSQL, with the runner's clock moved. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalObjectStorage, createLogger, type ObjectStorage } from '@startales/kit';
import { createRetentionFixture, daysBefore, type RetentionFixture } from '@startales/testing';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { createRetentionRules } from '../src/retention.ts';
import { createCharacterImageService } from '../src/modules/characters/service.ts';

const NOW = new Date('2030-06-01T00:00:00Z');
const YEAR = 365;
const ago = (days: number) => daysBefore(NOW, days);
const hash = () => crypto.randomUUID().replaceAll('-', '');
let f: RetentionFixture;
const user = crypto.randomUUID();
const storageDir = mkdtempSync(join(tmpdir(), 'users-retention-objects-'));
const storage = createLocalObjectStorage({ dir: storageDir });
const retentionRules = createRetentionRules({ storage });

/** Each log-like table gets a row that ended 100 days ago (goes) and one that ended 10 days ago (stays). */
const LOGS = ['100d', '10d'] as const;
const logDays = { '100d': 100, '10d': 10 } as const;

beforeAll(async () => {
  f = await createRetentionFixture({ schema: 'users', entities, migrations });
  for (const age of LOGS) {
    const at = ago(logDays[age]);
    await f.insert('processed_event', { consumer: `pe-${age}`, event_id: crypto.randomUUID(), processed_at: at });
    await f.insert('auth_throttle', { key: `throttle-${age}`, attempts: 3, last_attempt_at: at });
    await f.insert('account_token', { id: f.id(`token-${age}`), user_id: user, purpose: 'reset', token_hash: hash(), email: 'a@b.c', created_at: ago(logDays[age] + 1), expires_at: at });
    await f.insert('refresh_token', { id: f.id(`session-${age}`), token_hash: hash(), family_id: crypto.randomUUID(), user_id: user, created_at: ago(logDays[age] + 30), expires_at: at });
    await f.insert('mfa_challenge', { id: f.id(`challenge-${age}`), user_id: user, token_hash: hash(), created_at: ago(logDays[age] + 1), expires_at: at });
    await f.insert('mfa_recovery_code', { id: f.id(`code-used-${age}`), user_id: user, code_hash: hash(), created_at: ago(YEAR), used_at: at });
    await f.insert('oauth_flow', { id: f.id(`flow-${age}`), state_hash: hash(), provider: 'google', intent: 'signin', redirect_uri: 'http://x', created_at: ago(logDays[age] + 1), expires_at: at });
    await f.insert('api_key', { id: f.id(`key-revoked-${age}`), owner_id: user, name: 'k', prefix: 'p', key_hash: hash(), scopes: [], created_at: ago(YEAR), revoked_at: at });
    await f.insert('api_key', { id: f.id(`key-expired-${age}`), owner_id: user, name: 'k', prefix: 'p', key_hash: hash(), scopes: [], created_at: ago(YEAR), expires_at: at });
    await f.insert('mail_message', { id: f.id(`mail-sent-${age}`), kind: 'verify', to: 'a@b.c', subject: 's', created_at: at, next_attempt_at: at, sent_at: at });
    await f.insert('mail_message', { id: f.id(`mail-failed-${age}`), kind: 'verify', to: 'a@b.c', subject: 's', created_at: at, next_attempt_at: at, failed_at: at });
    await f.insert('data_export', { id: f.id(`export-${age}`), user_id: user, status: 'READY', download_token_hash: hash(), requested_at: ago(logDays[age] + 7), expires_at: at });
    await f.insert('data_export_part', { export_id: f.id(`export-${age}`), service: `part-${age}`, data: {}, received_at: ago(logDays[age] + 7) });
  }
  // still usable credentials and queued mail never age, whatever their age
  await f.insert('mfa_recovery_code', { id: f.id('code-unused'), user_id: user, code_hash: hash(), created_at: ago(5 * YEAR) });
  await f.insert('api_key', { id: f.id('key-live'), owner_id: user, name: 'k', prefix: 'p', key_hash: hash(), scopes: [], created_at: ago(5 * YEAR) });
  await f.insert('mail_message', { id: f.id('mail-queued'), kind: 'verify', to: 'a@b.c', subject: 's', created_at: ago(200), next_attempt_at: ago(200) });
  // user data: sanctions that ended 8 and 6 years ago, a ban in force, erasures completed 8 and 6 years ago
  const sanction = (label: string, over: Record<string, unknown>) =>
    f.insert('account_sanction', { id: f.id(label), user_id: user, type: 'SUSPEND', policy: 'SPAM', reason: 'r', starts_at: ago(9 * YEAR), received_at: ago(9 * YEAR), ...over });
  await sanction('sanction-expired-8y', { expires_at: ago(8 * YEAR) });
  await sanction('sanction-revoked-8y', { expires_at: ago(1), revoked_at: ago(8 * YEAR) });
  await sanction('sanction-expired-6y', { expires_at: ago(6 * YEAR) });
  await sanction('ban', { type: 'BAN' });
  for (const [label, days] of [['erased-8y', 8 * YEAR], ['erased-6y', 6 * YEAR]] as const) {
    await f.insert('erasure', { user_id: f.id(label), requested_at: ago(days + 1), completed_at: ago(days) });
    await f.insert('erasure_ack', { user_id: f.id(label), service: `ack-${label}`, completed_at: ago(days) });
  }
  await f.insert('erasure', { user_id: f.id('erasure-pending'), requested_at: ago(9 * YEAR) });
}, 60_000);

afterAll(async () => {
  await f?.close();
  rmSync(storageDir, { recursive: true, force: true });
});

const LOG_TABLES: Array<[table: string, column: string, prefixes: string[]]> = [
  ['processed_event', 'consumer', ['pe']],
  ['auth_throttle', 'key', ['throttle']],
  ['account_token', 'id', ['token']],
  ['refresh_token', 'id', ['session']],
  ['mfa_challenge', 'id', ['challenge']],
  ['oauth_flow', 'id', ['flow']],
  ['data_export', 'id', ['export']],
  ['data_export_part', 'service', ['part']],
];

test('logs and dead credentials go 90 days after they ended; live credentials and queued mail stay', async () => {
  const results = await f.run(retentionRules, { now: NOW });
  expect(results.filter((r) => r.error)).toEqual([]);
  for (const [table, column, prefixes] of LOG_TABLES) {
    expect({ table, left: await f.remaining(table, column) }).toEqual({ table, left: prefixes.map((p) => `${p}-10d`) });
  }
  expect(await f.remaining('mfa_recovery_code', 'id')).toEqual(['code-unused', 'code-used-10d']);
  expect(await f.remaining('api_key', 'id')).toEqual(['key-expired-10d', 'key-live', 'key-revoked-10d']);
  expect(await f.remaining('mail_message', 'id')).toEqual(['mail-failed-10d', 'mail-queued', 'mail-sent-10d']);
  expect(await f.remaining('account_sanction', 'id')).toEqual(['ban', 'sanction-expired-6y']);
  expect(await f.remaining('erasure', 'user_id')).toEqual(['erased-6y', 'erasure-pending']);
  expect(await f.remaining('erasure_ack', 'service')).toEqual(['ack-erased-6y']);
});

test('RETENTION_LOG_DAYS and RETENTION_USER_DAYS move the cutoffs; a later clock ages out the rest', async () => {
  await f.run(retentionRules, { now: NOW, policy: { logDays: 5, userDays: 7 * YEAR } });
  for (const [table, column] of LOG_TABLES) expect({ table, left: await f.remaining(table, column) }).toEqual({ table, left: [] });
  expect(await f.remaining('account_sanction', 'id')).toEqual(['ban', 'sanction-expired-6y']);
  await f.run(retentionRules, { now: NOW, policy: { userDays: 5 * YEAR } });
  expect(await f.remaining('account_sanction', 'id')).toEqual(['ban']);
  await f.run(retentionRules, { now: new Date(NOW.getTime() + YEAR * 86_400_000) });
  expect(await f.remaining('erasure', 'user_id')).toEqual(['erasure-pending']);
  expect(await f.remaining('erasure_ack', 'service')).toEqual([]);
  expect(await f.remaining('api_key', 'id')).toEqual(['key-live']);
  expect(await f.remaining('mail_message', 'id')).toEqual(['mail-queued']);
});

test('the audit log of privileged changes keeps 7 years, and the database refuses any shorter limit', async () => {
  // the floor is the database's own clock: these entries are dated from the real time
  const real = new Date();
  for (const [label, days] of [['audit-8y', 8 * YEAR], ['audit-6y', 6 * YEAR], ['audit-1d', 1]] as const) {
    await f.insert('audit_log', { id: f.id(label), actor: user, action: 'user.roles_changed', target_type: 'user', target_id: user, created_at: daysBefore(real, days) });
  }
  const rule = (results: Awaited<ReturnType<RetentionFixture['run']>>) => {
    const r = results.find((x) => x.rule === 'audit-log')!;
    return { affected: r.affected, error: r.error ?? null };
  };
  expect(rule(await f.run(retentionRules, { now: real }))).toEqual({ affected: 1, error: null });
  expect(await f.remaining('audit_log', 'id')).toEqual(['audit-1d', 'audit-6y']);
  // a one-day limit, or a clock far ahead, asks for more than the floor allows: the rule stops at the floor
  expect(rule(await f.run(retentionRules, { now: new Date(real.getTime() + 3 * YEAR * 86_400_000), policy: { userDays: 1 } }))).toEqual({ affected: 0, error: null });
  expect(await f.remaining('audit_log', 'id')).toEqual(['audit-1d', 'audit-6y']);
  // and the database itself refuses a delete of a younger entry, whoever asks
  await expect(f.orm.em.getConnection().execute(`delete from users.audit_log where id = '${f.id('audit-6y')}'`)).rejects.toThrow(/append-only/);
  await expect(f.orm.em.getConnection().execute(`update users.audit_log set actor = 'x'`)).rejects.toThrow(/append-only/);
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const objects = async (userId: string) => (await storage.list(`characters/${userId}/`)).map((k) => k.slice(`characters/${userId}/`.length));

/** A portrait attempt; `object`: a file stored under its id (`recorded`: and the row points at it, as a READY one does). */
async function attempt(userId: string, label: string, status: string, over: Record<string, unknown> = {}, object?: { ext: string; recorded?: boolean }) {
  const id = f.id(label);
  const key = object ? `characters/${userId}/${id}.${object.ext}` : null;
  await f.insert('character_image', {
    id,
    user_id: userId,
    description: 'a tall elf ranger with a scarred cheek',
    status,
    selected: false,
    storage_key: object?.recorded ? key : null,
    content_type: object?.recorded ? 'image/png' : null,
    created_at: ago(YEAR),
    updated_at: ago(YEAR),
    ...over,
  });
  if (key) await storage.put(key, PNG);
  return id;
}

test('portrait attempts that are not a portrait go 90 days after they ended, with any object they left; portraits stay', async () => {
  const player = crypto.randomUUID();
  const other = crypto.randomUUID();
  const at = (days: number) => ({ created_at: ago(days), updated_at: ago(days) });
  const selected = await attempt(player, 'ready-selected-5y', 'READY', { ...at(5 * YEAR), selected: true }, { ext: 'png', recorded: true });
  const gallery = await attempt(player, 'ready-gallery-5y', 'READY', at(5 * YEAR), { ext: 'png', recorded: true });
  await attempt(player, 'rejected-100d', 'REJECTED', { ...at(100), rejected_stage: 'DESCRIPTION', categories: JSON.stringify(['hate']) });
  await attempt(player, 'rejected-10d', 'REJECTED', { ...at(10), rejected_stage: 'IMAGE', categories: JSON.stringify(['hate']) });
  // objects a failed delete or a crash left behind (the row no longer, or never, points at them)
  await attempt(player, 'failed-100d', 'FAILED', { ...at(100), error: 'SERVICE_UNAVAILABLE: x' }, { ext: 'png' });
  const failedRecent = await attempt(player, 'failed-10d', 'FAILED', at(10), { ext: 'png' });
  await attempt(player, 'removed-100d', 'REMOVED', { created_at: ago(YEAR), updated_at: ago(100) }, { ext: 'jpg' });
  // removed 10 days ago although drawn a year ago: a removal ages from when it happened
  await attempt(player, 'removed-10d', 'REMOVED', { created_at: ago(YEAR), updated_at: ago(10) });
  await attempt(player, 'pending-100d', 'PENDING', at(100), { ext: 'webp' });
  await attempt(other, 'other-failed-100d', 'FAILED', at(100), { ext: 'png' });
  const otherReady = await attempt(other, 'other-ready-3y', 'READY', at(3 * YEAR), { ext: 'png', recorded: true });
  // an object no row names is not retention's: erasure sweeps the whole prefix
  const orphan = crypto.randomUUID();
  await storage.put(`characters/${player}/${orphan}.png`, PNG);

  const results = await f.run(retentionRules, { now: NOW });
  expect(results.filter((r) => r.error)).toEqual([]);
  expect(results.find((r) => r.rule === 'character-images-dead')).toMatchObject({ category: 'log', affected: 5 });
  expect(await f.remaining('character_image', 'id')).toEqual(['failed-10d', 'other-ready-3y', 'ready-gallery-5y', 'ready-selected-5y', 'rejected-10d', 'removed-10d']);
  expect(await objects(player)).toEqual([`${failedRecent}.png`, `${gallery}.png`, `${orphan}.png`, `${selected}.png`].sort());
  expect(await objects(other)).toEqual([`${otherReady}.png`]);

  // however far the clock moves, the portraits stay while the account exists
  await f.run(retentionRules, { now: new Date(NOW.getTime() + 10 * YEAR * 86_400_000) });
  expect(await f.remaining('character_image', 'id')).toEqual(['other-ready-3y', 'ready-gallery-5y', 'ready-selected-5y']);
  expect(await objects(player)).toEqual([`${gallery}.png`, `${orphan}.png`, `${selected}.png`].sort());
});

test('a portrait the player removes ages from its removal (the service records when), and its object is gone at once', async () => {
  const player = crypto.randomUUID();
  const id = await attempt(player, 'removed-by-service', 'READY', { created_at: ago(YEAR), updated_at: ago(YEAR) }, { ext: 'png', recorded: true });
  let clock = ago(50).getTime();
  const service = createCharacterImageService({ storage, mediaBaseUrl: 'http://users.test', perDay: 10, clock: () => clock, logger: createLogger({ service: 'users-test', level: 'silent' }) });
  expect(await service.remove(f.orm.em.fork(), player, id)).toBe(true);
  expect(await objects(player)).toEqual([]);
  await f.run(retentionRules, { now: NOW });
  expect(await f.remaining('character_image', 'id')).toContain('removed-by-service');
  clock = NOW.getTime();
  await f.run(retentionRules, { now: new Date(NOW.getTime() + 45 * 86_400_000) });
  expect(await f.remaining('character_image', 'id')).not.toContain('removed-by-service');
});

test('a storage failure fails the rule and keeps the rows, so the next run deletes rows and objects together', async () => {
  const player = crypto.randomUUID();
  const id = await attempt(player, 'failed-stuck', 'FAILED', { created_at: ago(200), updated_at: ago(200) }, { ext: 'png' });
  const broken: ObjectStorage = {
    ...storage,
    delete: async () => {
      throw new Error('bucket unreachable');
    },
  };
  const failed = (await f.run(createRetentionRules({ storage: broken }), { now: NOW })).find((r) => r.rule === 'character-images-dead')!;
  expect({ affected: failed.affected, error: failed.error }).toEqual({ affected: 0, error: 'bucket unreachable' });
  expect(await f.remaining('character_image', 'id')).toContain('failed-stuck');
  expect(await objects(player)).toEqual([`${id}.png`]);
  await f.run(retentionRules, { now: NOW });
  expect(await f.remaining('character_image', 'id')).not.toContain('failed-stuck');
  expect(await objects(player)).toEqual([]);
});
