/** Moderation enforcement: mutes refuse submitAction (campaign or platform-wide, until they expire or are revoked); kicks remove and keep out. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { eventually } from '@startales/testing';
import { DomainEvent, GameEvent, type ModerationActionData, type ModerationActionRevokedData } from '@startales/contracts';
import { createEnvelope } from '@startales/kit';
import { startHarness, uid, code, campaignInput, type Harness } from './harness.ts';

let h: Harness;
let running: string;
let owner: string;
const [p1, p2, p3] = [uid(), uid(), uid()];

const SUBMIT = `mutation ($id: ID!, $a: ActionInput!) { submitAction(campaignId: $id, action: $a) { actionId duplicate } }`;
const JOIN = `mutation ($id: ID!) { joinCampaign(campaignId: $id) { id status } }`;
const MINE = `query ($id: ID!) { campaign(id: $id) { seatsTaken myRegistration { status restriction { type scope actionId until reason } } } }`;
const act = (campaignId: string, userId: string) => h.gql(SUBMIT, { id: campaignId, a: { actionId: uid(), text: 'I draw my sword' } }, userId);

function action(over: Partial<ModerationActionData> & Pick<ModerationActionData, 'type' | 'userId'>): ModerationActionData {
  const now = h.clock.now();
  return {
    actionId: uid(),
    campaignId: null,
    content: null,
    policy: 'HARASSMENT',
    statement: 'You insulted other players repeatedly during the session.',
    startsAt: now.toISOString(),
    expiresAt: null,
    strikes: 1,
    activeStrikes: 1,
    escalatedFromId: null,
    caseId: null,
    ...over,
  };
}

const processed = async (eventId: string) =>
  (await h.sql`select count(*)::int as n from campaigns.processed_event where consumer = 'campaigns-moderation' and event_id = ${eventId}`)[0].n === 1;

/** Publishes a moderation event as moderation's outbox would and waits until campaigns applied it. */
async function moderate(a: ModerationActionData) {
  const e = await h.publish(`domain.${DomainEvent.MODERATION_ACTION}`, DomainEvent.MODERATION_ACTION, a, 'service:moderation');
  await eventually(() => processed(e.id), 'moderation action applied');
  return e;
}
async function revoke(a: ModerationActionData) {
  const data: ModerationActionRevokedData = { actionId: a.actionId, type: a.type, userId: a.userId, campaignId: a.campaignId, reason: 'appeal_granted', revokedAt: h.clock.now().toISOString() };
  const e = await h.publish(`domain.${DomainEvent.MODERATION_ACTION_REVOKED}`, DomainEvent.MODERATION_ACTION_REVOKED, data, 'service:moderation');
  await eventually(() => processed(e.id), 'revocation applied');
}

