/** GDPR: what campaigns exports about a user and how it erases them (seats freed and refilled, gamehost told). */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { eventually } from '@startales/testing';
import { DomainEvent, GameEvent } from '@startales/contracts';
import { createCampaignsGdpr } from '../src/gdpr.ts';
import { startHarness, uid, campaignInput, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.cleanup(), 30_000);

const create = async (owner: string, over: Record<string, unknown> = {}) =>
  (await h.gql(`mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, { input: campaignInput(over) }, owner)).data!.createCampaign.id as string;
const open = (id: string, owner: string) => h.gql(`mutation ($id: ID!) { openRegistration(campaignId: $id) { id } }`, { id }, owner);
const join = (id: string, p: string) => h.gql(`mutation ($id: ID!) { joinCampaign(campaignId: $id) { status } }`, { id }, p);
const pay = (campaignId: string, userId: string) =>
  h.publish('domain.billing.seat_paid', 'billing.seat_paid', { paymentId: `pi_${userId}`, userId, campaignId, amountCents: 1, currency: 'USD', priceBook: 't', paidAt: new Date().toISOString() });

test('export lists what campaigns holds on the user; erasure deletes or anonymises it and refills freed seats', async () => {
  const u = uid();
  const [other, waiting, p2] = [uid(), uid(), uid()];
  const draft = await create(u, { title: 'U draft' });
  const shared = await create(u, { title: 'U open' });
  await open(shared, u);
  // u holds the last seat of x; `waiting` is behind
  const xOwner = uid();
  const x = await create(xOwner, { maxPlayers: 2 });
  await open(x, xOwner);
  await join(x, other);
  expect((await join(x, u)).data!.joinCampaign.status).toBe('HELD');
  expect((await join(x, waiting)).data!.joinCampaign.status).toBe('WAITLISTED');
  // u plays in a running campaign y
  const y = await create(xOwner, { maxPlayers: 2 });
  await open(y, xOwner);
  for (const p of [u, p2]) {
    await join(y, p);
    await pay(y, p);
  }
  await eventually(async () => (await h.sql`select count(*)::int as n from campaigns.registration where campaign_id = ${y} and status = 'PAID'`)[0].n === 2, 'paid');
  await h.gql(`mutation ($id: ID!) { startMatching(campaignId: $id) { id } }`, { id: y }, xOwner);
  await h.gql(`mutation ($id: ID!) { scheduleCampaign(campaignId: $id) { id } }`, { id: y }, xOwner);
  await h.outcome(y, GameEvent.SESSION_STARTED, { index: 0 });
  await eventually(async () => (await h.sql`select status from campaigns.campaign where id = ${y}`)[0].status === 'RUNNING', 'running');
  await h.gql(`mutation ($id: ID!, $a: ActionInput!) { submitAction(campaignId: $id, action: $a) { eventId } }`, { id: y, a: { actionId: uid(), text: 'I wave' } }, u);
  await h.gql(`mutation ($id: ID!, $u: ID!) { inviteToCampaign(campaignId: $id, userId: $u) { id } }`, { id: shared, u: other }, u);
  await h.gql(`mutation { enterMatchmaking(input: { timezone: "Europe/Oslo", language: "nb" }) { id } }`, {}, u);
  const before = h.workers.users.applied;
  const partyId = uid();
  await h.publish('domain.users.blocked', DomainEvent.USER_BLOCKED, { blockerId: other, blockedId: u, at: new Date().toISOString() });
  await h.publish('domain.users.party_created', DomainEvent.PARTY_CREATED, { partyId, leaderId: u, maxSize: 4, memberIds: [u, other] });
  await eventually(async () => h.workers.users.applied >= before + 2, 'projections');
  // a mute moderation lifted later: campaigns still holds its record
  const muteId = uid();
  const mute = { actionId: muteId, type: 'MUTE', userId: u, campaignId: null, content: null, policy: 'SPAM', statement: 'Spam in campaign chat.', startsAt: new Date().toISOString(), expiresAt: null, strikes: 1, activeStrikes: 1, escalatedFromId: null, caseId: null };
  await h.publish('domain.moderation.action', DomainEvent.MODERATION_ACTION, mute);
  await eventually(async () => (await h.sql`select count(*)::int as n from campaigns.player_sanction where id = ${muteId}`)[0].n === 1, 'sanction');

  const gdpr = createCampaignsGdpr({ holdMs: 3_600_000, maxOffsetMinutes: 180, clock: () => new Date() });
  const exported = await h.sub.deps.orm.em.fork().transactional((em) => gdpr.exportUser(em, u));
  expect((exported.campaigns as any[]).map((c) => c.title).sort()).toEqual(['U draft', 'U open']);
  expect((exported.registrations as any[]).map((r) => r.campaignId).sort()).toEqual([x, y].sort());
  expect(exported.invitations as any[]).toHaveLength(1);
  expect((exported.matchmakingTickets as any[])[0]).toMatchObject({ timezone: 'Europe/Oslo', language: 'nb' });
  expect(exported.submittedActions as any[]).toHaveLength(1);
  expect((exported.sanctions as any[]).map((x) => x.id)).toEqual([muteId]);

  await h.sub.deps.orm.em.fork().transactional((em) => gdpr.eraseUser(em, u));
  // drafts gone; the campaign others could see stays
  expect((await h.sql`select id from campaigns.campaign where id in (${draft}, ${shared})`).map((r: any) => r.id)).toEqual([shared]);
  for (const table of ['registration', 'match_ticket', 'submitted_action', 'player_view', 'player_sanction']) {
    const [{ n }] = await h.sql.unsafe(`select count(*)::int as n from campaigns.${table} where user_id = $1`, [u]);
    expect({ table, n }).toEqual({ table, n: 0 });
  }
  expect((await h.sql`select count(*)::int as n from campaigns.campaign_invitation where inviter_id = ${u} or invitee_id = ${u}`)[0].n).toBe(0);
  expect((await h.sql`select count(*)::int as n from campaigns.block_view where blocker_id = ${u} or blocked_id = ${u}`)[0].n).toBe(0);
  const [party] = await h.sql`select leader_id, member_ids from campaigns.party_view where party_id = ${partyId}`;
  expect(party).toEqual({ leader_id: null, member_ids: [other] });
  // the seat u held in x went to the waitlist; y's gamehost hears u left (erased)
  const xs = await h.sql`select user_id, status from campaigns.registration where campaign_id = ${x} and user_id = ${waiting}`;
  expect(xs[0].status).toBe('HELD');
  expect((await h.sql`select seats_taken from campaigns.campaign where id = ${y}`)[0].seats_taken).toBe(1);
  const left = await eventually(async () => (await h.messages(`game.${y}.lifecycle`)).find((e) => e.type === GameEvent.PLAYER_LEFT), 'PLAYER_LEFT');
  expect(left.data).toEqual({ campaignId: y, userId: u, reason: 'erased' });
  // erasure is idempotent
  await h.sub.deps.orm.em.fork().transactional((em) => gdpr.eraseUser(em, u));
});
