/**
 * Registration in process: joins, waitlist promotion order, party registration (all or nothing), blocks,
 * invitations, hold expiry, and typed errors for bad input. Party and block facts arrive the way they do in
 * production: as `domain.users.*` events consumed into the projections.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { eventually } from '@startales/testing';
import { DomainEvent } from '@startales/contracts';
import { applyUsersEvent } from '../src/modules/consumers/users.ts';
import { startHarness, uid, code, campaignInput, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ holdMs: 60 * 60_000 });
}, 60_000);
afterAll(() => h?.cleanup(), 30_000);

const JOIN = `mutation ($id: ID!) { joinCampaign(campaignId: $id) { id status waitlistPosition source } }`;
const LEAVE = `mutation ($id: ID!) { leaveCampaign(campaignId: $id) { status } }`;
const PARTY_JOIN = `mutation ($id: ID!, $p: ID!) { joinCampaignWithParty(campaignId: $id, partyId: $p) { status waitlistPosition partyId player { id } } }`;
const MINE = `query ($id: ID!) { campaign(id: $id) { seatsTaken seatsLeft myRegistration { status waitlistPosition } } }`;

async function openCampaign(over: Record<string, unknown> = {}) {
  const owner = uid();
  const res = await h.gql(`mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, { input: campaignInput(over) }, owner);
  const id = res.data!.createCampaign.id as string;
  await h.gql(`mutation ($id: ID!) { openRegistration(campaignId: $id) { status } }`, { id }, owner);
  return { id, owner };
}

const statusOf = async (campaignId: string, userId: string) => (await h.gql(MINE, { id: campaignId }, userId)).data!.campaign.myRegistration?.status ?? null;

/** Publishes a users event and waits until the projection consumer has applied it. */
async function usersEvent(type: string, data: unknown) {
  const before = h.workers.users.applied;
  await h.publish(`domain.${type}`, type, data, 'service:users');
  await eventually(async () => h.workers.users.applied > before, `${type} applied`);
}

async function party(leader: string, members: string[]) {
  const partyId = uid();
  await usersEvent(DomainEvent.PARTY_CREATED, { partyId, leaderId: leader, maxSize: 8, memberIds: [leader] });
  let current = [leader];
  for (const m of members) {
    current = [...current, m];
    await usersEvent(DomainEvent.PARTY_MEMBER_JOINED, { partyId, userId: m, memberIds: current });
  }
  return partyId;
}

const block = (blockerId: string, blockedId: string) => usersEvent(DomainEvent.USER_BLOCKED, { blockerId, blockedId, at: new Date().toISOString() });
const unblock = (blockerId: string, blockedId: string) => usersEvent(DomainEvent.USER_UNBLOCKED, { blockerId, blockedId, at: new Date().toISOString() });

test('join holds a seat until paid; a full campaign waitlists; leaving promotes the waitlist in order', async () => {
  const c = await openCampaign({ maxPlayers: 2 });
  const [a, b, w1, w2, w3] = [uid(), uid(), uid(), uid(), uid()];
  expect((await h.gql(JOIN, { id: c.id }, a)).data!.joinCampaign).toMatchObject({ status: 'HELD', waitlistPosition: null, source: 'JOIN' });
  expect((await h.gql(JOIN, { id: c.id }, b)).data!.joinCampaign.status).toBe('HELD');
  const positions = [];
  for (const w of [w1, w2, w3]) positions.push((await h.gql(JOIN, { id: c.id }, w)).data!.joinCampaign);
  expect(positions.map((p) => [p.status, p.waitlistPosition])).toEqual([
    ['WAITLISTED', 1],
    ['WAITLISTED', 2],
    ['WAITLISTED', 3],
  ]);
  expect(code(await h.gql(JOIN, { id: c.id }, a))).toBe('ALREADY_REGISTERED');
  // the owner sees the waitlist in order; players do not
  const WAITLIST = `query ($id: ID!) { campaign(id: $id) { waitlist { player { id } waitlistPosition } roster { player { id } status } } }`;
  expect((await h.gql(WAITLIST, { id: c.id }, c.owner)).data!.campaign.waitlist.map((r: any) => r.player.id)).toEqual([w1, w2, w3]);
  expect((await h.gql(WAITLIST, { id: c.id }, a)).data!.campaign.waitlist).toBeNull();

  // a leaves → w1 (first in line) is promoted, not w2 or w3
  expect((await h.gql(LEAVE, { id: c.id }, a)).data!.leaveCampaign.status).toBe('LEFT');
  expect(await statusOf(c.id, w1)).toBe('HELD');
  expect(await statusOf(c.id, w2)).toBe('WAITLISTED');
  // w2 leaves the line; then b leaves → w3 is next
  await h.gql(LEAVE, { id: c.id }, w2);
  await h.gql(LEAVE, { id: c.id }, b);
  expect(await statusOf(c.id, w3)).toBe('HELD');
  expect((await h.gql(MINE, { id: c.id }, w3)).data!.campaign).toMatchObject({ seatsTaken: 2, seatsLeft: 0 });
  // a late joiner while a seat is free but people wait goes to the back of the line (no overtaking)
  const held = await h.messages('domain.campaigns.seat_held');
  expect(held.filter((e) => (e.data as any).campaignId === c.id).map((e) => (e.data as any).userId)).toEqual([a, b, w1, w3]);
  const released = await h.messages('domain.campaigns.seat_released');
  expect(released.filter((e) => (e.data as any).campaignId === c.id).map((e) => [(e.data as any).userId, (e.data as any).reason])).toEqual([
    [a, 'left'],
    [b, 'left'],
  ]);
});

