/**
 * Discovery (browse and filter open campaigns, Relay connections) and matchmaking into open campaigns, in process.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { eventually } from '@startales/testing';
import { DomainEvent } from '@startales/contracts';
import { startHarness, uid, code, campaignInput, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.cleanup(), 30_000);

const CREATE = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id startsAt } }`;
async function open(owner: string, over: Record<string, unknown>) {
  const c = (await h.gql(CREATE, { input: campaignInput(over) }, owner)).data!.createCampaign;
  await h.gql(`mutation ($id: ID!) { openRegistration(campaignId: $id) { status } }`, { id: c.id }, owner);
  return c as { id: string; startsAt: string };
}
const day = 86_400_000;
const soon = (days: number) => new Date(Date.now() + days * day).toISOString();

const BROWSE = `query ($f: CampaignFilter, $first: Int, $after: String) { openCampaigns(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title seatsLeft language } } } }`;

test('browse open campaigns: filters, soonest first, Relay paging', async () => {
  const owner = uid();
  const tag = `T${Date.now().toString(36)}`;
  const a = await open(owner, { title: `${tag} a`, startsAt: soon(3), llmTier: 'PREMIUM', language: 'de', difficulty: 'HARD' });
  const b = await open(owner, { title: `${tag} b`, startsAt: soon(4), mode: 'ONE_SHOT', maxPlayers: 2 });
  const c = await open(owner, { title: `${tag} c`, startsAt: soon(5), lengthWeeks: 12, language: 'pt-BR' });
  const draft = (await h.gql(CREATE, { input: campaignInput({ title: `${tag} draft`, startsAt: soon(2) }) }, owner)).data!.createCampaign;
  const hidden = await open(owner, { title: `${tag} private`, startsAt: soon(2), visibility: 'INVITE_ONLY' });
  const viewer = uid();
  const all = await h.gql(BROWSE, { f: {}, first: 100 }, viewer);
  const mine = all.data!.openCampaigns.edges.map((e: any) => e.node.id).filter((id: string) => [a.id, b.id, c.id, draft.id, hidden.id].includes(id));
  expect(mine).toEqual([a.id, b.id, c.id]);

  const only = async (f: Record<string, unknown>) =>
    (await h.gql(BROWSE, { f, first: 100 }, viewer)).data!.openCampaigns.edges.map((e: any) => e.node.id).filter((id: string) => [a.id, b.id, c.id].includes(id));
  expect(await only({ llmTier: 'PREMIUM' })).toEqual([a.id]);
  expect(await only({ mode: 'ONE_SHOT' })).toEqual([b.id]);
  expect(await only({ lengthWeeks: 12 })).toEqual([c.id]);
  expect(await only({ difficulty: 'HARD' })).toEqual([a.id]);
  expect(await only({ language: 'pt' })).toEqual([c.id]);
  expect(await only({ language: 'de-AT' })).toEqual([a.id]);
  expect(await only({ startsAfter: soon(3.5), startsBefore: soon(4.5) })).toEqual([b.id]);
  expect(await only({ minSeatsLeft: 3 })).toEqual([a.id, c.id]);
  // a full campaign leaves the list
  for (const p of [uid(), uid()]) await h.gql(`mutation ($id: ID!) { joinCampaign(campaignId: $id) { status } }`, { id: b.id }, p);
  expect(await only({})).toEqual([a.id, c.id]);

  // paging: two pages of one, cursors continue where the last left off
  const f = { language: 'pt' };
  await open(owner, { title: `${tag} d`, startsAt: soon(6), language: 'pt' });
  const p1 = (await h.gql(BROWSE, { f, first: 1 }, viewer)).data!.openCampaigns;
  expect(p1.totalCount).toBeGreaterThanOrEqual(2);
  expect(p1.pageInfo.hasNextPage).toBe(true);
  const p2 = (await h.gql(BROWSE, { f, first: 1, after: p1.pageInfo.endCursor }, viewer)).data!.openCampaigns;
  expect(p2.edges[0].node.id).not.toBe(p1.edges[0].node.id);

  // bad input is typed
  for (const bad of [{ first: 0 }, { first: 101 }, { after: 'garbage' }, { f: { lengthWeeks: 5 } }, { f: { minSeatsLeft: 0 } }, { f: { language: '!!' } }, { f: { startsAfter: soon(5), startsBefore: soon(4) } }]) {
    expect(code(await h.gql(BROWSE, { first: 10, ...bad }, viewer))).toBe('BAD_USER_INPUT');
  }
  expect(code(await h.gql(BROWSE, {}))).toBe('UNAUTHENTICATED');
});

test('matchmaking fills an open campaign from its waitlist, then the pool by preferences; parties together, blocked pairs apart', async () => {
  const owner = uid();
  const c = await open(owner, { maxPlayers: 6, llmTier: 'STANDARD', language: 'en', schedule: { weekday: 'SATURDAY', time: '18:00', timezone: 'Europe/Berlin' } });
  const ENTER = `mutation ($i: EnterMatchmakingInput!) { enterMatchmaking(input: $i) { id status members { id } } }`;
  const TICKET = `{ myMatchTicket { status campaign { id } } }`;
  const seated = uid();
  await h.gql(`mutation ($id: ID!) { joinCampaign(campaignId: $id) { status } }`, { id: c.id }, seated);
  // pool: a party of three in London, a Paris player blocked by the seated one, a Tokyo player, a French speaker, two solos
  const [leader, m1, m2] = [uid(), uid(), uid()];
  const partyId = uid();
  const pub = async (type: string, data: unknown) => {
    const before = h.workers.users.applied;
    await h.publish(`domain.${type}`, type, data);
    await eventually(async () => h.workers.users.applied > before, type);
  };
  await pub(DomainEvent.PARTY_CREATED, { partyId, leaderId: leader, maxSize: 4, memberIds: [leader, m1, m2] });
  const blocked = uid();
  await pub(DomainEvent.USER_BLOCKED, { blockerId: seated, blockedId: blocked, at: new Date().toISOString() });
  const [tokyo, french, solo1, solo2, solo3] = [uid(), uid(), uid(), uid(), uid()];
  expect(code(await h.gql(ENTER, { i: { timezone: 'Europe/London', language: 'en', partyId } }, m1))).toBe('NOT_PARTY_LEADER');
  expect((await h.gql(ENTER, { i: { timezone: 'Europe/London', language: 'en', partyId } }, leader)).data!.enterMatchmaking.members).toHaveLength(3);
  expect(code(await h.gql(ENTER, { i: { timezone: 'Europe/London', language: 'en' } }, m2))).toBe('ALREADY_REGISTERED');
  await h.gql(ENTER, { i: { timezone: 'Europe/Paris', language: 'en' } }, blocked);
  await h.gql(ENTER, { i: { timezone: 'Asia/Tokyo', language: 'en' } }, tokyo);
  await h.gql(ENTER, { i: { timezone: 'Europe/Paris', language: 'fr' } }, french);
  await h.gql(ENTER, { i: { timezone: 'Europe/Rome', language: 'en', llmTier: 'STANDARD' } }, solo1);
  await h.gql(ENTER, { i: { timezone: 'Europe/Madrid', language: 'en-US' } }, solo2);
  await h.gql(ENTER, { i: { timezone: 'Europe/Madrid', language: 'en', llmTier: 'PREMIUM' } }, solo3);
  // bad input
  for (const i of [{ timezone: 'Mars/Olympus', language: 'en' }, { timezone: 'UTC', language: '' }, { timezone: 'UTC', language: 'en', partyId: 'x' }]) {
    expect(code(await h.gql(ENTER, { i }, uid()))).toBe('BAD_USER_INPUT');
  }
  expect(code(await h.gql(ENTER, { i: { timezone: 'UTC', language: 'en', partyId: uid() } }, uid()))).toBe('NOT_FOUND');

  await h.gql(`mutation ($id: ID!) { startMatching(campaignId: $id) { status } }`, { id: c.id }, owner);
  const roster = (await h.gql(`query ($id: ID!) { campaign(id: $id) { seatsLeft roster { player { id } source status } } }`, { id: c.id }, owner)).data!.campaign;
  const byId = Object.fromEntries(roster.roster.map((r: any) => [r.player.id, r.source]));
  // 5 free seats. Same clock as Berlin first: solo1 (exact tier), then the Paris player (blocked by a seated player:
  // passed over), solo2; then the London party (1 h away) takes the last three. Tokyo (8 h), French, PREMIUM-only: out.
  expect(new Set(Object.keys(byId))).toEqual(new Set([seated, solo1, leader, m1, m2, solo2]));
  expect(byId[leader]).toBe('MATCHMAKING');
  expect(roster.seatsLeft).toBe(0);
  for (const [who, status] of [
    [solo1, 'MATCHED'],
    [leader, 'MATCHED'],
    [blocked, 'WAITING'],
    [tokyo, 'WAITING'],
    [french, 'WAITING'],
    [solo3, 'WAITING'],
  ] as const) {
    expect((await h.gql(TICKET, {}, who)).data!.myMatchTicket.status).toBe(status);
  }
  expect((await h.gql(TICKET, {}, solo1)).data!.myMatchTicket.campaign.id).toBe(c.id);
  // leaving the pool
  expect((await h.gql(`mutation { leaveMatchmaking { status } }`, {}, tokyo)).data!.leaveMatchmaking.status).toBe('CANCELLED');
  expect((await h.gql(`mutation { leaveMatchmaking { status } }`, {}, tokyo)).data!.leaveMatchmaking).toBeNull();
  // a matched player who does not pay frees the seat; the pool refills it (blocked one still kept apart, tokyo gone)
  await h.gql(`mutation ($id: ID!) { leaveCampaign(campaignId: $id) { status } }`, { id: c.id }, solo2);
  const after = (await h.gql(`query ($id: ID!) { campaign(id: $id) { seatsLeft roster { player { id } } } }`, { id: c.id }, owner)).data!.campaign;
  expect(after.roster.map((r: any) => r.player.id)).not.toContain(blocked);
  expect(after.seatsLeft).toBe(1);
});
