/** submitAction: validation, membership and status checks, and exactly one ACTION_SUBMITTED per actionId. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { eventually } from '@startales/testing';
import { GameEvent } from '@startales/contracts';
import { startHarness, uid, code, campaignInput, type Harness } from './harness.ts';

let h: Harness;
let campaignId: string;
let owner: string;
const [p1, p2, waiting] = [uid(), uid(), uid()];

const SUBMIT = `mutation ($id: ID!, $a: ActionInput!) { submitAction(campaignId: $id, action: $a) { campaignId actionId eventId duplicate submittedAt } }`;

beforeAll(async () => {
  h = await startHarness();
  owner = uid();
  campaignId = (await h.gql(`mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, { input: campaignInput({ maxPlayers: 2 }) }, owner)).data!.createCampaign.id;
  await h.gql(`mutation ($id: ID!) { openRegistration(campaignId: $id) { id } }`, { id: campaignId }, owner);
  for (const p of [p1, p2, waiting]) await h.gql(`mutation ($id: ID!) { joinCampaign(campaignId: $id) { id } }`, { id: campaignId }, p);
  for (const p of [p1, p2]) await h.publish('domain.billing.seat_paid', 'billing.seat_paid', { paymentId: `pi_${p}`, userId: p, campaignId, amountCents: 1, currency: 'USD', priceBook: 't', paidAt: new Date().toISOString() });
  await eventually(async () => (await h.sql`select count(*)::int as n from campaigns.registration where campaign_id = ${campaignId} and status = 'PAID'`)[0].n === 2, 'paid');
  await h.gql(`mutation ($id: ID!) { startMatching(campaignId: $id) { id } }`, { id: campaignId }, owner);
  await h.gql(`mutation ($id: ID!) { scheduleCampaign(campaignId: $id) { id } }`, { id: campaignId }, owner);
}, 60_000);
afterAll(() => h?.cleanup(), 30_000);

test('before the campaign runs: CAMPAIGN_NOT_RUNNING; afterwards only paid players act', async () => {
  const early = await h.gql(SUBMIT, { id: campaignId, a: { actionId: uid(), text: 'I open the door' } }, p1);
  expect(early.errors?.[0]?.extensions).toEqual({ code: 'CAMPAIGN_NOT_RUNNING', status: 'SCHEDULED' });
  await h.outcome(campaignId, GameEvent.SESSION_STARTED, { index: 0 });
  await eventually(async () => (await h.sql`select status from campaigns.campaign where id = ${campaignId}`)[0].status === 'RUNNING', 'running');
  expect(code(await h.gql(SUBMIT, { id: campaignId, a: { actionId: uid(), text: 'hi' } }, waiting))).toBe('FORBIDDEN');
  expect(code(await h.gql(SUBMIT, { id: campaignId, a: { actionId: uid(), text: 'hi' } }, owner))).toBe('FORBIDDEN');
  expect(code(await h.gql(SUBMIT, { id: campaignId, a: { actionId: uid(), text: 'hi' } }))).toBe('UNAUTHENTICATED');
});

test('bad input is BAD_USER_INPUT naming the field; unknown campaigns NOT_FOUND', async () => {
  const cases: Array<[unknown, Record<string, unknown>, string]> = [
    ['nope', { actionId: uid(), text: 'x' }, 'campaignId'],
    [campaignId, { actionId: 'not-a-uuid', text: 'x' }, 'action.actionId'],
    [campaignId, { actionId: uid(), text: '   ' }, 'action.text'],
    [campaignId, { actionId: uid(), text: 'x'.repeat(2001) }, 'action.text'],
    [campaignId, { actionId: uid(), text: 'bell\u0007' }, 'action.text'],
  ];
  for (const [id, a, field] of cases) {
    const res = await h.gql(SUBMIT, { id, a }, p1);
    expect({ field, ext: res.errors?.[0]?.extensions }).toEqual({ field, ext: { code: 'BAD_USER_INPUT', field } });
  }
  expect(code(await h.gql(SUBMIT, { id: uid(), a: { actionId: uid(), text: 'x' } }, p1))).toBe('NOT_FOUND');
});

test('one ACTION_SUBMITTED per actionId on game.<id>.commands, however often (and concurrently) it is submitted', async () => {
  const actionId = uid();
  const a = { actionId, text: '  I light the lantern and step into the ruins.  ' };
  const results = await Promise.all(Array.from({ length: 6 }, () => h.gql(SUBMIT, { id: campaignId, a }, p1)));
  for (const r of results) expect(r.errors).toBeUndefined();
  const receipts = results.map((r) => r.data!.submitAction);
  expect(new Set(receipts.map((r) => r.eventId)).size).toBe(1);
  expect(receipts.filter((r) => !r.duplicate)).toHaveLength(1);
  const again = (await h.gql(SUBMIT, { id: campaignId, a }, p1)).data!.submitAction;
  expect(again).toMatchObject({ duplicate: true, eventId: receipts[0].eventId });
  // the same id with other text is a conflict, not a second action
  expect(code(await h.gql(SUBMIT, { id: campaignId, a: { actionId, text: 'something else' } }, p1))).toBe('CONFLICT');
  // the same actionId from another player is that player's own action
  const other = (await h.gql(SUBMIT, { id: campaignId, a }, p2)).data!.submitAction;
  expect(other.duplicate).toBe(false);

  const events = await eventually(async () => {
    const m = (await h.messages(`game.${campaignId}.commands`)).filter((e) => (e.data as any).actionId === actionId);
    return m.length >= 2 ? m : null;
  }, 'the commands on the stream');
  await Bun.sleep(300); // nothing else trickles in
  const final = (await h.messages(`game.${campaignId}.commands`)).filter((e) => (e.data as any).actionId === actionId);
  expect(final).toHaveLength(2);
  expect(events[0]).toMatchObject({ type: GameEvent.ACTION_SUBMITTED, actor: p1, id: receipts[0].eventId, data: { campaignId, userId: p1, actionId, text: 'I light the lantern and step into the ruins.' } });
  expect(final[1]).toMatchObject({ actor: p2, data: { userId: p2 } });
});
