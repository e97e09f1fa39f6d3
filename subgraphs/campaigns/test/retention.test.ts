/** Campaigns' retention rules on fixtures, against the real PostgreSQL, with the runner's clock moved. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createRetentionFixture, daysBefore, type RetentionFixture } from '@startales/testing';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { retentionRules } from '../src/retention.ts';

const NOW = new Date('2030-06-01T00:00:00Z');
const YEAR = 365;
const DAY_MS = 86_400_000;
const ago = (days: number) => daysBefore(NOW, days);
let f: RetentionFixture;
const owner = crypto.randomUUID();
const player = crypto.randomUUID();

/** A campaign with one row in every dependent table, each labelled after it. */
async function campaign(label: string, status: string, endedDaysAgo: number, over: Record<string, unknown> = {}) {
  const id = f.id(label);
  await f.insert('campaign', {
    id,
    owner_id: owner,
    title: label,
    seed: 'seed',
    mode: 'ONE_SHOT',
    length_weeks: 4,
    play_hours_per_week: 2,
    max_players: 4,
    llm_tier: 'STANDARD',
    starts_at: ago(endedDaysAgo + 30),
    status,
    created_at: ago(endedDaysAgo + 60),
    status_changed_at: ago(endedDaysAgo),
    ...over,
  });
  await f.insert('registration', { id: f.id(`${label}/registration`), campaign_id: id, user_id: player, status: 'PAID', source: 'JOIN', group_id: crypto.randomUUID(), created_at: ago(endedDaysAgo + 40) });
  await f.insert('campaign_invitation', { id: f.id(`${label}/invitation`), campaign_id: id, inviter_id: owner, invitee_id: player, status: 'ACCEPTED', created_at: ago(endedDaysAgo + 40) });
  await f.insert('submitted_action', { campaign_id: id, user_id: player, action_id: f.id(`${label}/action`), event_id: crypto.randomUUID(), text_hash: 'h', submitted_at: ago(endedDaysAgo + 1) });
  await f.insert('match_ticket', { id: f.id(`${label}/ticket`), user_id: player, member_ids: JSON.stringify([player]), timezone: 'UTC', language: 'en', status: 'MATCHED', campaign_id: id, created_at: ago(endedDaysAgo + 45), matched_at: ago(endedDaysAgo + 44) });
}

beforeAll(async () => {
  f = await createRetentionFixture({ schema: 'campaigns', entities, migrations });
  await campaign('completed-3y', 'COMPLETED', 3 * YEAR);
  await campaign('cancelled-3y', 'CANCELLED', 3 * YEAR);
  // no status_changed_at (rows from before the column): the scheduled end, then creation, stand in
  await campaign('completed-3y-legacy', 'COMPLETED', 3 * YEAR, { status_changed_at: null, ends_at: ago(3 * YEAR) });
  await campaign('completed-1y', 'COMPLETED', YEAR);
  await campaign('draft-5y', 'DRAFT', 5 * YEAR);
  await campaign('running-3y', 'RUNNING', 3 * YEAR);
  await f.insert('match_ticket', { id: f.id('ticket-cancelled-3y'), user_id: player, member_ids: '[]', timezone: 'UTC', language: 'en', status: 'CANCELLED', created_at: ago(3 * YEAR) });
  await f.insert('match_ticket', { id: f.id('ticket-waiting-3y'), user_id: player, member_ids: '[]', timezone: 'UTC', language: 'en', status: 'WAITING', created_at: ago(3 * YEAR) });
  for (const [label, days] of [['old', 100], ['new', 10]] as const) {
    await f.insert('processed_event', { consumer: `pe-${label}`, event_id: crypto.randomUUID(), processed_at: ago(days) });
    await f.insert('block_view', { blocker_id: f.id(`unblocked-${label}`), blocked_id: player, active: false, seq: 2, updated_at: ago(days) });
    await f.insert('party_view', { party_id: f.id(`disbanded-${label}`), member_ids: '[]', disbanded: true, updated_at: ago(days) });
  }
  await f.insert('block_view', { blocker_id: f.id('blocked-old'), blocked_id: player, active: true, seq: 1, updated_at: ago(5 * YEAR) });
  await f.insert('party_view', { party_id: f.id('party-old'), member_ids: '[]', disbanded: false, updated_at: ago(5 * YEAR) });
}, 60_000);

afterAll(async () => {
  await f?.close();
});

const DEPENDENTS: Array<[table: string, column: string, suffix: string]> = [
  ['registration', 'id', 'registration'],
  ['campaign_invitation', 'id', 'invitation'],
  ['submitted_action', 'action_id', 'action'],
];
const withDependents = async (labels: string[]) => {
  expect(await f.remaining('campaign', 'id')).toEqual([...labels].sort());
  for (const [table, column, suffix] of DEPENDENTS) expect({ table, left: await f.remaining(table, column) }).toEqual({ table, left: labels.map((l) => `${l}/${suffix}`).sort() });
};

