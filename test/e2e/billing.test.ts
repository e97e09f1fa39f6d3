/**
 * Billing end to end: real users, campaigns, billing and gateway processes on PostgreSQL and NATS, billing's
 * stripe-node pointed at a fake Stripe (STRIPE_API_URL), webhooks POSTed over HTTP with real signatures, and LLM
 * usage published on the USAGE stream the way llm-router does.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { DomainEvent, LLM_USAGE_EVENT, Stream, type CampaignCreatedData, type LlmUsageData } from '@startales/contracts';
import { connectBus, createEnvelope, createLogger, type Bus } from '@startales/kit';
import { startStack, gql, errorCode, eventually, signAccessToken, TEST_NATS_URL, type Stack } from '@startales/testing';
import { startFakeStripe, type FakeStripe } from '../../subgraphs/billing/test/fakes/stripe/server.ts';

let stack: Stack;
let fake: FakeStripe;
let bus: Bus;
let url: string;

beforeAll(async () => {
  fake = startFakeStripe();
  stack = await startStack({
    services: ['users', 'campaigns', 'billing', 'gateway'],
    env: {
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      STRIPE_API_URL: fake.url,
      STRIPE_TIMEOUT_MS: '2000',
      USAGE_REPORT_INTERVAL_MS: '200',
      WEB_APP_URL: 'http://web.test',
    },
  });
  url = stack.gatewayUrl;
  bus = await connectBus({ url: TEST_NATS_URL, ns: stack.ns, name: 'billing-e2e', logger: createLogger({ service: 'billing-e2e', level: 'silent' }) });
}, 120_000);

afterAll(async () => {
  await bus?.close();
  const codes = await stack?.stop();
  await fake?.stop();
  expect(codes?.billing).toBe(0);
}, 60_000);

/** Delivers what the fake Stripe emitted to billing's webhook endpoint, as Stripe would. */
async function deliverWebhooks(events = fake.takeEvents()): Promise<void> {
  for (const event of events) {
    const { body, signature } = fake.signEvent(event);
    const res = await fetch(`${stack.urls.billing}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
    expect(res.status).toBe(200);
  }
}

async function domainMessages(type: string) {
  const out: any[] = [];
  const name = bus.streamName(Stream.DOMAIN);
  const info = await bus.jsm.streams.info(name);
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const msg = await bus.jsm.streams.getMessage(name, { seq }).catch(() => null);
    if (msg?.subject === bus.subject(`domain.${type}`)) out.push(msg.json());
  }
  return out;
}

async function register(tag: string) {
  const id = `${tag}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const reg = await gql(url, `mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }`, {
    i: { email: `${id}@example.com`, password: 'correct horse battery', handle: id },
  });
  expect(reg.errors).toBeUndefined();
  return { token: reg.data!.register.accessToken as string, userId: reg.data!.register.user.id as string };
}

test('a held seat is paid through Checkout (webhook → seat_paid → registration PAID); cancelling the campaign refunds it', async () => {
  const owner = await register('o');
  const player = await register('p');
  const created = await gql(
    url,
    `mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id price { perPlayerCents priceBook } } }`,
    { i: { title: 'Paid', mode: 'WEEKLY', lengthWeeks: 12, playHoursPerWeek: 3, maxPlayers: 6, llmTier: 'PREMIUM', visibility: 'PUBLIC', startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString() } },
    owner.token,
  );
  expect(created.errors).toBeUndefined();
  const campaign = created.data!.createCampaign;
  expect(campaign.price).toEqual({ perPlayerCents: 2360, priceBook: '2026-11-seed' });
  expect((await gql(url, `mutation ($id: ID!) { openRegistration(campaignId: $id) { status } }`, { id: campaign.id }, owner.token)).errors).toBeUndefined();
  const joined = await gql(url, `mutation ($id: ID!) { joinCampaign(campaignId: $id) { status } }`, { id: campaign.id }, player.token);
  expect(joined.data!.joinCampaign.status).toBe('HELD');

  // billing learns the campaign from `campaigns.created` (eventually): then the seat has a price
  const CHECKOUT = `mutation ($id: ID!) { checkoutSeat(campaignId: $id) { id url amountCents priceBook } }`;
  const checkout = await eventually(async () => {
    const res = await gql(url, CHECKOUT, { id: campaign.id }, player.token);
    return res.errors ? null : res.data!.checkoutSeat;
  }, 'billing to price the campaign');
  expect(checkout).toMatchObject({ amountCents: 2360, priceBook: '2026-11-seed' });
  const session = fake.account.all('checkout.session').find((s) => s.url === checkout.url)!;
  expect(session.success_url).toBe('http://web.test/billing/checkout/success?session_id={CHECKOUT_SESSION_ID}');

  // the player pays; a forged delivery is refused before anything happens, then Stripe's own deliveries arrive
  fake.account.completeCheckout(session.id);
  const events = fake.takeEvents();
  const completed = events.find((e) => e.type === 'checkout.session.completed')!;
  const forged = fake.signEvent(completed, { secret: 'whsec_other' });
  const refused = await fetch(`${stack.urls.billing}/webhooks/stripe`, { method: 'POST', headers: { 'stripe-signature': forged.signature }, body: forged.body });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as any).error.code).toBe('INVALID_SIGNATURE');
  await deliverWebhooks(events);

  const PAYMENTS = `{ me { id payments { totalCount edges { node { kind status amountCents refundedCents priceBook campaign { id title price { perPlayerCents } } } } } subscription { id } } }`;
  const me = await gql(url, PAYMENTS, {}, player.token);
  expect(me.errors).toBeUndefined();
  expect(me.data!.me.payments.edges.map((e: any) => e.node)).toEqual([
    { kind: 'SEAT', status: 'SUCCEEDED', amountCents: 2360, refundedCents: 0, priceBook: '2026-11-seed', campaign: { id: campaign.id, title: 'Paid', price: { perPlayerCents: 2360 } } },
  ]);
  expect(me.data!.me.subscription).toBeNull();
  expect(errorCode(await gql(url, CHECKOUT, { id: campaign.id }, player.token))).toBe('ALREADY_PAID');
  const seatPaid = await eventually(async () => (await domainMessages('billing.seat_paid')).find((e) => e.data.userId === player.userId), 'domain.billing.seat_paid');
  expect(seatPaid.data).toMatchObject({ campaignId: campaign.id, amountCents: 2360, currency: 'USD', priceBook: '2026-11-seed' });
  // campaigns confirms the registration from billing's event
  await eventually(async () => {
    const regs = await gql(url, `{ myRegistrations { status campaign { id } } }`, {}, player.token);
    return regs.data?.myRegistrations?.find((r: any) => r.campaign.id === campaign.id)?.status === 'PAID';
  }, 'the registration to be PAID');

  const finance = await signAccessToken(stack.keys, { userId: Bun.randomUUIDv7(), roles: ['finance'] });
  const day = new Date().toISOString().slice(0, 10);
  const revenue = await gql(
    url,
    `query ($f: DateTime!, $t: DateTime!) { finance { revenue(from: $f, to: $t) { netCents days { plan grossCents } } } }`,
    { f: `${day}T00:00:00Z`, t: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString() },
    finance,
  );
  expect(revenue.errors).toBeUndefined();
  expect(revenue.data!.finance.revenue.days).toContainEqual({ plan: 'SEAT', grossCents: 2360 });
  expect(errorCode(await gql(url, `{ finance { mrr { mrrCents } } }`, {}, player.token))).toBe('FORBIDDEN');

  // the owner cancels: campaigns lists the paid seat, billing refunds it in full, once
  expect((await gql(url, `mutation ($id: ID!) { cancelCampaign(campaignId: $id, reason: "not enough players") { status } }`, { id: campaign.id }, owner.token)).errors).toBeUndefined();
  const refunded = await eventually(async () => {
    const res = await gql(url, PAYMENTS, {}, player.token);
    const node = res.data?.me.payments.edges[0]?.node;
    return node?.refundedCents === 2360 ? node : null;
  }, 'the automatic refund', 15_000);
  expect(refunded.status).toBe('SUCCEEDED');
  expect(fake.account.all('refund').filter((r) => r.payment_intent === session.payment_intent).map((r) => r.amount)).toEqual([2360]);
  await deliverWebhooks(); // Stripe's refund events: already applied, nothing doubles
  expect((await gql(url, PAYMENTS, {}, player.token)).data!.me.payments.edges[0].node.refundedCents).toBe(2360);
  await eventually(async () => (await domainMessages('billing.seat_refunded')).some((e) => e.data.userId === player.userId), 'domain.billing.seat_refunded');
});

