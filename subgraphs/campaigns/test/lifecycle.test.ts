/**
 * The campaign lifecycle end to end in process (real PostgreSQL and NATS): creation with its skeleton and schedule,
 * every legal transition (driven by owners, billing's payments and gamehost's outcomes), every illegal one, and
 * cancellation with refunds.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { eventually } from '@startales/testing';
import { generateSkeleton } from '@startales/game';
import { CAMPAIGN_STATUSES, GameEvent, type CampaignStatus } from '@startales/contracts';
import { TRANSITIONS } from '../src/modules/lifecycle/machine.ts';
import { startHarness, uid, code, campaignInput, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.cleanup(), 30_000);

const CREATE = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id status seed skeletonJson seatsLeft sessions { index startsAt endsAt } schedule { weekday time timezone }
  skeleton { version backstory { setting threat hook } objectives { id act text } npcs { id name role traits homeRegion } map { start regions { id name kind links } } } } }`;
const STEP = (name: string, extra = '') => `mutation ($id: ID!) { ${name}(campaignId: $id${extra}) { id status } }`;
const STATUS = `query ($id: ID!) { campaign(id: $id) { status seatsTaken seatsLeft currentSession } }`;

async function create(owner: string, over: Record<string, unknown> = {}) {
  const res = await h.gql(CREATE, { input: campaignInput(over) }, owner);
  expect(res.errors).toBeUndefined();
  return res.data!.createCampaign;
}

async function pay(campaignId: string, userId: string) {
  await h.publish('domain.billing.seat_paid', 'billing.seat_paid', { paymentId: `pi_${uid()}`, userId, campaignId, amountCents: 2500, currency: 'USD', priceBook: 'test', paidAt: new Date().toISOString() }, 'service:billing');
}

async function status(id: string, userId: string) {
  return (await h.gql(STATUS, { id }, userId)).data!.campaign;
}

test('same seed and config → byte-identical skeleton through the API, stored and equal to generateSkeleton', async () => {
  const owner = uid();
  const a = await create(owner, { seed: 'night-1', lengthWeeks: 12, maxPlayers: 6 });
  const b = await create(uid(), { seed: 'night-1', lengthWeeks: 12, maxPlayers: 6, title: 'Another title' });
  expect(a.skeletonJson).toBe(b.skeletonJson);
  expect(a.skeletonJson).toBe(JSON.stringify(generateSkeleton({ seed: 'night-1', mode: 'WEEKLY', lengthWeeks: 12, maxPlayers: 6 })));
  expect(a.skeleton).toEqual(JSON.parse(a.skeletonJson));
  const c = await create(owner, { seed: 'night-2', lengthWeeks: 12, maxPlayers: 6 });
  expect(c.skeletonJson).not.toBe(a.skeletonJson);
  // stored as generated: reading it back later gives the same bytes
  const again = await h.gql(`query ($id: ID!) { campaign(id: $id) { skeletonJson } }`, { id: a.id }, owner);
  expect(again.data!.campaign.skeletonJson).toBe(a.skeletonJson);
  expect(a.sessions).toHaveLength(12);
  expect(a.status).toBe('DRAFT');
  expect(a.seatsLeft).toBe(6);
});

test('weekly schedule in a time zone: 12 sessions on the local slot across DST; one-shot: one 24-hour window', async () => {
  const owner = uid();
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const weekly = await create(owner, { lengthWeeks: 24, startsAt: startsAt.toISOString(), schedule: { weekday: 'FRIDAY', time: '19:30', timezone: 'America/New_York' } });
  expect(weekly.schedule).toEqual({ weekday: 'FRIDAY', time: '19:30', timezone: 'America/New_York' });
  expect(weekly.sessions).toHaveLength(24);
  for (const s of weekly.sessions) {
    const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'long', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(s.startsAt));
    expect(local).toBe('Friday 19:30');
    expect(new Date(s.endsAt).getTime() - new Date(s.startsAt).getTime()).toBe(180 * 60_000);
  }
  expect(new Date(weekly.sessions[0].startsAt).getTime()).toBeGreaterThanOrEqual(startsAt.getTime());
  expect(new Date(weekly.sessions[0].startsAt).getTime() - startsAt.getTime()).toBeLessThan(7 * 86_400_000);
  const oneShot = await create(owner, { mode: 'ONE_SHOT', startsAt: '2027-06-01T10:00:00Z'.replace('2027', String(new Date().getUTCFullYear() + 1)), schedule: { timezone: 'Asia/Tokyo' } });
  expect(oneShot.sessions).toHaveLength(1);
  expect(new Date(oneShot.sessions[0].endsAt).getTime() - new Date(oneShot.sessions[0].startsAt).getTime()).toBe(86_400_000);
  expect(oneShot.schedule).toEqual({ weekday: null, time: null, timezone: 'Asia/Tokyo' });
});

test('every legal transition: DRAFT → REGISTRATION → (paid) → MATCHING → SCHEDULED → RUNNING → COMPLETED, with the events gamehost needs', async () => {
  const owner = uid();
  const [p1, p2, p3] = [uid(), uid(), uid()];
  const c = await create(owner, { maxPlayers: 3 });
  expect((await h.gql(STEP('openRegistration'), { id: c.id }, owner)).data!.openRegistration.status).toBe('REGISTRATION');
  for (const p of [p1, p2, p3]) expect((await h.gql(`mutation ($id: ID!) { joinCampaign(campaignId: $id) { status } }`, { id: c.id }, p)).data!.joinCampaign.status).toBe('HELD');
  await pay(c.id, p1);
  await pay(c.id, p2);
  await eventually(async () => (await h.gql(`query ($id: ID!) { campaign(id: $id) { myRegistration { status paidAt } } }`, { id: c.id }, p2)).data!.campaign.myRegistration.status === 'PAID', 'payment to confirm the seat');
  await eventually(async () => (await h.gql(`query ($id: ID!) { campaign(id: $id) { myRegistration { status } } }`, { id: c.id }, p1)).data!.campaign.myRegistration.status === 'PAID', 'payment 1');
  expect((await h.gql(STEP('startMatching'), { id: c.id }, owner)).data!.startMatching.status).toBe('MATCHING');
  expect((await h.gql(STEP('scheduleCampaign'), { id: c.id }, owner)).data!.scheduleCampaign.status).toBe('SCHEDULED');
  // p3 never paid: released at scheduling; two seats taken
  expect(await status(c.id, owner)).toMatchObject({ status: 'SCHEDULED', seatsTaken: 2, seatsLeft: 1 });
  const lifecycle = await eventually(async () => {
    const m = await h.messages(`game.${c.id}.lifecycle`);
    return m.length >= 3 ? m : null;
  }, 'CAMPAIGN_OPENED and PLAYER_JOINED on the lifecycle subject');
  expect(lifecycle.map((e) => e.type)).toEqual([GameEvent.CAMPAIGN_OPENED, GameEvent.PLAYER_JOINED, GameEvent.PLAYER_JOINED]);
  const opened = lifecycle[0]!.data as Record<string, any>;
  expect(opened).toMatchObject({ campaignId: c.id, seed: c.seed, mode: 'WEEKLY', lengthWeeks: 4, maxPlayers: 3, ownerId: owner });
  expect(opened.sessions).toEqual(c.sessions);
  expect(new Set(lifecycle.slice(1).map((e) => (e.data as { userId: string }).userId))).toEqual(new Set([p1, p2]));

  // gamehost's outcomes move it on (a redelivered or second SESSION_STARTED changes nothing)
  await h.outcome(c.id, GameEvent.SESSION_STARTED, { index: 0 });
  await eventually(async () => (await status(c.id, owner)).status === 'RUNNING', 'RUNNING after the first SESSION_STARTED');
  await h.outcome(c.id, GameEvent.SESSION_ENDED, { index: 0 });
  await h.outcome(c.id, GameEvent.SESSION_STARTED, { index: 1 });
  await eventually(async () => (await status(c.id, owner)).currentSession === 1, 'current session 1');
  await h.outcome(c.id, GameEvent.CAMPAIGN_COMPLETED, {});
  await eventually(async () => (await status(c.id, owner)).status === 'COMPLETED', 'COMPLETED after CAMPAIGN_COMPLETED');

  const changes = (await h.messages('domain.campaigns.status_changed')).filter((e) => (e.data as { campaignId: string }).campaignId === c.id);
  expect(changes.map((e) => `${(e.data as any).from}>${(e.data as any).to}`)).toEqual([
    'DRAFT>REGISTRATION',
    'REGISTRATION>MATCHING',
    'MATCHING>SCHEDULED',
    'SCHEDULED>RUNNING',
    'RUNNING>COMPLETED',
  ]);
  // game history: the players who paid, not the one released
  const HISTORY = `query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { gameHistory { totalCount edges { node { id status } } } } } }`;
  expect((await h.gql(HISTORY, { id: p1 }, p1)).data!._entities[0].gameHistory).toEqual({ totalCount: 1, edges: [{ node: { id: c.id, status: 'COMPLETED' } }] });
  expect((await h.gql(HISTORY, { id: p3 }, p3)).data!._entities[0].gameHistory.totalCount).toBe(0);
  expect((await h.gql(HISTORY, { id: p1 }, p2)).data!._entities[0].gameHistory).toBeNull();
});

test('every illegal transition is ILLEGAL_TRANSITION with from and to', async () => {
  const owner = uid();
  const mutations: Record<string, { name: string; to: CampaignStatus }> = {
    openRegistration: { name: 'openRegistration', to: 'REGISTRATION' },
    startMatching: { name: 'startMatching', to: 'MATCHING' },
    scheduleCampaign: { name: 'scheduleCampaign', to: 'SCHEDULED' },
    cancelCampaign: { name: 'cancelCampaign', to: 'CANCELLED' },
  };
  // one campaign parked in each status the owner can reach (RUNNING and COMPLETED through gamehost outcomes)
  const at: Partial<Record<CampaignStatus, string>> = {};
  const reach = async (target: CampaignStatus) => {
    const c = await create(owner, { maxPlayers: 2 });
    const path: CampaignStatus[] = ['REGISTRATION', 'MATCHING', 'SCHEDULED', 'RUNNING', 'COMPLETED'];
    if (target === 'CANCELLED') {
      await h.gql(STEP('cancelCampaign'), { id: c.id }, owner);
      return c.id;
    }
    for (const s of path.slice(0, path.indexOf(target) + 1)) {
      if (s === 'REGISTRATION') await h.gql(STEP('openRegistration'), { id: c.id }, owner);
      if (s === 'MATCHING') {
        for (const p of [uid(), uid()]) {
          await h.gql(`mutation ($id: ID!) { joinCampaign(campaignId: $id) { status } }`, { id: c.id }, p);
          await pay(c.id, p);
        }
        await eventually(async () => (await status(c.id, owner)).seatsTaken === 2 && (await h.sql`select count(*)::int as n from campaigns.registration where campaign_id = ${c.id} and status = 'PAID'`)[0].n === 2, 'paid');
        await h.gql(STEP('startMatching'), { id: c.id }, owner);
      }
      if (s === 'SCHEDULED') expect((await h.gql(STEP('scheduleCampaign'), { id: c.id }, owner)).errors).toBeUndefined();
      if (s === 'RUNNING') {
        await h.outcome(c.id, GameEvent.SESSION_STARTED, { index: 0 });
        await eventually(async () => (await status(c.id, owner)).status === 'RUNNING', 'running');
      }
      if (s === 'COMPLETED') {
        await h.outcome(c.id, GameEvent.CAMPAIGN_COMPLETED, {});
        await eventually(async () => (await status(c.id, owner)).status === 'COMPLETED', 'completed');
      }
    }
    return c.id;
  };
  for (const s of CAMPAIGN_STATUSES) at[s] = s === 'DRAFT' ? (await create(owner)).id : await reach(s);
  let checked = 0;
  for (const from of CAMPAIGN_STATUSES) {
    for (const { name, to } of Object.values(mutations)) {
      // legal ones are exercised in the test above (and would move the parked campaign)
      if (TRANSITIONS[from].includes(to)) continue;
      const res = await h.gql(STEP(name), { id: at[from] }, owner);
      expect({ from, to, code: code(res), ext: res.errors?.[0]?.extensions }).toEqual({ from, to, code: 'ILLEGAL_TRANSITION', ext: { code: 'ILLEGAL_TRANSITION', from, to } });
      checked++;
    }
  }
  // 7 statuses × 4 owner mutations − the legal ones (DRAFT→REG, DRAFT→CANC, REG→MATCH, REG→CANC, MATCH→SCHED, MATCH→CANC, SCHED→CANC, RUNNING→CANC)
  expect(checked).toBe(28 - 8);
  // the outcome-driven steps are ignored when illegal: a SESSION_STARTED for a DRAFT campaign changes nothing
  await h.outcome(at.DRAFT!, GameEvent.SESSION_STARTED, { index: 0 });
  await h.outcome(at.CANCELLED!, GameEvent.CAMPAIGN_COMPLETED, {});
  await Bun.sleep(300);
  expect((await status(at.DRAFT!, owner)).status).toBe('DRAFT');
});

test('cancellation: paid seats listed for billing to refund, holds and waitlist end, gamehost told once it had the campaign', async () => {
  const owner = uid();
  const c = await create(owner, { maxPlayers: 2 });
  await h.gql(STEP('openRegistration'), { id: c.id }, owner);
  const [paid, held, waiting] = [uid(), uid(), uid()];
  for (const p of [paid, held, waiting]) await h.gql(`mutation ($id: ID!) { joinCampaign(campaignId: $id) { status } }`, { id: c.id }, p);
  await pay(c.id, paid);
  await eventually(async () => (await h.sql`select status from campaigns.registration where campaign_id = ${c.id} and user_id = ${paid}`)[0].status === 'PAID', 'paid');
  // only the owner or an admin cancels; a reason is bounded
  expect(code(await h.gql(STEP('cancelCampaign'), { id: c.id }, paid))).toBe('FORBIDDEN');
  expect(code(await h.gql(`mutation ($id: ID!, $r: String) { cancelCampaign(campaignId: $id, reason: $r) { id } }`, { id: c.id, r: 'x'.repeat(501) }, owner))).toBe('BAD_USER_INPUT');
  const res = await h.gql(`mutation ($id: ID!) { cancelCampaign(campaignId: $id, reason: "GM unavailable") { status cancelReason seatsTaken } }`, { id: c.id }, owner);
  expect(res.data!.cancelCampaign).toEqual({ status: 'CANCELLED', cancelReason: 'GM unavailable', seatsTaken: 0 });
  const cancelled = await eventually(async () => (await h.messages('domain.campaigns.cancelled')).find((e) => (e.data as any).campaignId === c.id), 'domain.campaigns.cancelled');
  expect(cancelled.data).toMatchObject({ campaignId: c.id, ownerId: owner, from: 'REGISTRATION', reason: 'GM unavailable' });
  expect((cancelled.data as any).paidRegistrations).toEqual([expect.objectContaining({ userId: paid, paymentId: expect.stringMatching(/^pi_/) })]);
  const regs = await h.sql`select user_id, status from campaigns.registration where campaign_id = ${c.id} order by user_id`;
  expect(regs.every((r: { status: string }) => r.status === 'CANCELLED')).toBe(true);
  // gamehost never had it: nothing on its lifecycle subject
  expect(await h.messages(`game.${c.id}.lifecycle`)).toEqual([]);
  // a payment arriving afterwards is handed back for a refund
  await pay(c.id, held);
  const refund = await eventually(async () => (await h.messages('domain.campaigns.seat_refund_requested')).find((e) => (e.data as any).userId === held), 'refund request');
  expect(refund.data).toMatchObject({ campaignId: c.id, reason: 'campaign_cancelled' });
});

test('a running campaign is cancelled by an admin only; gamehost hears CAMPAIGN_CANCELLED', async () => {
  const owner = uid();
  const c = await create(owner, { maxPlayers: 2 });
  await h.gql(STEP('openRegistration'), { id: c.id }, owner);
  for (const p of [uid(), uid()]) {
    await h.gql(`mutation ($id: ID!) { joinCampaign(campaignId: $id) { status } }`, { id: c.id }, p);
    await pay(c.id, p);
  }
  await eventually(async () => (await h.sql`select count(*)::int as n from campaigns.registration where campaign_id = ${c.id} and status = 'PAID'`)[0].n === 2, 'paid');
  await h.gql(STEP('startMatching'), { id: c.id }, owner);
  expect(code(await h.gql(STEP('scheduleCampaign', ', startsAt: "2001-01-01T00:00:00Z"'), { id: c.id }, owner))).toBe('BAD_USER_INPUT');
  expect((await h.gql(STEP('scheduleCampaign'), { id: c.id }, owner)).data!.scheduleCampaign.status).toBe('SCHEDULED');
  await h.outcome(c.id, GameEvent.SESSION_STARTED, { index: 0 });
  await eventually(async () => (await status(c.id, owner)).status === 'RUNNING', 'running');
  expect(code(await h.gql(STEP('cancelCampaign'), { id: c.id }, owner))).toBe('FORBIDDEN');
  expect((await h.gql(STEP('cancelCampaign'), { id: c.id }, uid(), ['player', 'admin'])).data!.cancelCampaign.status).toBe('CANCELLED');
  const events = await eventually(async () => {
    const m = await h.messages(`game.${c.id}.lifecycle`);
    return m.some((e) => e.type === GameEvent.CAMPAIGN_CANCELLED) ? m : null;
  }, 'CAMPAIGN_CANCELLED');
  expect(events.map((e) => e.type)).toEqual([GameEvent.CAMPAIGN_OPENED, GameEvent.PLAYER_JOINED, GameEvent.PLAYER_JOINED, GameEvent.CAMPAIGN_CANCELLED]);
  const cancelled = (await h.messages('domain.campaigns.cancelled')).find((e) => (e.data as any).campaignId === c.id)!;
  expect((cancelled.data as any).paidRegistrations).toHaveLength(2);
});

test('scheduling needs two paid seats (NOT_ENOUGH_PLAYERS), and lifecycle mutations are for the owner', async () => {
  const owner = uid();
  const c = await create(owner);
  expect(code(await h.gql(STEP('openRegistration'), { id: c.id }, uid()))).toBe('FORBIDDEN');
  await h.gql(STEP('openRegistration'), { id: c.id }, owner);
  const p = uid();
  await h.gql(`mutation ($id: ID!) { joinCampaign(campaignId: $id) { status } }`, { id: c.id }, p);
  await pay(c.id, p);
  await eventually(async () => (await h.sql`select status from campaigns.registration where campaign_id = ${c.id} and user_id = ${p}`)[0].status === 'PAID', 'paid');
  await h.gql(STEP('startMatching'), { id: c.id }, owner);
  const res = await h.gql(STEP('scheduleCampaign'), { id: c.id }, owner);
  expect(res.errors?.[0]?.extensions).toEqual({ code: 'NOT_ENOUGH_PLAYERS', paid: 1, required: 2 });
  // bad ids and unknown campaigns are typed too
  for (const name of ['openRegistration', 'startMatching', 'scheduleCampaign', 'cancelCampaign']) {
    expect(code(await h.gql(STEP(name), { id: 'nope' }, owner))).toBe('BAD_USER_INPUT');
    expect(code(await h.gql(STEP(name), { id: uid() }, owner))).toBe('NOT_FOUND');
    expect(code(await h.gql(STEP(name), { id: c.id }))).toBe('UNAUTHENTICATED');
  }
});

test('createCampaign: every bad field is BAD_USER_INPUT naming it', async () => {
  const owner = uid();
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ title: 'x' }, 'title'],
    [{ maxPlayers: 1 }, 'maxPlayers'],
    [{ maxPlayers: 51 }, 'maxPlayers'],
    [{ lengthWeeks: 5 }, 'lengthWeeks'],
    [{ playHoursPerWeek: 0 }, 'playHoursPerWeek'],
    [{ sessionMinutes: 10 }, 'sessionMinutes'],
    [{ sessionMinutes: 481 }, 'sessionMinutes'],
    [{ mode: 'ONE_SHOT', sessionMinutes: 120 }, 'sessionMinutes'],
    [{ language: 'not a language!' }, 'language'],
    [{ seed: 'spaces are not allowed' }, 'seed'],
    [{ startsAt: new Date(Date.now() - 3_600_000).toISOString() }, 'startsAt'],
    [{ startsAt: new Date(Date.now() + 400 * 86_400_000).toISOString() }, 'startsAt'],
    [{ schedule: { weekday: 'MONDAY', time: '25:00', timezone: 'Europe/Berlin' } }, 'schedule.time'],
    [{ schedule: { time: '18:00', timezone: 'Europe/Berlin' } }, 'schedule.weekday'],
    [{ schedule: { weekday: 'MONDAY', time: '18:00', timezone: 'Atlantis/Capital' } }, 'schedule.timezone'],
    [{ mode: 'ONE_SHOT', schedule: { weekday: 'MONDAY', time: '18:00', timezone: 'UTC' } }, 'schedule'],
  ];
  for (const [over, field] of cases) {
    const res = await h.gql(CREATE, { input: campaignInput(over) }, owner);
    expect({ over, ext: res.errors?.[0]?.extensions }).toEqual({ over, ext: { code: 'BAD_USER_INPUT', field } });
  }
  // enums and scalars are checked by GraphQL validation (the gateway types those BAD_USER_INPUT; see test/e2e)
  expect(code(await h.gql(CREATE, { input: campaignInput({ startsAt: 'next tuesday' }) }, owner))).toBe('BAD_USER_INPUT');
  for (const over of [{ difficulty: 'IMPOSSIBLE' }, { visibility: 'SECRET' }]) {
    const res = await h.gql(CREATE, { input: campaignInput(over) }, owner);
    expect(res.errors?.[0]?.message).toContain('does not exist');
    expect(res.data ?? null).toBeNull();
  }
  expect(code(await h.gql(CREATE, { input: campaignInput() }))).toBe('UNAUTHENTICATED');
  expect((await h.gql(`{ myCampaigns { id } }`, {}, owner)).data!.myCampaigns).toEqual([]);
});