test('campaigns finished more than 2 years ago go with their registrations, invitations, actions and tickets; others stay', async () => {
  const results = await f.run(retentionRules, { now: NOW });
  expect(results.filter((r) => r.error)).toEqual([]);
  await withDependents(['completed-1y', 'draft-5y', 'running-3y']);
  expect(await f.remaining('match_ticket', 'id')).toEqual(['completed-1y/ticket', 'draft-5y/ticket', 'running-3y/ticket', 'ticket-waiting-3y']);
  // 3 campaigns × (campaign + 4 dependents)
  expect(results.find((r) => r.rule === 'campaigns-ended')!.affected).toBe(15);
  expect(await f.remaining('processed_event', 'consumer')).toEqual(['pe-new']);
  expect(await f.remaining('block_view', 'blocker_id')).toEqual(['blocked-old', 'unblocked-new']);
  expect(await f.remaining('party_view', 'party_id')).toEqual(['disbanded-new', 'party-old']);
});

test('RETENTION_CAMPAIGN_DAYS moves the cutoff, and so does a later clock; drafts and running campaigns never go', async () => {
  await f.run(retentionRules, { now: NOW, policy: { campaignDays: 2 * YEAR } });
  await withDependents(['completed-1y', 'draft-5y', 'running-3y']);
  await f.run(retentionRules, { now: NOW, policy: { campaignDays: 300 } });
  await withDependents(['draft-5y', 'running-3y']);
  await f.run(retentionRules, { now: new Date(NOW.getTime() + 10 * YEAR * DAY_MS) });
  await withDependents(['draft-5y', 'running-3y']);
  expect(await f.remaining('block_view', 'blocker_id')).toEqual(['blocked-old']);
  expect(await f.remaining('party_view', 'party_id')).toEqual(['party-old']);
});

test('moderation sanctions go 7 years after they ended (revoked or expired), or after they started once their campaign is gone; never one in force', async () => {
  // the tests above moved the clock 10 years on: these fixtures start from a clean table, dated from NOW again
  const sanction = (label: string, over: Record<string, unknown>) =>
    f.insert('player_sanction', { id: f.id(label), user_id: player, type: 'MUTE', policy: 'HARASSMENT', reason: 'r', starts_at: ago(9 * YEAR), received_at: ago(9 * YEAR), ...over });
  const live = f.id('draft-5y'); // a campaign that never ages out
  await sanction('mute-expired-8y', { expires_at: ago(8 * YEAR) });
  await sanction('mute-expired-6y', { expires_at: ago(6 * YEAR) });
  await sanction('kick-revoked-8y', { type: 'KICK', campaign_id: live, revoked_at: ago(8 * YEAR) });
  await sanction('kick-revoked-6y', { type: 'KICK', campaign_id: live, revoked_at: ago(6 * YEAR) });
  // revoked long ago although its end is still ahead: revoked is ended
  await sanction('mute-revoked-8y-open', { campaign_id: live, expires_at: ago(-YEAR), revoked_at: ago(8 * YEAR) });
  // in force: a platform mute without an end, a mute ending next year, a kick of a campaign that still exists
  await sanction('mute-permanent', {});
  await sanction('mute-until-next-year', { expires_at: ago(-YEAR) });
  await sanction('kick-in-force', { type: 'KICK', campaign_id: live });
  // kicks of campaigns that no longer exist (aged out by the campaign rule): nothing left to apply them to
  await sanction('kick-gone-8y', { type: 'KICK', campaign_id: f.id('completed-3y'), starts_at: ago(8 * YEAR) });
  await sanction('kick-gone-6y', { type: 'KICK', campaign_id: f.id('cancelled-3y'), starts_at: ago(6 * YEAR) });
  const inForce = ['kick-in-force', 'mute-permanent', 'mute-until-next-year'];

  const results = await f.run(retentionRules, { now: NOW });
  expect(results.filter((r) => r.error)).toEqual([]);
  expect(await f.remaining('player_sanction', 'id')).toEqual([...inForce, 'kick-gone-6y', 'kick-revoked-6y', 'mute-expired-6y'].sort());
  expect(Object.fromEntries(results.filter((r) => r.rule.startsWith('sanctions-')).map((r) => [r.rule, r.affected]))).toEqual({
    'sanctions-revoked': 2,
    'sanctions-expired': 1,
    'sanctions-campaign-gone': 1,
  });
  // a shorter RETENTION_USER_DAYS takes the rest of the ended ones; the campaign limit does not touch sanctions
  await f.run(retentionRules, { now: NOW, policy: { campaignDays: 1 } });
  expect(await f.remaining('player_sanction', 'id')).toHaveLength(6);
  await f.run(retentionRules, { now: NOW, policy: { userDays: 5 * YEAR } });
  expect(await f.remaining('player_sanction', 'id')).toEqual(inForce);
  // however far the clock moves, a sanction in force stays (the mute that has ended by then goes)
  await f.run(retentionRules, { now: new Date(NOW.getTime() + 20 * YEAR * DAY_MS), policy: { userDays: 1 } });
  expect(await f.remaining('player_sanction', 'id')).toEqual(['kick-in-force', 'mute-permanent']);
});
