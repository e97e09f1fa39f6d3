/** Seat checkout end to end in process: Checkout Session → signed webhooks → seat paid, refunds, disputes. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { eventually } from '@startales/testing';
import { DomainEvent, type CampaignCancelledData, type SeatRefundRequestedData } from '@startales/contracts';
import { createEnvelope } from '@startales/kit';
import { startCampaignRefundsConsumer } from '../src/consumers/campaign-refunds.consumer.ts';
import { createBillingTestEnv, expectIdempotentPosts, domainEvents, shuffled, type BillingTestEnv } from './support.ts';
import { Payment } from '../src/modules/payments/entities/payment.entity.ts';
import { RevenueEntry } from '../src/modules/finance/entities/revenue-entry.entity.ts';
import { StripeEvent } from '../src/modules/webhooks/entities/stripe-event.entity.ts';
import { Checkout } from '../src/modules/checkout/entities/checkout.entity.ts';

let t: BillingTestEnv;

beforeAll(async () => {
  // a short client timeout so the simulated slow answer below is a timeout
  t = await createBillingTestEnv({ stripeTimeoutMs: 800 });
});
afterAll(() => t?.cleanup());

const CHECKOUT_SEAT = `mutation ($id: ID!) { checkoutSeat(campaignId: $id) { id kind url amountCents currency priceBook campaign { id } } }`;
const PAYMENTS = `query ($u: _Any!) { _entities(representations: [$u]) { ... on User { payments { totalCount edges { node { id kind status amountCents refundedCents currency priceBook disputeStatus campaign { id } refunds { amountCents status } } } } } } }`;
const userRef = (id: string) => ({ __typename: 'User', id });

async function paidSeat(userId: string, campaignId?: string) {
  const campaign = campaignId ?? (await t.seedCampaign());
  const token = await t.token(userId);
  const res = await t.gql(CHECKOUT_SEAT, { id: campaign }, token);
  expect(res.errors).toBeUndefined();
  const em = t.env.deps.orm.em.fork();
  const checkout = await em.findOneOrFail(Checkout, { id: res.data!.checkoutSeat.id });
  t.fake.account.completeCheckout(checkout.sessionId!);
  return { campaign, token, checkout, events: t.fake.takeEvents() };
}

describe('seat checkout', () => {
  test('checkout → webhook → seat paid (priced from the price book, published once)', async () => {
    const userId = Bun.randomUUIDv7();
    const campaignId = await t.seedCampaign({ lengthWeeks: 12, playHoursPerWeek: 3, llmTier: 'PREMIUM', maxPlayers: 6 });
    const token = await t.token(userId);
    const first = await t.gql(CHECKOUT_SEAT, { id: campaignId }, token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.checkoutSeat).toMatchObject({ kind: 'SEAT', amountCents: 2360, currency: 'USD', priceBook: '2026-11-seed', campaign: { id: campaignId } });
    expect(first.data!.checkoutSeat.url).toStartWith(t.fake.url);

    // a double click gets the same session: one customer, one session at Stripe
    const again = await t.gql(CHECKOUT_SEAT, { id: campaignId }, token);
    expect(again.data!.checkoutSeat.url).toBe(first.data!.checkoutSeat.url);
    const posts = t.fake.requests.filter((r) => r.method === 'POST');
    expect(posts.filter((r) => r.path === '/v1/customers').map((r) => r.idempotencyKey)).toEqual([`startales:customer:${userId}`]);
    const sessions = posts.filter((r) => r.path === '/v1/checkout/sessions');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.idempotencyKey).toBe(`startales:checkout:${first.data!.checkoutSeat.id}`);
    expect(sessions[0]!.params.line_items).toEqual([{ quantity: '1', price_data: expect.objectContaining({ currency: 'usd', unit_amount: '2360' }) }]);

    const session = t.fake.account.all('checkout.session').find((s) => s.url === first.data!.checkoutSeat.url)!;
    t.fake.account.completeCheckout(session.id);
    const events = t.fake.takeEvents();
    expect(events.map((e) => e.type)).toContain('checkout.session.completed');
    for (const e of events) expect((await t.deliver(e)).status).toBe(200);

    const payments = await t.gql(PAYMENTS, { u: userRef(userId) }, token);
    expect(payments.errors).toBeUndefined();
    expect(payments.data!._entities[0].payments.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ kind: 'SEAT', status: 'SUCCEEDED', amountCents: 2360, refundedCents: 0, currency: 'USD', priceBook: '2026-11-seed', campaign: { id: campaignId }, refunds: [] }),
    ]);
    await t.env.deps.outbox.kick();
    const seatPaid = await eventually(async () => {
      const all = (await domainEvents(t.env, 'billing.seat_paid')).filter((e) => e.data.userId === userId);
      return all.length ? all : null;
    }, 'billing.seat_paid');
    expect(seatPaid).toHaveLength(1);
    expect(seatPaid[0]!.data).toMatchObject({ userId, campaignId, amountCents: 2360, currency: 'USD', priceBook: '2026-11-seed' });

    const paid = await t.gql(CHECKOUT_SEAT, { id: campaignId }, token);
    expect(paid.errors?.[0]?.extensions?.code).toBe('ALREADY_PAID');
  });

  test('bad input is a typed error: unknown campaign, unpriced campaign, malformed id, anonymous', async () => {
    const token = await t.token(Bun.randomUUIDv7());
    expect((await t.gql(CHECKOUT_SEAT, { id: Bun.randomUUIDv7() }, token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(CHECKOUT_SEAT, { id: 'nope' }, token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'campaignId' });
    const unpriced = await t.seedCampaign({ playHoursPerWeek: null });
    expect((await t.gql(CHECKOUT_SEAT, { id: unpriced }, token)).errors?.[0]?.extensions?.code).toBe('PRICE_UNAVAILABLE');
    expect((await t.gql(CHECKOUT_SEAT, { id: unpriced })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a retry after a timeout creates one session (same Idempotency-Key, replayed)', async () => {
    const token = await t.token(Bun.randomUUIDv7());
    const campaignId = await t.seedCampaign();
    const before = t.fake.account.all('checkout.session').length;
    // Stripe does the work but answers after the client gave up: stripe-node retries with the same key
    t.fake.fault({ method: 'POST', path: /^\/v1\/checkout\/sessions$/, kind: 'delay', ms: 1500 });
    const res = await t.gql(CHECKOUT_SEAT, { id: campaignId }, token);
    expect(res.errors).toBeUndefined();
    expect(t.fake.account.all('checkout.session').length).toBe(before + 1);
    const attempts = t.fake.requests.filter((r) => r.path === '/v1/checkout/sessions' && r.idempotencyKey === `startales:checkout:${res.data!.checkoutSeat.id}`);
    expect(attempts.length).toBe(2);
    expect(attempts.map((a) => a.replayed)).toEqual([false, true]);

    // Stripe down for every attempt: a typed error; the player's retry re-sends the same key and gets one session
    const other = await t.seedCampaign();
    t.fake.fault({ method: 'POST', path: /^\/v1\/checkout\/sessions$/, kind: 'error500', times: 3 });
    const failed = await t.gql(CHECKOUT_SEAT, { id: other }, token);
    expect(failed.errors?.[0]?.extensions?.code).toBe('PAYMENTS_UNAVAILABLE');
    const retried = await t.gql(CHECKOUT_SEAT, { id: other }, token);
    expect(retried.errors).toBeUndefined();
    const keys = t.fake.requests.filter((r) => r.path === '/v1/checkout/sessions').slice(-4).map((r) => r.idempotencyKey);
    expect(new Set(keys)).toEqual(new Set([`startales:checkout:${retried.data!.checkoutSeat.id}`]));
    expect(t.fake.account.all('checkout.session').length).toBe(before + 2);
  });
});

test('a Customer Portal session for the caller (its customer, the web app as return URL, one per minute)', async () => {
  const userId = Bun.randomUUIDv7();
  const token = await t.token(userId);
  const PORTAL = `mutation { createBillingPortalSession { url returnUrl } }`;
  const a = await t.gql(PORTAL, {}, token);
  expect(a.errors).toBeUndefined();
  const { url, returnUrl } = a.data!.createBillingPortalSession;
  expect(url).toContain('/p/session/bps_');
  expect(returnUrl).toBe('http://web.test/billing');
  const b = await t.gql(PORTAL, {}, token);
  expect(b.data!.createBillingPortalSession.url).toBe(url);
  const posts = t.fake.requests.filter((r) => r.path === '/v1/billing_portal/sessions');
  expect(posts.at(-1)!.idempotencyKey).toMatch(new RegExp(`^startales:portal:${userId}:\\d+$`));
  expect((await t.gql(PORTAL)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

describe('webhooks', () => {
  test('bad signature, tampered body, stale timestamp and no header are rejected with 400 and change nothing', async () => {
    const { events } = await paidSeat(Bun.randomUUIDv7());
    const completed = events.find((e) => e.type === 'checkout.session.completed')!;
    const em = () => t.env.deps.orm.em.fork();
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      await t.deliver(completed, { secret: 'whsec_wrong' }),
      await t.deliver(completed, { timestamp: now - 301 }),
      await t.deliver({ ...completed, id: 'evt_forged' }, { signature: t.fake.signEvent(completed).signature }),
      await t.deliver(completed, { signature: '' }),
      await t.deliver(completed, { signature: 't=abc,v1=zz' }),
    ];
    for (const res of cases) {
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.code).toBe('INVALID_SIGNATURE');
    }
    expect(await em().count(StripeEvent, { id: { $in: [completed.id, 'evt_forged'] } })).toBe(0);
    expect(await em().count(Payment, { paymentIntentId: completed.data.object.payment_intent })).toBe(0);

    // within the 300 s tolerance it is accepted and applied
    const ok = await t.deliver(completed, { timestamp: now - 290 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ received: true, applied: true });
    expect(await em().count(Payment, { paymentIntentId: completed.data.object.payment_intent, status: 'SUCCEEDED' })).toBe(1);
  });

  test('unknown event types are acknowledged and ignored; a non-JSON body is a 400', async () => {
    const event = { id: 'evt_unknown_1', object: 'event', type: 'climate.order.delayed', data: { object: { id: 'climorder_1', object: 'climate.order' } }, created: 1, livemode: false };
    const res = await t.deliver(event);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true, ignored: true });
    const raw = await t.app.handle(
      new Request('http://billing.test/webhooks/stripe', { method: 'POST', body: 'not json', headers: { 'stripe-signature': 'x' } }),
    );
    expect(raw.status).toBe(400);
  });

  test('every event delivered 1–5 times in shuffled order ends in the same state, applied once', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const userId = Bun.randomUUIDv7();
      const campaignId = await t.seedCampaign({ lengthWeeks: 4, playHoursPerWeek: 2, llmTier: 'STANDARD', maxPlayers: 4 });
      const { checkout, events } = await paidSeat(userId, campaignId);
      const session = t.fake.account.get(checkout.sessionId!, 'session');
      // then a partial refund in the dashboard and a dispute on the rest, which is lost
      t.fake.account.createRefund({ payment_intent: session.payment_intent, amount: 300 });
      const dispute = t.fake.account.createDispute(session.payment_intent);
      t.fake.account.closeDispute(dispute.id, 'lost');
      const all = [...events, ...t.fake.takeEvents()];
      const copies = all.flatMap((e, i) => Array.from({ length: 1 + ((seed * 7 + i * 3) % 5) }, () => e));
      const order = shuffled(copies, seed);
      const results = await Promise.all(order.slice(0, 6).map((e) => t.deliver(e)));
      for (const e of order.slice(6)) results.push(await t.deliver(e));
      expect(results.every((r) => r.status === 200)).toBe(true);

      const em = t.env.deps.orm.em.fork();
      const payment = await em.findOneOrFail(Payment, { userId });
      expect(payment).toMatchObject({ status: 'SUCCEEDED', amountCents: 1010, refundedCents: 300, disputeStatus: 'lost', campaignId });
      const ledger = await em.find(RevenueEntry, { userId }, { orderBy: { amountCents: 'desc' } });
      expect(ledger.map((r) => [r.kind, r.amountCents])).toEqual([
        ['PAYMENT', 1010],
        ['REFUND', -300],
        ['DISPUTE_LOST', -710],
      ]);
      const handled = new Set(all.filter((e) => !['customer.created', 'payment_intent.created', 'charge.succeeded'].includes(e.type)).map((e) => e.id));
      expect(await em.count(StripeEvent, { id: { $in: [...handled] } })).toBe(handled.size);
      await t.env.deps.outbox.kick();
      await eventually(async () => (await domainEvents(t.env, 'billing.seat_refunded')).some((e) => e.data.userId === userId), 'seat_refunded');
      expect((await domainEvents(t.env, 'billing.seat_paid')).filter((e) => e.data.userId === userId)).toHaveLength(1);
      expect((await domainEvents(t.env, 'billing.seat_refunded')).filter((e) => e.data.userId === userId).map((e) => e.data.reason)).toEqual(['dispute_lost']);
      const facts = (await domainEvents(t.env, 'billing.revenue_recorded')).filter((e) => e.data.userId === userId);
      expect(facts.map((e) => [e.data.kind, e.data.amountCents]).sort()).toEqual([['DISPUTE_LOST', -710], ['PAYMENT', 1010], ['REFUND', -300]]);
    }
  });

  test('a declined card leaves the seat unpaid; the failure is shown', async () => {
    const userId = Bun.randomUUIDv7();
    const campaignId = await t.seedCampaign();
    const token = await t.token(userId);
    const res = await t.gql(CHECKOUT_SEAT, { id: campaignId }, token);
    const checkout = await t.env.deps.orm.em.fork().findOneOrFail(Checkout, { id: res.data!.checkoutSeat.id });
    t.fake.account.completeCheckout(checkout.sessionId!, { decline: true });
    await t.deliverPending();
    const payments = await t.gql(PAYMENTS, { u: userRef(userId) }, token);
    expect(payments.data!._entities[0].payments.edges[0].node).toMatchObject({ status: 'FAILED', amountCents: 2360 });
    expect((await t.gql(CHECKOUT_SEAT, { id: campaignId }, token)).errors).toBeUndefined();
  });
});

describe('refunds (admins)', () => {
  const REFUND = `mutation ($input: RefundInput!) { refundPayment(input: $input) { id amountCents status reason } }`;

  test('partial then full refunds are exact to the cent, never beyond the payment, and release the seat once', async () => {
    const userId = Bun.randomUUIDv7();
    const { events } = await paidSeat(userId);
    for (const e of events) await t.deliver(e);
    const payment = await t.env.deps.orm.em.fork().findOneOrFail(Payment, { userId });
    const admin = await t.token(Bun.randomUUIDv7(), ['admin']);
    const player = await t.token(userId);

    expect((await t.gql(REFUND, { input: { paymentId: payment.id, amountCents: 100 } }, player)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(REFUND, { input: { paymentId: payment.id, amountCents: -5 } }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountCents' });
    expect((await t.gql(REFUND, { input: { paymentId: Bun.randomUUIDv7() } }, admin)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(REFUND, { input: { paymentId: payment.id, amountCents: 2361 } }, admin)).errors?.[0]?.extensions).toMatchObject({
      code: 'REFUND_EXCEEDS_PAYMENT',
      remainingCents: 2360,
    });

    const partial = await t.gql(REFUND, { input: { paymentId: payment.id, amountCents: 1234, reason: 'REQUESTED_BY_CUSTOMER' } }, admin);
    expect(partial.errors).toBeUndefined();
    expect(partial.data!.refundPayment).toMatchObject({ amountCents: 1234, status: 'succeeded', reason: 'requested_by_customer' });
    const rest = await t.gql(REFUND, { input: { paymentId: payment.id } }, admin);
    expect(rest.data!.refundPayment.amountCents).toBe(1126);
    expect((await t.gql(REFUND, { input: { paymentId: payment.id, amountCents: 1 } }, admin)).errors?.[0]?.extensions).toMatchObject({
      code: 'REFUND_EXCEEDS_PAYMENT',
      remainingCents: 0,
    });
    // Stripe's own refund webhooks arrive afterwards: nothing is counted twice
    for (const e of t.fake.takeEvents()) expect((await t.deliver(e)).status).toBe(200);

    const view = await t.gql(PAYMENTS, { u: userRef(userId) }, player);
    const node = view.data!._entities[0].payments.edges[0].node;
    expect(node.refundedCents).toBe(2360);
    expect(node.refunds.map((r: any) => `${r.amountCents} ${r.status}`).sort()).toEqual(['1126 succeeded', '1234 succeeded']);
    const ledger = await t.env.deps.orm.em.fork().find(RevenueEntry, { userId }, { orderBy: { occurredAt: 'asc', amountCents: 'desc' } });
    expect(ledger.map((r) => r.amountCents).sort((a, b) => b - a)).toEqual([2360, -1126, -1234]);
    const keys = t.fake.requests.filter((r) => r.path === '/v1/refunds' && r.method === 'POST').map((r) => r.idempotencyKey);
    expect(keys).toEqual([`startales:refund:${payment.id}:0:1234`, `startales:refund:${payment.id}:1234:1126`]);
    await t.env.deps.outbox.kick();
    await eventually(async () => (await domainEvents(t.env, 'billing.seat_refunded')).some((e) => e.data.userId === userId), 'seat_refunded');
    expect((await domainEvents(t.env, 'billing.seat_refunded')).filter((e) => e.data.userId === userId).map((e) => e.data.refundedCents)).toEqual([2360]);
  });
});

describe('refunds campaigns asks for', () => {
  test('a cancelled campaign refunds its paid seats, a refund request refunds a seat; redeliveries refund nothing more', async () => {
    const consumer = await startCampaignRefundsConsumer({ ...t.env.deps, stripe: t.services.stripe, sync: t.services.sync });
    try {
      const campaignId = await t.seedCampaign();
      const [ann, bob] = [Bun.randomUUIDv7(), Bun.randomUUIDv7()];
      for (const userId of [ann, bob]) for (const e of (await paidSeat(userId, campaignId)).events) await t.deliver(e);
      const em = () => t.env.deps.orm.em.fork();
      const annPayment = await em().findOneOrFail(Payment, { userId: ann });
      const cancelled = createEnvelope<CampaignCancelledData>(
        DomainEvent.CAMPAIGN_CANCELLED,
        {
          campaignId,
          ownerId: Bun.randomUUIDv7(),
          from: 'REGISTRATION',
          reason: 'owner cancelled',
          cancelledAt: new Date().toISOString(),
          // ann by payment id; bob as campaigns may know him (no payment id)
          paidRegistrations: [
            { registrationId: Bun.randomUUIDv7(), userId: ann, paymentId: annPayment.id, paidAt: new Date().toISOString() },
            { registrationId: Bun.randomUUIDv7(), userId: bob, paymentId: null, paidAt: new Date().toISOString() },
          ],
        },
        'service:campaigns',
      );
      await t.env.deps.bus.publish(`domain.${DomainEvent.CAMPAIGN_CANCELLED}`, cancelled);
      await eventually(async () => (await em().count(Payment, { campaignId, refundedCents: 2360 })) === 2, 'both seats refunded');
      // a late refund request for the same seat, and the cancellation again under a new id: nothing left to refund
      await t.env.deps.bus.publish(
        `domain.${DomainEvent.CAMPAIGN_SEAT_REFUND_REQUESTED}`,
        createEnvelope<SeatRefundRequestedData>(DomainEvent.CAMPAIGN_SEAT_REFUND_REQUESTED, { campaignId, userId: ann, paymentId: annPayment.id, reason: 'campaign_cancelled' }, 'service:campaigns'),
      );
      await t.env.deps.bus.publish(`domain.${DomainEvent.CAMPAIGN_CANCELLED}`, { ...cancelled, id: Bun.randomUUIDv7() });
      await eventually(async () => consumer.applied >= 3, 'the repeats handled');
      const byPayment = new Map<string, number[]>();
      for (const r of t.fake.account.all('refund').filter((r) => r.metadata.campaignReason)) byPayment.set(r.metadata.paymentId, [...(byPayment.get(r.metadata.paymentId) ?? []), r.amount]);
      expect([...byPayment.values()]).toEqual([[2360], [2360]]);
      await t.env.deps.outbox.kick();
      await eventually(async () => (await domainEvents(t.env, 'billing.seat_refunded')).filter((e) => e.data.campaignId === campaignId).length === 2, 'seat_refunded ×2');
      // every booked ledger fact was published once for analytics
      const facts = (await domainEvents(t.env, 'billing.revenue_recorded')).filter((e) => e.data.campaignId === campaignId);
      expect(facts.map((e) => e.data.amountCents).sort((a: number, b: number) => a - b)).toEqual([-2360, -2360, 2360, 2360]);
    } finally {
      await consumer.stop();
    }
  });
});

describe('without Stripe', () => {
  test('quotes work; Stripe features answer PAYMENTS_UNAVAILABLE; webhooks 503', async () => {
    const bare = await createBillingTestEnv({ stripe: false, webhooks: false });
    try {
      const token = await bare.token(Bun.randomUUIDv7());
      const quote = await bare.gql(`{ quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: PREMIUM, players: 6 }) { perPlayerCents priceBook } }`);
      expect(quote.data!.quote).toEqual({ perPlayerCents: 2360, priceBook: '2026-11-seed' });
      const campaignId = await bare.seedCampaign();
      expect((await bare.gql(CHECKOUT_SEAT, { id: campaignId }, token)).errors?.[0]?.extensions?.code).toBe('PAYMENTS_UNAVAILABLE');
      expect((await bare.gql(`mutation { createBillingPortalSession { url } }`, {}, token)).errors?.[0]?.extensions?.code).toBe('PAYMENTS_UNAVAILABLE');
      const res = await bare.deliver({ id: 'evt_1', object: 'event', type: 'invoice.paid', data: { object: { id: 'in_1' } } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as any).error.code).toBe('PAYMENTS_UNAVAILABLE');
    } finally {
      await bare.cleanup();
    }
  });
});

test('every mutating Stripe call of this file carried a deterministic Idempotency-Key', () => {
  expectIdempotentPosts(t.fake, expect);
});