async function openCampaign(maxPlayers = 4) {
  const id = (await h.gql(`mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, { input: campaignInput({ maxPlayers }) }, owner)).data!.createCampaign.id as string;
  await h.gql(`mutation ($id: ID!) { openRegistration(campaignId: $id) { id } }`, { id }, owner);
  return id;
}
async function pay(campaignId: string, userId: string) {
  await h.publish('domain.billing.seat_paid', 'billing.seat_paid', { paymentId: `pi_${userId}_${campaignId}`, userId, campaignId, amountCents: 1, currency: 'USD', priceBook: 't', paidAt: new Date().toISOString() });
  await eventually(async () => (await h.sql`select status from campaigns.registration where campaign_id = ${campaignId} and user_id = ${userId}`)[0]?.status === 'PAID', 'paid');
}

beforeAll(async () => {
  h = await startHarness();
  owner = uid();
  running = await openCampaign();
  for (const p of [p1, p2, p3]) await h.gql(JOIN, { id: running }, p);
  for (const p of [p1, p2, p3]) await pay(running, p);
  await h.gql(`mutation ($id: ID!) { startMatching(campaignId: $id) { id } }`, { id: running }, owner);
  await h.gql(`mutation ($id: ID!) { scheduleCampaign(campaignId: $id) { id } }`, { id: running }, owner);
  await h.outcome(running, GameEvent.SESSION_STARTED, { index: 0 });
  await eventually(async () => (await h.sql`select status from campaigns.campaign where id = ${running}`)[0].status === 'RUNNING', 'running');
}, 60_000);
afterAll(() => h?.cleanup(), 30_000);

test('a campaign mute refuses submitAction with PLAYER_MUTED (until in the message and extensions), then expires', async () => {
  const expiresAt = new Date(h.clock.now().getTime() + 3_600_000).toISOString();
  const mute = action({ type: 'MUTE', userId: p1, campaignId: running, expiresAt });
  await moderate(mute);

  const refused = await act(running, p1);
  expect(refused.errors?.[0]?.extensions).toEqual({ code: 'PLAYER_MUTED', until: expiresAt, scope: 'CAMPAIGN', actionId: mute.actionId, reason: mute.statement, policy: 'HARASSMENT' });
  expect(refused.errors?.[0]?.message).toContain(expiresAt);
  // nobody else is affected
  expect((await act(running, p2)).errors).toBeUndefined();
  // the player sees the restriction on their registration; another player does not
  const mine = (await h.gql(MINE, { id: running }, p1)).data!.campaign.myRegistration;
  expect(mine.restriction).toEqual({ type: 'MUTED', scope: 'CAMPAIGN', actionId: mute.actionId, until: expiresAt, reason: mute.statement });
  const roster = await h.gql(`query ($id: ID!) { campaign(id: $id) { roster { player { id } restriction { type } } } }`, { id: running }, p2);
  expect(roster.data!.campaign.roster.find((r: any) => r.player.id === p1).restriction).toBeNull();

  // an hour later the mute has run out
  h.clock.advance(3_600_001);
  expect((await act(running, p1)).errors).toBeUndefined();
  expect((await h.gql(MINE, { id: running }, p1)).data!.campaign.myRegistration.restriction).toBeNull();
});

test('a mute applies from its startsAt to its expiresAt only', async () => {
  const later = action({ type: 'MUTE', userId: p2, campaignId: running, startsAt: new Date(h.clock.now().getTime() + 60_000).toISOString(), expiresAt: new Date(h.clock.now().getTime() + 120_000).toISOString() });
  await moderate(later);
  expect((await act(running, p2)).errors).toBeUndefined();
  h.clock.advance(60_000);
  expect(code(await act(running, p2))).toBe('PLAYER_MUTED');
  h.clock.advance(60_000);
  expect((await act(running, p2)).errors).toBeUndefined();
});

test('a platform-wide mute (campaignId null) applies in every campaign; revoking it lifts it', async () => {
  const mute = action({ type: 'MUTE', userId: p3, campaignId: null, expiresAt: null });
  await moderate(mute);
  const refused = await act(running, p3);
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'PLAYER_MUTED', scope: 'PLATFORM', until: null, actionId: mute.actionId });
  expect(refused.errors?.[0]?.message).toMatch(/muted on Startales with no end date/);
  // it shows on the player's registration in any other campaign too
  const other = await openCampaign();
  await h.gql(JOIN, { id: other }, p3);
  expect((await h.gql(MINE, { id: other }, p3)).data!.campaign.myRegistration.restriction).toMatchObject({ type: 'MUTED', scope: 'PLATFORM', actionId: mute.actionId, until: null });
  // a week on it still holds (no end)
  h.clock.advance(7 * 86_400_000);
  expect(code(await act(running, p3))).toBe('PLAYER_MUTED');
  await revoke(mute);
  expect((await act(running, p3)).errors).toBeUndefined();
});

test('a revocation that arrives before its action leaves the action without effect', async () => {
  const mute = action({ type: 'MUTE', userId: p2, campaignId: running, expiresAt: new Date(h.clock.now().getTime() + 3_600_000).toISOString() });
  await revoke(mute);
  await moderate(mute);
  expect((await act(running, p2)).errors).toBeUndefined();
});

test('a kick removes the player (seat released, refilled from the waitlist), refuses re-registration and invitations; revoking lets them register again without re-adding them', async () => {
  const c = await openCampaign(2);
  const [kicked, seated, waiting] = [uid(), uid(), uid()];
  expect((await h.gql(JOIN, { id: c }, kicked)).data!.joinCampaign.status).toBe('HELD');
  expect((await h.gql(JOIN, { id: c }, seated)).data!.joinCampaign.status).toBe('HELD');
  expect((await h.gql(JOIN, { id: c }, waiting)).data!.joinCampaign.status).toBe('WAITLISTED');

  const kick = action({ type: 'KICK', userId: kicked, campaignId: c });
  await moderate(kick);
  const rows = await h.sql`select user_id, status from campaigns.registration where campaign_id = ${c} order by user_id`;
  expect(Object.fromEntries(rows.map((r: any) => [r.user_id, r.status]))).toEqual({ [kicked]: 'KICKED', [seated]: 'HELD', [waiting]: 'HELD' });
  const released = await eventually(async () => (await h.messages('domain.campaigns.seat_released')).find((e) => (e.data as any).campaignId === c), 'seat_released');
  expect(released.data).toMatchObject({ campaignId: c, userId: kicked, reason: 'kicked' });

  const rejoin = await h.gql(JOIN, { id: c }, kicked);
  expect(rejoin.errors?.[0]?.extensions).toEqual({ code: 'PLAYER_KICKED', userIds: [kicked] });
  expect(code(await h.gql(`mutation ($id: ID!, $u: ID!) { inviteToCampaign(campaignId: $id, userId: $u) { id } }`, { id: c, u: kicked }, owner))).toBe('PLAYER_KICKED');
  const mine = (await h.gql(MINE, { id: c }, kicked)).data!.campaign.myRegistration;
  expect(mine).toEqual({ status: 'KICKED', restriction: { type: 'KICKED', scope: 'CAMPAIGN', actionId: kick.actionId, until: null, reason: kick.statement } });

  await revoke(kick);
  // not re-added by the revocation
  expect((await h.sql`select status from campaigns.registration where campaign_id = ${c} and user_id = ${kicked}`)[0].status).toBe('KICKED');
  // but free to register again (the one seat is taken: waitlisted)
  expect((await h.gql(JOIN, { id: c }, kicked)).data!.joinCampaign.status).toBe('WAITLISTED');
});

test('a kicked party member keeps the whole party out', async () => {
  const c = await openCampaign(4);
  const [leader, member] = [uid(), uid()];
  const partyId = uid();
  await h.publish('domain.users.party_created', DomainEvent.PARTY_CREATED, { partyId, leaderId: leader, memberIds: [leader, member] });
  await eventually(async () => (await h.sql`select count(*)::int as n from campaigns.party_view where party_id = ${partyId}`)[0].n === 1, 'party');
  await moderate(action({ type: 'KICK', userId: member, campaignId: c }));
  const res = await h.gql(`mutation ($id: ID!, $p: ID!) { joinCampaignWithParty(campaignId: $id, partyId: $p) { id } }`, { id: c, p: partyId }, leader);
  expect(res.errors?.[0]?.extensions).toEqual({ code: 'PLAYER_KICKED', userIds: [member] });
  expect((await h.sql`select count(*)::int as n from campaigns.registration where campaign_id = ${c}`)[0].n).toBe(0);
});

test('kicking a paid player of a running campaign: gamehost hears PLAYER_LEFT kicked once, however often the event is delivered', async () => {
  const kick = action({ type: 'KICK', userId: p2, campaignId: running });
  const e = createEnvelope(DomainEvent.MODERATION_ACTION, kick, 'service:moderation');
  const subject = h.sub.deps.bus.subject(`domain.${DomainEvent.MODERATION_ACTION}`);
  // the same event twice under different message ids (a redelivery JetStream's dedupe window no longer catches)
  await h.sub.deps.bus.js.publish(subject, JSON.stringify(e), { msgID: `${e.id}-a` });
  await h.sub.deps.bus.js.publish(subject, JSON.stringify(e), { msgID: `${e.id}-b` });
  // and the same action announced again under a new event id
  await moderate(kick);
  await eventually(() => processed(e.id), 'kick applied');

  expect((await h.sql`select status from campaigns.registration where campaign_id = ${running} and user_id = ${p2}`)[0].status).toBe('KICKED');
  expect((await h.sql`select seats_taken from campaigns.campaign where id = ${running}`)[0].seats_taken).toBe(2);
  await eventually(async () => (await h.messages(`game.${running}.lifecycle`)).some((m) => m.type === GameEvent.PLAYER_LEFT), 'PLAYER_LEFT');
  await Bun.sleep(300);
  const left = (await h.messages(`game.${running}.lifecycle`)).filter((m) => m.type === GameEvent.PLAYER_LEFT);
  expect(left.map((m) => m.data)).toEqual([{ campaignId: running, userId: p2, reason: 'kicked' }]);
  expect((await h.sql`select count(*)::int as n from campaigns.player_sanction where id = ${kick.actionId}`)[0].n).toBe(1);

  const refused = await act(running, p2);
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'PLAYER_KICKED', actionId: kick.actionId, until: null });
});
