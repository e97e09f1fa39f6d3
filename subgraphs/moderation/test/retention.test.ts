/**
 * Moderation's retention rules on fixtures, against the real PostgreSQL. The audit log's floor is the database's own
 * clock, so the fixtures are dated from the real time; later clocks and shorter limits are then given to the runner.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createRetentionFixture, daysBefore, type RetentionFixture } from '@startales/testing';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { retentionRules } from '../src/retention.ts';

const NOW = new Date();
const YEAR = 365;
const DAY_MS = 86_400_000;
const ago = (days: number) => daysBefore(NOW, days);
let f: RetentionFixture;
const player = crypto.randomUUID();
const moderator = crypto.randomUUID();

const action = (label: string, type: string, createdDays: number, over: Record<string, unknown> = {}) =>
  f.insert('moderation_action', { id: f.id(label), type, user_id: player, policy: 'SPAM', statement: 's', moderator_id: moderator, strikes: 1, starts_at: ago(createdDays), created_at: ago(createdDays), ...over });
const moderationCase = (label: string, status: string, closedDays: number | null, subject: string = crypto.randomUUID()) =>
  f.insert('moderation_case', {
    id: f.id(label),
    subject_type: 'MESSAGE',
    subject_id: subject,
    user_id: player,
    status,
    tier: 1,
    categories: ['spam'],
    sla_due_at: ago(9 * YEAR),
    opened_at: ago(9 * YEAR),
    updated_at: ago(closedDays ?? 9 * YEAR),
    closed_at: closedDays === null ? null : ago(closedDays),
  });
const report = (label: string, createdDays: number, caseLabel: string | null) =>
  f.insert('report', { id: f.id(label), reporter_id: moderator, user_id: player, reason: 'SPAM', details: 'd', status: 'ACTIONED', created_at: ago(createdDays), subject_type: 'USER', subject_id: player, case_id: caseLabel && f.id(caseLabel) });
const content = (label: string, days: number) =>
  f.insert('content_item', { id: f.id(label), campaign_id: crypto.randomUUID(), seq: 1, kind: 'PLAYER_MESSAGE', author_id: player, text: 'hello', occurred_at: ago(days), check_status: 'DONE' });

beforeAll(async () => {
  f = await createRetentionFixture({ schema: 'moderation', entities, migrations });
  await action('warn-8y', 'WARN', 8 * YEAR);
  await f.insert('moderation_appeal', { id: f.id('appeal-warn-8y'), action_id: f.id('warn-8y'), user_id: player, statement: 's', status: 'DENIED', created_at: ago(8 * YEAR) });
  await action('warn-6y', 'WARN', 6 * YEAR, { content_id: f.id('content-cited-3y') });
  await f.insert('moderation_appeal', { id: f.id('appeal-warn-6y'), action_id: f.id('warn-6y'), user_id: player, statement: 's', status: 'DENIED', created_at: ago(6 * YEAR) });
  await action('suspend-expired-8y', 'SUSPEND', 8 * YEAR + 7, { expires_at: ago(8 * YEAR) });
  await action('suspend-expired-6y', 'SUSPEND', 8 * YEAR, { expires_at: ago(6 * YEAR) });
  await action('ban-revoked-8y', 'BAN', 9 * YEAR, { revoked_at: ago(8 * YEAR) });
  await action('ban-in-force-8y', 'BAN', 8 * YEAR, { case_id: f.id('case-closed-8y-cited') });

  await moderationCase('case-closed-8y', 'RESOLVED', 8 * YEAR);
  await f.insert('moderation_case_note', { id: f.id('note-8y'), case_id: f.id('case-closed-8y'), author_id: moderator, body: 'b', created_at: ago(8 * YEAR) });
  await f.insert('moderation_flag', { id: f.id('flag-8y'), case_id: f.id('case-closed-8y'), content_id: f.id('content-flagged-3y'), source: 'RULE', category: 'spam', hid: false, created_at: ago(8 * YEAR) });
  await report('report-in-case-8y', 8 * YEAR, 'case-closed-8y');
  await moderationCase('case-closed-8y-cited', 'RESOLVED', 8 * YEAR);
  await moderationCase('case-dismissed-6y', 'DISMISSED', 6 * YEAR);
  await moderationCase('case-open', 'OPEN', null, f.id('content-open-case-3y'));
  await report('report-alone-8y', 8 * YEAR, null);
  await report('report-alone-6y', 6 * YEAR, null);

  await content('content-3y', 3 * YEAR);
  await content('content-1y', YEAR);
  await content('content-flagged-3y', 3 * YEAR);
  await content('content-cited-3y', 3 * YEAR);
  await content('content-open-case-3y', 3 * YEAR);

  for (const [label, days] of [['audit-8y', 8 * YEAR], ['audit-6y', 6 * YEAR], ['audit-1d', 1]] as const) {
    await f.insert('moderation_audit_log', { id: f.id(label), actor: moderator, action: 'action.created', target_type: 'action', target_id: 'x', created_at: ago(days) });
  }
  await f.insert('processed_event', { consumer: 'pe-old', event_id: crypto.randomUUID(), processed_at: ago(100) });
  await f.insert('processed_event', { consumer: 'pe-new', event_id: crypto.randomUUID(), processed_at: ago(10) });
}, 60_000);

afterAll(async () => {
  await f?.close();
});

test('safety records go 7 years after they ended, with what hangs off them; a ban in force and what it cites stay', async () => {
  const results = await f.run(retentionRules, { now: NOW });
  expect(results.filter((r) => r.error)).toEqual([]);
  expect(await f.remaining('moderation_action', 'id')).toEqual(['ban-in-force-8y', 'suspend-expired-6y', 'warn-6y']);
  expect(await f.remaining('moderation_appeal', 'id')).toEqual(['appeal-warn-6y']);
  expect(await f.remaining('moderation_case', 'id')).toEqual(['case-closed-8y-cited', 'case-dismissed-6y', 'case-open']);
  expect(await f.remaining('moderation_case_note', 'id')).toEqual([]);
  expect(await f.remaining('moderation_flag', 'id')).toEqual([]);
  expect(await f.remaining('report', 'id')).toEqual(['report-alone-6y']);
  expect(await f.remaining('moderation_audit_log', 'id')).toEqual(['audit-1d', 'audit-6y']);
  expect(await f.remaining('processed_event', 'consumer')).toEqual(['pe-new']);
  // game content goes after 2 years unless an action cites it or an open case is about it; the flagged message's
  // case aged out in the same run, so it went too
  expect(await f.remaining('content_item', 'id')).toEqual(['content-1y', 'content-cited-3y', 'content-open-case-3y']);
});

test('a later clock and shorter limits age out the rest, but never the audit log before its 7-year floor', async () => {
  const later = new Date(NOW.getTime() + 2 * YEAR * DAY_MS);
  const results = await f.run(retentionRules, { now: later, policy: { userDays: 30, campaignDays: 30, logDays: 1 } });
  expect(results.filter((r) => r.error)).toEqual([]);
  expect(await f.remaining('moderation_action', 'id')).toEqual(['ban-in-force-8y']);
  expect(await f.remaining('moderation_appeal', 'id')).toEqual([]);
  expect(await f.remaining('moderation_case', 'id')).toEqual(['case-closed-8y-cited', 'case-open']);
  expect(await f.remaining('report', 'id')).toEqual([]);
  expect(await f.remaining('content_item', 'id')).toEqual(['content-open-case-3y']);
  expect(await f.remaining('processed_event', 'consumer')).toEqual([]);
  expect(await f.remaining('moderation_audit_log', 'id')).toEqual(['audit-1d', 'audit-6y']);
  // the floor is the database's: no other statement can delete a younger entry, nor update or truncate any
  const sql = f.orm.em.getConnection();
  for (const statement of [
    `delete from moderation.moderation_audit_log where id = '${f.id('audit-6y')}'`,
    `update moderation.moderation_audit_log set actor = 'x'`,
    `truncate moderation.moderation_audit_log`,
  ]) {
    await expect(sql.execute(statement)).rejects.toThrow(/append-only/);
  }
  expect(await f.remaining('moderation_audit_log', 'id')).toEqual(['audit-1d', 'audit-6y']);
});
