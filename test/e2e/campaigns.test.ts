/**
 * Campaigns end to end: real users, campaigns and gateway processes, a fake llm-router, and billing's payments and
 * gamehost's outcomes published on NATS the way those services publish them. Drives it as a client would.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { connectBus, createEnvelope, createLogger, type Bus } from '@startales/kit';
import { GameEvent, gameSubject, GameSubjectKind } from '@startales/contracts';
import { generateSkeleton } from '@startales/game';
import { startStack, gql, errorCode, eventually, TEST_NATS_URL, type Stack } from '@startales/testing';
import { startFakeLlmRouter, type FakeLlmRouter } from '../../subgraphs/campaigns/test/fakes/llm-router.ts';

let stack: Stack;
let url: string;
let llm: FakeLlmRouter;
let bus: Bus;
const TOKEN = 'e2e-llm-token';

beforeAll(async () => {
  llm = startFakeLlmRouter({ token: TOKEN, reply: 'Beneath the clockwork city, the gears remember.' });
  stack = await startStack({ services: ['users', 'campaigns', 'gateway'], env: { LLM_ROUTER_URL: llm.url, LLM_ROUTER_SERVICE_TOKEN: TOKEN, PROSE_INTERVAL_MS: '200' } });
  url = stack.gatewayUrl;
  bus = await connectBus({ url: TEST_NATS_URL, ns: stack.ns, name: 'e2e-campaigns', logger: createLogger({ service: 'e2e', level: 'silent' }) });
}, 120_000);

afterAll(async () => {
  await bus?.close();
  await stack?.stop();
  await llm?.stop();
}, 60_000);

let n = 0;
async function register() {
  const id = `${Date.now().toString(36)}${(n++).toString(36)}`;
  const input = { email: `c${id}@example.com`, password: 'correct horse battery', handle: `c_${id}` };
  const res = await gql(url, `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`, { input });
  expect(res.errors).toBeUndefined();
  return { id: res.data!.register.user.id as string, handle: input.handle, token: res.data!.register.accessToken as string };
}

const CREATE = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id seed status skeletonJson sessions { startsAt } skeleton { npcs { name } } } }`;
const input = (over: Record<string, unknown> = {}) => ({
  title: 'Gears of Night',
  mode: 'WEEKLY',
  lengthWeeks: 4,
  playHoursPerWeek: 3,
  maxPlayers: 4,
  llmTier: 'STANDARD',
  startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
  schedule: { weekday: 'THURSDAY', time: '20:00', timezone: 'Europe/Paris' },
  ...over,
});
const step = (name: string) => `mutation ($id: ID!) { ${name}(campaignId: $id) { id status } }`;

test('a campaign from creation to completion through the gateway: skeleton, prose, party, blocks, payment, play', async () => {
  const [owner, ann, bob, cat] = [await register(), await register(), await register(), await register()];

  // creation: deterministic skeleton (same through the API as generateSkeleton), schedule, prose written by the AI
  const created = await gql(url, CREATE, { input: input({ seed: 'gears-1' }) }, owner.token);
  expect(created.errors).toBeUndefined();
  const c = created.data!.createCampaign;
  expect(c.skeletonJson).toBe(JSON.stringify(generateSkeleton({ seed: 'gears-1', mode: 'WEEKLY', lengthWeeks: 4, maxPlayers: 4 })));
  const twin = await gql(url, CREATE, { input: input({ seed: 'gears-1', title: 'Twin' }) }, cat.token);
  expect(twin.data!.createCampaign.skeletonJson).toBe(c.skeletonJson);
  expect(c.sessions).toHaveLength(4);
  const prose = await eventually(async () => {
    const r = await gql(url, `query ($id: ID!) { campaign(id: $id) { prose { status text } } }`, { id: c.id }, owner.token);
    return r.data?.campaign.prose.status === 'WRITTEN' ? r.data.campaign.prose : null;
  }, 'the prose', 15_000);
  expect(prose.text).toBe('Beneath the clockwork city, the gears remember.');
  expect(llm.requests.find((r) => r.headers['x-startales-campaign'] === c.id)!.headers).toMatchObject({ 'x-startales-user': owner.id, 'x-startales-purpose': 'generation' });

  // typed errors through the gateway
  const illegal = await gql(url, step('scheduleCampaign'), { id: c.id }, owner.token);
  expect(illegal.errors![0]!.extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'DRAFT', to: 'SCHEDULED' });
  expect(errorCode(await gql(url, CREATE, { input: input({ difficulty: 'IMPOSSIBLE' }) }, owner.token))).toBe('BAD_USER_INPUT');
  expect(errorCode(await gql(url, step('openRegistration'), { id: c.id }, ann.token))).toBe('FORBIDDEN');
  expect((await gql(url, step('openRegistration'), { id: c.id }, owner.token)).data!.openRegistration.status).toBe('REGISTRATION');

  // ann and bob form a party in the users service (friends first)
  const req = await gql(url, `mutation ($id: ID!) { sendFriendRequest(userId: $id) { request { id } } }`, { id: bob.id }, ann.token);
  await gql(url, `mutation ($id: ID!) { acceptFriendRequest(requestId: $id) { id } }`, { id: req.data!.sendFriendRequest.request.id }, bob.token);
  const partyId = (await gql(url, `mutation { createParty(input: { maxSize: 3 }) { id } }`, {}, ann.token)).data!.createParty.id;
  const invite = await gql(url, `mutation ($p: ID!, $u: ID!) { inviteToParty(partyId: $p, userId: $u) { id } }`, { p: partyId, u: bob.id }, ann.token);
  expect((await gql(url, `mutation ($id: ID!) { acceptPartyInvite(inviteId: $id) { size } }`, { id: invite.data!.inviteToParty.id }, bob.token)).data!.acceptPartyInvite.size).toBe(2);

  // cat joins alone and blocks bob: the party (users' events → campaigns' projection) is refused as a whole
  expect((await gql(url, `mutation ($id: ID!) { joinCampaign(campaignId: $id) { status } }`, { id: c.id }, cat.token)).data!.joinCampaign.status).toBe('HELD');
  await gql(url, `mutation ($id: ID!) { blockUser(userId: $id) { id } }`, { id: bob.id }, cat.token);
  const PARTY_JOIN = `mutation ($id: ID!, $p: ID!) { joinCampaignWithParty(campaignId: $id, partyId: $p) { status player { id handle } } }`;
  const refused = await eventually(async () => {
    const r = await gql(url, PARTY_JOIN, { id: c.id, p: partyId }, ann.token);
    return errorCode(r) === 'BLOCKED' ? r : null;
  }, 'the party and the block to reach campaigns', 15_000);
  expect(refused.data).toBeNull();
  expect((await gql(url, `query ($id: ID!) { campaign(id: $id) { seatsTaken } }`, { id: c.id }, ann.token)).data!.campaign.seatsTaken).toBe(1);
  // cat leaves; the party joins together, and the roster resolves users across the graph
  await gql(url, `mutation ($id: ID!) { leaveCampaign(campaignId: $id) { status } }`, { id: c.id }, cat.token);
  const joined = await gql(url, PARTY_JOIN, { id: c.id, p: partyId }, ann.token);
  expect(joined.errors).toBeUndefined();
  expect(joined.data!.joinCampaignWithParty.map((r: any) => r.status)).toEqual(['HELD', 'HELD']);
  expect(new Set(joined.data!.joinCampaignWithParty.map((r: any) => r.player.handle))).toEqual(new Set([ann.handle, bob.handle]));

  // discovery lists it with 2 seats left
  const open = await gql(url, `{ openCampaigns(filter: { minSeatsLeft: 2, language: "en" }) { edges { node { id seatsLeft } } } }`, {}, cat.token);
  expect(open.data!.openCampaigns.edges.find((e: any) => e.node.id === c.id).node.seatsLeft).toBe(2);

  // billing confirms both seats
  for (const p of [ann, bob]) {
    await bus.publish('domain.billing.seat_paid', createEnvelope('billing.seat_paid', { paymentId: `pi_${p.id}`, userId: p.id, campaignId: c.id, amountCents: 2500, currency: 'USD', priceBook: 'e2e', paidAt: new Date().toISOString() }, 'service:billing'));
  }
  await eventually(async () => {
    const r = await gql(url, `query ($id: ID!) { campaign(id: $id) { roster { status } } }`, { id: c.id }, ann.token);
    return r.data?.campaign.roster.every((x: any) => x.status === 'PAID') && r.data.campaign.roster.length === 2;
  }, 'payments to confirm the seats', 15_000);
  expect((await gql(url, step('startMatching'), { id: c.id }, owner.token)).data!.startMatching.status).toBe('MATCHING');
  expect((await gql(url, step('scheduleCampaign'), { id: c.id }, owner.token)).data!.scheduleCampaign.status).toBe('SCHEDULED');

  // gamehost starts the first session; a player acts (once, however often it is sent); the campaign completes
  const outcome = (type: string, data: Record<string, unknown>) => bus.publish(gameSubject(c.id, GameSubjectKind.OUTCOMES), createEnvelope(type, { campaignId: c.id, ...data }, 'service:gamehost'));
  await outcome(GameEvent.SESSION_STARTED, { index: 0 });
  await eventually(async () => (await gql(url, `query ($id: ID!) { campaign(id: $id) { status } }`, { id: c.id }, ann.token)).data?.campaign.status === 'RUNNING', 'RUNNING', 15_000);
  const action = { actionId: crypto.randomUUID(), text: 'I wind the great clock back one hour.' };
  const SUBMIT = `mutation ($id: ID!, $a: ActionInput!) { submitAction(campaignId: $id, action: $a) { eventId duplicate } }`;
  const first = (await gql(url, SUBMIT, { id: c.id, a: action }, bob.token)).data!.submitAction;
  const second = (await gql(url, SUBMIT, { id: c.id, a: action }, bob.token)).data!.submitAction;
  expect([first.duplicate, second.duplicate, second.eventId]).toEqual([false, true, first.eventId]);
  expect(errorCode(await gql(url, SUBMIT, { id: c.id, a: action }, cat.token))).toBe('FORBIDDEN');
  const commands = await eventually(async () => {
    const info = await bus.jsm.streams.info(bus.streamName('GAME'));
    const out = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await bus.jsm.streams.getMessage(bus.streamName('GAME'), { seq }).catch(() => null);
      if (m?.subject === bus.subject(gameSubject(c.id, GameSubjectKind.COMMANDS))) out.push(JSON.parse(new TextDecoder().decode(m.data)));
    }
    return out.length ? out : null;
  }, 'the action on game.<id>.commands', 15_000);
  expect(commands).toHaveLength(1);
  expect(commands[0]).toMatchObject({ type: GameEvent.ACTION_SUBMITTED, data: { userId: bob.id, text: action.text } });

  await outcome(GameEvent.CAMPAIGN_COMPLETED, {});
  await eventually(async () => (await gql(url, `query ($id: ID!) { campaign(id: $id) { status } }`, { id: c.id }, ann.token)).data?.campaign.status === 'COMPLETED', 'COMPLETED', 15_000);
  const me = await gql(url, `{ me { campaigns { id } gameHistory { totalCount edges { node { id title status } } } } }`, {}, bob.token);
  expect(me.errors).toBeUndefined();
  expect(me.data!.me.gameHistory).toEqual({ totalCount: 1, edges: [{ node: { id: c.id, title: 'Gears of Night', status: 'COMPLETED' } }] });
  expect((await gql(url, `{ me { campaigns { id } } }`, {}, owner.token)).data!.me.campaigns.map((x: any) => x.id)).toEqual([c.id]);
}, 90_000);