test('waitlist promotion is strict: a party at the head that does not fit is not overtaken; a seat freed by an expired hold promotes too', async () => {
  const c = await openCampaign({ maxPlayers: 3 });
  const [a, b, c1] = [uid(), uid(), uid()];
  for (const p of [a, b, c1]) await h.gql(JOIN, { id: c.id }, p);
  const [leader, m1] = [uid(), uid()];
  const partyId = await party(leader, [m1]);
  const solo = uid();
  const regs = (await h.gql(PARTY_JOIN, { id: c.id, p: partyId }, leader)).data!.joinCampaignWithParty;
  expect(regs.map((r: any) => [r.status, r.waitlistPosition, r.partyId])).toEqual([
    ['WAITLISTED', 1, partyId],
    ['WAITLISTED', 1, partyId],
  ]);
  expect((await h.gql(JOIN, { id: c.id }, solo)).data!.joinCampaign).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 2 });
  // one seat frees: the party (head, 2 people) does not fit, and the solo player behind it waits
  await h.gql(LEAVE, { id: c.id }, a);
  expect([await statusOf(c.id, leader), await statusOf(c.id, solo)]).toEqual(['WAITLISTED', 'WAITLISTED']);
  // a second seat frees when b's hold expires: the whole party moves up together
  await h.sql`update campaigns.registration set hold_expires_at = now() - interval '1 minute' where campaign_id = ${c.id} and user_id = ${b}`;
  expect(await h.workers.sweep()).toBe(1);
  expect(await statusOf(c.id, b)).toBe('RELEASED');
  expect([await statusOf(c.id, leader), await statusOf(c.id, m1), await statusOf(c.id, solo)]).toEqual(['HELD', 'HELD', 'WAITLISTED']);
});

test('party registration is all or nothing', async () => {
  const c = await openCampaign({ maxPlayers: 4 });
  const [leader, m1, m2] = [uid(), uid(), uid()];
  const partyId = await party(leader, [m1, m2]);
  // only the leader registers the party
  expect(code(await h.gql(PARTY_JOIN, { id: c.id, p: partyId }, m1))).toBe('NOT_PARTY_LEADER');
  expect(code(await h.gql(PARTY_JOIN, { id: c.id, p: uid() }, leader))).toBe('NOT_FOUND');
  // one member is already in: nobody joins
  await h.gql(JOIN, { id: c.id }, m2);
  expect(code(await h.gql(PARTY_JOIN, { id: c.id, p: partyId }, leader))).toBe('ALREADY_REGISTERED');
  expect([await statusOf(c.id, leader), await statusOf(c.id, m1)]).toEqual([null, null]);
  await h.gql(LEAVE, { id: c.id }, m2);
  // a member blocked by a seated player: nobody joins
  const seated = uid();
  await h.gql(JOIN, { id: c.id }, seated);
  await block(seated, m1);
  expect(code(await h.gql(PARTY_JOIN, { id: c.id, p: partyId }, leader))).toBe('BLOCKED');
  expect([await statusOf(c.id, leader), await statusOf(c.id, m1), await statusOf(c.id, m2)]).toEqual([null, null, 'LEFT']);
  await unblock(seated, m1);
  // a party larger than the campaign: refused outright
  const small = await openCampaign({ maxPlayers: 2 });
  expect(code(await h.gql(PARTY_JOIN, { id: small.id, p: partyId }, leader))).toBe('PARTY_TOO_LARGE');
  // now everyone fits: all three hold seats together
  const regs = (await h.gql(PARTY_JOIN, { id: c.id, p: partyId }, leader)).data!.joinCampaignWithParty;
  expect(regs.map((r: any) => r.status)).toEqual(['HELD', 'HELD', 'HELD']);
  expect(new Set(regs.map((r: any) => r.player.id))).toEqual(new Set([leader, m1, m2]));
  expect((await h.gql(MINE, { id: c.id }, leader)).data!.campaign.seatsLeft).toBe(0);
  // membership follows the users service: after m2 leaves the party, it registers as two
  await usersEvent(DomainEvent.PARTY_MEMBER_LEFT, { partyId, userId: m2, reason: 'left', memberIds: [leader, m1] });
  const other = await openCampaign({ maxPlayers: 5 });
  expect((await h.gql(PARTY_JOIN, { id: other.id, p: partyId }, leader)).data!.joinCampaignWithParty).toHaveLength(2);
  // a disbanded party cannot register
  await usersEvent(DomainEvent.PARTY_DISBANDED, { partyId, memberIds: [leader, m1] });
  expect(code(await h.gql(PARTY_JOIN, { id: (await openCampaign()).id, p: partyId }, leader))).toBe('NOT_FOUND');
});