test('LLM usage above a campaign allowance becomes one Stripe meter event per usage event', async () => {
  const userId = Bun.randomUUIDv7();
  const campaignId = Bun.randomUUIDv7();
  await bus.publish(
    `domain.${DomainEvent.CAMPAIGN_CREATED}`,
    createEnvelope<CampaignCreatedData>(DomainEvent.CAMPAIGN_CREATED, { campaignId, ownerId: userId, title: 'Chatty', llmTier: 'ECONOMY', lengthWeeks: 4, maxPlayers: 2, playHoursPerWeek: 1 }, userId),
  );
  await Bun.sleep(300);
  const usage = createEnvelope<LlmUsageData>(
    LLM_USAGE_EVENT,
    {
      callId: Bun.randomUUIDv7(),
      provider: 'ollama',
      model: 'ollama/llama3',
      tier: 'ECONOMY',
      userId,
      campaignId,
      purpose: 'narration',
      inputTokens: 5000,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 900,
      reasoningTokens: 0,
      images: 0,
      costMicros: 1_000_000,
      priceVersion: 'e2e',
      status: 'ok',
      startedAt: new Date().toISOString(),
      durationMs: 1200,
    },
    'service:llm-router',
  );
  // published twice (a router retry): JetStream dedupes on the id, billing applies once either way
  await bus.publish('llm.usage.ollama', usage);
  await bus.publish('llm.usage.ollama', usage);
  const meterEvent = await eventually(async () => fake.account.meterEvents.get(usage.id), 'the meter event', 15_000);
  // 700,000 micro-dollars are included (ECONOMY, 4 weeks × 1 h): 300,000 are billed
  expect(meterEvent).toMatchObject({ event_name: 'startales_llm_overage_micros', identifier: usage.id, payload: { value: '300000' } });
  await Bun.sleep(500);
  expect([...fake.account.meterEvents.values()].filter((m) => m.identifier === usage.id)).toHaveLength(1);
  // the metered subscription that bills it was opened with the first charge (its webhooks are applied like any other)
  await deliverWebhooks();
  const token = await signAccessToken(stack.keys, { userId });
  const charges = await gql(
    `${stack.urls.billing}/graphql`,
    `query ($u: _Any!) { _entities(representations: [$u]) { ... on User { usageCharges { totalOverageMicros edges { node { status overageMicros campaign { id } } } } } } }`,
    { u: { __typename: 'User', id: userId } },
    token,
  );
  expect(charges.errors).toBeUndefined();
  expect(charges.data!._entities[0].usageCharges).toEqual({
    totalOverageMicros: 300_000,
    edges: [{ node: { status: 'REPORTED', overageMicros: 300_000, campaign: { id: campaignId } } }],
  });
});
