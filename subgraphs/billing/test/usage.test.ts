/**
 * LLM usage in process: `llm.usage.*` on the USAGE stream → allowance → usage charges → Stripe meter events (never
 * duplicated on a replay) → a usage invoice line; finance revenue, refunds and margins; GDPR export and erasure.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { eventually } from '@startales/testing';
import { Consumer, DomainEvent, LLM_USAGE_EVENT, Stream, type CampaignCreatedData, type LlmUsageData } from '@startales/contracts';
import { createEnvelope, type RunningConsumer } from '@startales/kit';
import { createBillingTestEnv, expectIdempotentPosts, type BillingTestEnv } from './support.ts';
import { startUsageConsumer } from '../src/consumers/usage.consumer.ts';
import { startCampaignsConsumer } from '../src/consumers/campaigns.consumer.ts';
import { UsageCharge } from '../src/modules/usage/entities/usage-charge.entity.ts';
import { CampaignUsage } from '../src/modules/usage/entities/campaign-usage.entity.ts';
import { BillingCustomer } from '../src/modules/customers/entities/customer.entity.ts';
import { Checkout } from '../src/modules/checkout/entities/checkout.entity.ts';
import { createBillingGdpr } from '../src/gdpr.ts';

let t: BillingTestEnv;
let usage: RunningConsumer;
let campaigns: RunningConsumer;
const startUsage = () => startUsageConsumer({ ...t.env.deps, books: t.services.books, afterCommit: () => t.reporter?.kick() });

beforeAll(async () => {
  t = await createBillingTestEnv({ reporter: true });
  // both start on empty streams: nothing has been published yet
  usage = await startUsage();
  campaigns = await startCampaignsConsumer(t.env.deps);
});
afterAll(async () => {
  await usage?.stop();
  await campaigns?.stop();
  await t?.cleanup();
});

function usageEvent(data: Partial<LlmUsageData> & { userId: string; campaignId: string | null; costMicros: number }) {
  return createEnvelope<LlmUsageData>(
    LLM_USAGE_EVENT,
    {
      callId: Bun.randomUUIDv7(),
      provider: 'openai',
      model: 'openai/gpt-4o',
      tier: 'ECONOMY',
      purpose: 'narration',
      inputTokens: 1000,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 200,
      reasoningTokens: 0,
      images: 0,
      priceVersion: 'test',
      status: 'ok',
      startedAt: new Date().toISOString(),
      durationMs: 900,
      ...data,
    },
    'service:llm-router',
  );
}

test('usage above the allowance is metered to Stripe once, even when the USAGE stream is replayed', async () => {
  const bus = t.env.deps.bus;
  const userId = Bun.randomUUIDv7();
  const campaignId = Bun.randomUUIDv7();
  // ECONOMY, 4 weeks × 1 h: 500,000 setup + 4 × 50,000 = 700,000 micro-dollars included
  await bus.publish(
    `domain.${DomainEvent.CAMPAIGN_CREATED}`,
    createEnvelope<CampaignCreatedData>(DomainEvent.CAMPAIGN_CREATED, { campaignId, ownerId: userId, title: 'Short', llmTier: 'ECONOMY', lengthWeeks: 4, maxPlayers: 4, playHoursPerWeek: 1 }, userId),
  );
  const events = [300_000, 300_000, 300_000, 150_000].map((costMicros) => usageEvent({ userId, campaignId, costMicros }));
  events.push(usageEvent({ userId, campaignId: null, costMicros: 40_000, purpose: 'moderation' }));
  await eventually(async () => (await t.env.deps.orm.em.fork().count(CampaignUsage, {})) >= 0 && campaigns.applied >= 1, 'campaign facts');
  for (const e of events) await bus.publish(`llm.usage.${e.data.provider}`, e);

  await eventually(async () => (await t.env.deps.orm.em.fork().findOne(CampaignUsage, { campaignId }))?.calls === 4, 'usage applied');
  const em = t.env.deps.orm.em.fork();
  expect(await em.findOneOrFail(CampaignUsage, { campaignId })).toMatchObject({ spentMicros: 1_050_000, chargedMicros: 350_000, calls: 4 });
  // the consumer applies events concurrently: which calls cross the allowance depends on the order, the total never
  const charges = await em.find(UsageCharge, { userId }, { orderBy: { occurredAt: 'asc' } });
  expect(charges.reduce((s, c) => s + c.overageMicros, 0)).toBe(350_000);
  expect(charges.every((c) => events.slice(0, 4).some((e) => e.id === c.id) && c.campaignId === campaignId)).toBe(true);

  await t.reporter!.flush();
  const meterEvents = () => [...t.fake.account.meterEvents.values()].filter((m) => charges.some((c) => c.id === m.identifier));
  expect(meterEvents().map((m) => [m.identifier, m.payload.value]).sort()).toEqual(charges.map((c) => [c.id, String(c.overageMicros)]).sort());
  const customer = await em.findOneOrFail(BillingCustomer, { userId });
  expect(customer.usageSubscriptionId).toStartWith('sub_');

  // replay: a new durable consumer reads the whole stream again; and the reporter re-sends after "losing" its status
  await usage.stop();
  await bus.jsm.consumers.delete(bus.streamName(Stream.USAGE), Consumer.BILLING_USAGE);
  usage = await startUsage();
  for (const e of events) await bus.publish(`llm.usage.${e.data.provider}`, e);
  await Bun.sleep(300);
  expect(usage.applied).toBe(0);
  await em.fork().nativeUpdate(UsageCharge, { userId }, { status: 'PENDING' });
  expect(await t.reporter!.flush()).toBe(charges.length);
  expect(meterEvents()).toHaveLength(charges.length);
  expect(await em.fork().count(UsageCharge, { userId })).toBe(charges.length);
  expect((await em.fork().findOneOrFail(CampaignUsage, { campaignId })).spentMicros).toBe(1_050_000);
  const rejected = t.fake.requests.filter((r) => r.path === '/v1/billing/meter_events');
  expect(rejected).toHaveLength(2 * charges.length);
  expect(new Set(rejected.map((r) => r.idempotencyKey))).toEqual(new Set(charges.map((c) => `startales:meter-event:${c.id}`)));

  // the month ends: Stripe aggregates the meter into one invoice line (350,000 micro-dollars → 35 cents)
  const invoice = t.fake.account.renewSubscription(customer.usageSubscriptionId!);
  t.fake.account.payInvoice(invoice.id);
  await t.deliverPending();
  const token = await t.token(userId);
  const view = await t.gql(
    `query ($u: _Any!) { _entities(representations: [$u]) { ... on User {
      invoices { edges { node { status totalCents lines { kind amountCents quantity } } } }
      usageCharges { totalCount totalOverageMicros pendingOverageMicros edges { node { overageMicros costMicros status campaign { id } } } } } } }`,
    { u: { __typename: 'User', id: userId } },
    token,
  );
  expect(view.errors).toBeUndefined();
  const user = view.data!._entities[0];
  // the metered subscription's $0 opening invoice, then the month's usage
  const usageInvoice = user.invoices.edges.map((e: any) => e.node).find((n: any) => n.totalCents > 0);
  expect(usageInvoice).toEqual({ status: 'PAID', totalCents: 35, lines: [{ kind: 'LLM_USAGE', amountCents: 35, quantity: 350_000 }] });
  expect(user.usageCharges).toMatchObject({ totalCount: charges.length, totalOverageMicros: 350_000, pendingOverageMicros: 0 });
  for (const { node } of user.usageCharges.edges) expect(node).toMatchObject({ status: 'REPORTED', campaign: { id: campaignId } });

  // finance: the campaign's LLM cost against what it earned
  const finance = await t.token(Bun.randomUUIDv7(), ['finance']);
  const day = new Date().toISOString().slice(0, 10);
  const margins = await t.gql(
    `query ($from: DateTime!, $to: DateTime!) { finance { campaignMargins(from: $from, to: $to, first: 50) { totalCount totals { llmCostMicros unattributedLlmCostMicros }
       edges { node { campaign { id } revenueCents usageChargedMicros llmCostMicros grossMarginBp } } } } }`,
    { from: `${day}T00:00:00Z`, to: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString() },
    finance,
  );
  expect(margins.errors).toBeUndefined();
  const row = margins.data!.finance.campaignMargins.edges.map((e: any) => e.node).find((n: any) => n.campaign.id === campaignId);
  // (350,000 − 1,050,000) ÷ 350,000
  expect(row).toEqual({ campaign: { id: campaignId }, revenueCents: 0, usageChargedMicros: 350_000, llmCostMicros: 1_050_000, grossMarginBp: -20_000 });
  expect(margins.data!.finance.campaignMargins.totals.unattributedLlmCostMicros).toBeGreaterThanOrEqual(40_000);
});

test('malformed usage events are recorded without effect and never block the stream', async () => {
  const bus = t.env.deps.bus;
  const userId = Bun.randomUUIDv7();
  const campaignId = Bun.randomUUIDv7();
  const bad = createEnvelope(LLM_USAGE_EVENT, { userId, campaignId, costMicros: -5 }, 'x');
  const fractional = createEnvelope(LLM_USAGE_EVENT, { userId, campaignId, costMicros: 1.5 }, 'x');
  const good = usageEvent({ userId, campaignId, costMicros: 900_000, tier: 'PREMIUM' });
  for (const e of [bad, fractional, good]) await bus.publish('llm.usage.openai', e);
  // an unknown campaign gets its tier's smallest allowance (PREMIUM, 4 weeks × 1 h = 5,300,000): no charge yet
  await eventually(async () => (await t.env.deps.orm.em.fork().findOne(CampaignUsage, { campaignId }))?.calls === 1, 'good event applied');
  expect(await t.env.deps.orm.em.fork().count(UsageCharge, { campaignId })).toBe(0);
});

test('Stripe down while reporting: charges stay pending and are reported (once) when it is back', async () => {
  const bus = t.env.deps.bus;
  const userId = Bun.randomUUIDv7();
  const campaignId = Bun.randomUUIDv7();
  const event = usageEvent({ userId, campaignId, costMicros: 5_400_000, tier: 'PREMIUM' });
  // stripe-node tries three times (two retries): all of them fail
  t.fake.fault({ method: 'POST', path: /^\/v1\/billing\/meter_events$/, kind: 'error500', times: 3 });
  await bus.publish('llm.usage.openai', event);
  await eventually(async () => (await t.env.deps.orm.em.fork().findOne(UsageCharge, { id: event.id }))?.attempts === 1, 'a failed report');
  const pending = await t.env.deps.orm.em.fork().findOneOrFail(UsageCharge, { id: event.id });
  // PREMIUM with no campaign facts: 500,000 + 1,200,000 × 4 × 1 = 5,300,000 included, 100,000 over
  expect(pending).toMatchObject({ status: 'PENDING', overageMicros: 100_000 });
  expect(pending.lastError).toBe('An unknown error occurred');
  await t.reporter!.flush();
  expect((await t.env.deps.orm.em.fork().findOneOrFail(UsageCharge, { id: event.id })).status).toBe('REPORTED');
  expect([...t.fake.account.meterEvents.values()].filter((m) => m.identifier === event.id)).toHaveLength(1);
});

test('finance revenue by day and plan, refunds, and seat revenue in margins', async () => {
  t.fake.account.setClock(Math.floor(Date.parse('2028-02-10T12:00:00Z') / 1000));
  const campaignId = await t.seedCampaign({ lengthWeeks: 4, playHoursPerWeek: 6, llmTier: 'PREMIUM', maxPlayers: 4 });
  const admin = await t.token(Bun.randomUUIDv7(), ['admin']);
  for (const userId of [Bun.randomUUIDv7(), Bun.randomUUIDv7()]) {
    const res = await t.gql(`mutation ($id: ID!) { checkoutSeat(campaignId: $id) { id } }`, { id: campaignId }, await t.token(userId));
    const checkout = await t.env.deps.orm.em.fork().findOneOrFail(Checkout, { id: res.data!.checkoutSeat.id });
    t.fake.account.completeCheckout(checkout.sessionId!);
  }
  await t.deliverPending();
  const payments = await t.env.deps.orm.em.fork().getConnection().execute(`select id from billing.payment where campaign_id = ?`, [campaignId]);
  t.fake.account.setClock(Math.floor(Date.parse('2028-02-11T09:00:00Z') / 1000));
  const refund = await t.gql(`mutation ($input: RefundInput!) { refundPayment(input: $input) { amountCents } }`, { input: { paymentId: payments[0]!.id, amountCents: 630 } }, admin);
  expect(refund.errors).toBeUndefined();
  await t.deliverPending();
  t.fake.account.setClock(null);

  const finance = await t.token(Bun.randomUUIDv7(), ['finance']);
  const range = { from: '2028-02-10T00:00:00Z', to: '2028-02-12T00:00:00Z' };
  const revenue = await t.gql(
    `query ($from: DateTime!, $to: DateTime!) { finance { revenue(from: $from, to: $to) { grossCents refundCents netCents days { day plan grossCents refundCents netCents } } } }`,
    range,
    finance,
  );
  expect(revenue.data!.finance.revenue).toEqual({
    grossCents: 3260,
    refundCents: 630,
    netCents: 2630,
    days: [
      { day: '2028-02-10', plan: 'SEAT', grossCents: 3260, refundCents: 0, netCents: 3260 },
      { day: '2028-02-11', plan: 'SEAT', grossCents: 0, refundCents: 630, netCents: -630 },
    ],
  });
  const refunds = await t.gql(
    `query ($from: DateTime!, $to: DateTime!) { finance { refunds(from: $from, to: $to, first: 1) { count totalCents edges { node { amountCents paymentId } } pageInfo { hasNextPage } } } }`,
    range,
    finance,
  );
  expect(refunds.data!.finance.refunds).toEqual({ count: 1, totalCents: 630, edges: [{ node: { amountCents: 630, paymentId: payments[0]!.id } }], pageInfo: { hasNextPage: false } });
  const margins = await t.gql(
    `query ($from: DateTime!, $to: DateTime!) { finance { campaignMargins(from: $from, to: $to) { edges { node { campaign { id } revenueCents llmCostMicros grossMarginBp } } } } }`,
    range,
    finance,
  );
  expect(margins.data!.finance.campaignMargins.edges.map((e: any) => e.node)).toEqual([{ campaign: { id: campaignId }, revenueCents: 2630, llmCostMicros: 0, grossMarginBp: 10_000 }]);
  expect((await t.gql(`{ finance { revenue(from: "2028-01-01T00:00:00Z", to: "2029-06-01T00:00:00Z") { netCents } } }`, {}, finance)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  expect((await t.gql(`{ finance { campaignMargins(from: "2028-01-01T00:00:00Z", to: "2028-02-01T00:00:00Z", first: 0) { totalCount } } }`, {}, finance)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  expect((await t.gql(`{ finance { campaignMargins(from: "2028-01-01T00:00:00Z", to: "2028-02-01T00:00:00Z", after: "garbage") { totalCount } } }`, {}, finance)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
});

test('GDPR: the export holds the user billing; erasure deletes the Stripe customer and keeps accounting records', async () => {
  const userId = Bun.randomUUIDv7();
  const campaignId = await t.seedCampaign();
  const res = await t.gql(`mutation ($id: ID!) { checkoutSeat(campaignId: $id) { id } }`, { id: campaignId }, await t.token(userId));
  const checkout = await t.env.deps.orm.em.fork().findOneOrFail(Checkout, { id: res.data!.checkoutSeat.id });
  t.fake.account.completeCheckout(checkout.sessionId!);
  await t.deliverPending();
  const gdpr = createBillingGdpr({ stripe: t.services.stripe, logger: t.env.deps.logger });
  const exported = await gdpr.exportUser(t.env.deps.orm.em.fork(), userId);
  expect(exported.stripeCustomerId).toStartWith('cus_');
  expect((exported.payments as any[])[0]).toMatchObject({ userId, amountCents: 2360, status: 'SUCCEEDED' });
  expect(exported.checkouts as any[]).toHaveLength(1);

  await t.env.deps.orm.em.fork().transactional((em) => gdpr.eraseUser(em, userId));
  // a redelivery of the erasure finds nothing left to do
  await t.env.deps.orm.em.fork().transactional((em) => gdpr.eraseUser(em, userId));
  expect(t.fake.account.objects.get(exported.stripeCustomerId as string)!.deleted).toBe(true);
  const after = await gdpr.exportUser(t.env.deps.orm.em.fork(), userId);
  expect(after).toMatchObject({ stripeCustomerId: null, checkouts: [] });
  expect((after.payments as any[])[0]).toMatchObject({ amountCents: 2360 });
});

test('every mutating Stripe call of this file carried a deterministic Idempotency-Key', () => {
  expectIdempotentPosts(t.fake, expect);
});