test('blocks either way keep players apart on joins (owner, seated or waitlisted); an unblock lifts it', async () => {
  const c = await openCampaign({ maxPlayers: 2 });
  const [a, b, x, y] = [uid(), uid(), uid(), uid()];
  await h.gql(JOIN, { id: c.id }, a);
  await h.gql(JOIN, { id: c.id }, b);
  await h.gql(JOIN, { id: c.id }, x); // waitlisted
  await block(y, x); // y blocks a waitlisted player
  expect(code(await h.gql(JOIN, { id: c.id }, y))).toBe('BLOCKED');
  const z = uid();
  await block(a, z); // a seated player blocked z
  expect(code(await h.gql(JOIN, { id: c.id }, z))).toBe('BLOCKED');
  const o = uid();
  await block(c.owner, o); // the owner blocked o
  expect(code(await h.gql(JOIN, { id: c.id }, o))).toBe('BLOCKED');
  await unblock(y, x);
  expect((await h.gql(JOIN, { id: c.id }, y)).data!.joinCampaign.status).toBe('WAITLISTED');
  // a block made after both queued: promotion skips the blocked entry, which keeps its place
  await block(b, x);
  await h.gql(LEAVE, { id: c.id }, a);
  expect([await statusOf(c.id, x), await statusOf(c.id, y)]).toEqual(['WAITLISTED', 'HELD']);
  // an older event applied late (a redelivery after a retry) never undoes a newer one: the sequence guard
  const [row] = await h.sql`select active, seq from campaigns.block_view where blocker_id = ${y} and blocked_id = ${x}`;
  expect(row.active).toBe(false);
  await h.sub.deps.orm.em.fork().transactional((tx) => applyUsersEvent(tx, DomainEvent.USER_BLOCKED, { blockerId: y, blockedId: x, at: '' }, Number(row.seq) - 1));
  expect((await h.sql`select active from campaigns.block_view where blocker_id = ${y} and blocked_id = ${x}`)[0].active).toBe(false);
});

