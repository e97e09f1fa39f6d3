/**
 * Campaign prose through llm-router (a local fake speaking its OpenAI-compatible SSE API): written once with the
 * right attribution and stored; when llm-router is down the campaign is still created and the prose comes later.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { eventually } from '@startales/testing';
import { GameEvent } from '@startales/contracts';
import { startFakeLlmRouter, type FakeLlmRouter } from './fakes/llm-router.ts';
import { startHarness, uid, campaignInput, type Harness } from './harness.ts';

let h: Harness;
let llm: FakeLlmRouter;
const TOKEN = 'campaigns-service-token';

beforeAll(async () => {
  llm = startFakeLlmRouter({ token: TOKEN, reply: 'Salt wind over the drowned archipelago. The Archivist is gone.', costMicros: 4321 });
  h = await startHarness({ llmRouterUrl: llm.url, llmRouterToken: TOKEN });
}, 60_000);
afterAll(async () => {
  await h?.cleanup();
  await llm?.stop();
}, 30_000);

const CREATE = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id status prose { status text } } }`;
const PROSE = `query ($id: ID!) { campaign(id: $id) { prose { status text model attempts writtenAt } } }`;

test('prose is written once through llm-router (generation, owner + campaign attribution, tier model) and stored', async () => {
  const owner = uid();
  const created = (await h.gql(CREATE, { input: campaignInput({ llmTier: 'PREMIUM', language: 'fr', seed: 'prose-1' }) }, owner)).data!.createCampaign;
  const prose = await eventually(async () => {
    const p = (await h.gql(PROSE, { id: created.id }, owner)).data!.campaign.prose;
    return p.status === 'WRITTEN' ? p : null;
  }, 'prose to be written');
  expect(prose).toMatchObject({ status: 'WRITTEN', text: 'Salt wind over the drowned archipelago. The Archivist is gone.', model: 'fake/premium', attempts: 1 });
  const calls = llm.requests.filter((r) => r.headers['x-startales-campaign'] === created.id);
  expect(calls).toHaveLength(1);
  const call = calls[0]!;
  expect(call.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'x-startales-user': owner, 'x-startales-purpose': 'generation' });
  expect(call.body).toMatchObject({ model: 'PREMIUM', stream: true });
  expect(call.body.messages[0]!.content).toContain('"fr"');
  // the prompt carries the skeleton: names from it appear verbatim
  const skeleton = JSON.parse((await h.gql(`query ($id: ID!) { campaign(id: $id) { skeletonJson } }`, { id: created.id }, owner)).data!.campaign.skeletonJson);
  expect(call.body.messages[1]!.content).toContain(skeleton.npcs[0].name);
  const [row] = await h.sql`select prose_cost_micros from campaigns.campaign where id = ${created.id}`;
  expect(Number(row.prose_cost_micros)).toBe(4321);
  // never asked again
  await h.prose!.runOnce();
  expect(llm.requests.filter((r) => r.headers['x-startales-campaign'] === created.id)).toHaveLength(1);
});

test('llm-router down: the campaign is created anyway, prose stays PENDING and is filled in once the router is back; it reaches gamehost', async () => {
  llm.fail.chat = 'down';
  const owner = uid();
  const created = (await h.gql(CREATE, { input: campaignInput({ maxPlayers: 2 }) }, owner)).data!.createCampaign;
  expect(created).toMatchObject({ status: 'DRAFT', prose: { status: 'PENDING', text: null } });
  await eventually(async () => (await h.gql(PROSE, { id: created.id }, owner)).data!.campaign.prose.attempts >= 1, 'a failed attempt recorded');
  const [row] = await h.sql`select prose_status, prose_next_attempt_at, prose_last_error from campaigns.campaign where id = ${created.id}`;
  expect(row.prose_status).toBe('PENDING');
  expect(new Date(row.prose_next_attempt_at).getTime()).toBeGreaterThan(Date.now());
  expect(row.prose_last_error).toContain('503');
  // not retried before its time
  const before = llm.requests.length;
  await h.prose!.runOnce();
  expect(llm.requests.length).toBe(before);
  // back up; the retry time comes
  llm.fail.chat = undefined;
  h.clock.advance(11 * 60_000);
  await h.prose!.runOnce();
  expect((await h.gql(PROSE, { id: created.id }, owner)).data!.campaign.prose.status).toBe('WRITTEN');

  // the stored prose travels with CAMPAIGN_OPENED (gamehost never calls the LLM for it)
  await h.gql(`mutation ($id: ID!) { openRegistration(campaignId: $id) { id } }`, { id: created.id }, owner);
  for (const p of [uid(), uid()]) {
    await h.gql(`mutation ($id: ID!) { joinCampaign(campaignId: $id) { id } }`, { id: created.id }, p);
    await h.publish('domain.billing.seat_paid', 'billing.seat_paid', { paymentId: `pi_${p}`, userId: p, campaignId: created.id, amountCents: 1, currency: 'USD', priceBook: 't', paidAt: new Date().toISOString() });
  }
  await eventually(async () => (await h.sql`select count(*)::int as n from campaigns.registration where campaign_id = ${created.id} and status = 'PAID'`)[0].n === 2, 'paid');
  await h.gql(`mutation ($id: ID!) { startMatching(campaignId: $id) { id } }`, { id: created.id }, owner);
  await h.gql(`mutation ($id: ID!) { scheduleCampaign(campaignId: $id) { id } }`, { id: created.id }, owner);
  const opened = await eventually(async () => (await h.messages(`game.${created.id}.lifecycle`)).find((e) => e.type === GameEvent.CAMPAIGN_OPENED), 'CAMPAIGN_OPENED');
  expect((opened.data as any).prose).toBe(llm.reply);
});