test('invitations: owner only, blocks respected, invitation-only campaigns admit the invited', async () => {
  const c = await openCampaign({ maxPlayers: 3, visibility: 'INVITE_ONLY' });
  const [guest, stranger, blocker] = [uid(), uid(), uid()];
  expect(code(await h.gql(JOIN, { id: c.id }, stranger))).toBe('REGISTRATION_CLOSED');
  const INVITE = `mutation ($id: ID!, $u: ID!) { inviteToCampaign(campaignId: $id, userId: $u) { id status invitee { id } } }`;
  expect(code(await h.gql(INVITE, { id: c.id, u: guest }, stranger))).toBe('FORBIDDEN');
  expect(code(await h.gql(INVITE, { id: c.id, u: 'x' }, c.owner))).toBe('BAD_USER_INPUT');
  expect(code(await h.gql(INVITE, { id: c.id, u: c.owner }, c.owner))).toBe('BAD_USER_INPUT');
  await block(blocker, c.owner);
  expect(code(await h.gql(INVITE, { id: c.id, u: blocker }, c.owner))).toBe('BLOCKED');
  const inv = (await h.gql(INVITE, { id: c.id, u: guest }, c.owner)).data!.inviteToCampaign;
  expect(inv).toMatchObject({ status: 'PENDING', invitee: { id: guest } });
  const pending = await h.gql(`{ myCampaignInvitations { id campaign { id } } }`, {}, guest);
  expect(pending.data!.myCampaignInvitations).toEqual([{ id: inv.id, campaign: { id: c.id } }]);
  const ACCEPT = `mutation ($i: ID!) { acceptCampaignInvitation(invitationId: $i) { status source } }`;
  expect(code(await h.gql(ACCEPT, { i: inv.id }, stranger))).toBe('NOT_FOUND');
  expect((await h.gql(ACCEPT, { i: inv.id }, guest)).data!.acceptCampaignInvitation).toEqual({ status: 'HELD', source: 'INVITATION' });
  expect(code(await h.gql(ACCEPT, { i: inv.id }, guest))).toBe('CONFLICT');
  const second = (await h.gql(INVITE, { id: c.id, u: stranger }, c.owner)).data!.inviteToCampaign;
  expect((await h.gql(`mutation ($i: ID!) { declineCampaignInvitation(invitationId: $i) { status } }`, { i: second.id }, stranger)).data!.declineCampaignInvitation.status).toBe('DECLINED');
  expect(code(await h.gql(`mutation ($i: ID!) { declineCampaignInvitation(invitationId: $i) { status } }`, { i: 'nope' }, stranger))).toBe('BAD_USER_INPUT');
});

test('joins need REGISTRATION; bad ids and anonymous callers get typed errors; paid seats cannot be left', async () => {
  const owner = uid();
  const draft = (await h.gql(`mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, { input: campaignInput() }, owner)).data!.createCampaign.id;
  expect(code(await h.gql(JOIN, { id: draft }, uid()))).toBe('REGISTRATION_CLOSED');
  expect(code(await h.gql(JOIN, { id: 'not-a-uuid' }, uid()))).toBe('BAD_USER_INPUT');
  expect(code(await h.gql(JOIN, { id: uid() }, uid()))).toBe('NOT_FOUND');
  expect(code(await h.gql(JOIN, { id: draft }))).toBe('UNAUTHENTICATED');
  expect(code(await h.gql(LEAVE, { id: draft }, uid()))).toBe('NOT_FOUND');
  expect(code(await h.gql(PARTY_JOIN, { id: draft, p: 'x' }, uid()))).toBe('BAD_USER_INPUT');
  const c = await openCampaign();
  const p = uid();
  await h.gql(JOIN, { id: c.id }, p);
  await h.publish('domain.billing.seat_paid', 'billing.seat_paid', { paymentId: 'pi_1', userId: p, campaignId: c.id, amountCents: 100, currency: 'USD', priceBook: 't', paidAt: new Date().toISOString() });
  await eventually(async () => (await statusOf(c.id, p)) === 'PAID', 'paid');
  expect(code(await h.gql(LEAVE, { id: c.id }, p))).toBe('CONFLICT');
  // billing refunds the seat: it frees
  await h.publish('domain.billing.seat_refunded', 'billing.seat_refunded', { paymentId: 'pi_1', userId: p, campaignId: c.id, refundedCents: 100, reason: 'refunded', at: new Date().toISOString() });
  await eventually(async () => (await statusOf(c.id, p)) === 'REFUNDED', 'refunded');
  expect((await h.gql(MINE, { id: c.id }, p)).data!.campaign.seatsTaken).toBe(0);
});

test('concurrent joins never oversell: exactly maxPlayers seats held, the rest in one gapless waitlist', async () => {
  const c = await openCampaign({ maxPlayers: 3 });
  const players = Array.from({ length: 10 }, () => uid());
  const results = await Promise.all(players.map((p) => h.gql(JOIN, { id: c.id }, p)));
  for (const r of results) expect(r.errors).toBeUndefined();
  const regs = results.map((r) => r.data!.joinCampaign);
  expect(regs.filter((r) => r.status === 'HELD')).toHaveLength(3);
  expect(regs.filter((r) => r.status === 'WAITLISTED').map((r) => r.waitlistPosition).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect((await h.gql(MINE, { id: c.id }, players[0])).data!.campaign).toMatchObject({ seatsTaken: 3, seatsLeft: 0 });
});
