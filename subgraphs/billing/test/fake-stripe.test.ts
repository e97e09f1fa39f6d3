/** The fake Stripe API through the official client: wire format, error classes and Idempotency-Key semantics. */
import { afterAll, expect, test } from 'bun:test';
import Stripe from 'stripe';
import { createStripeClient } from '../src/modules/stripe/client.ts';
import { startFakeStripe } from './fakes/stripe/server.ts';
import { signPayload } from './fakes/stripe/signing.ts';

const fake = startFakeStripe();
const stripe = createStripeClient({ secretKey: fake.secretKey, host: fake.host, port: fake.port, protocol: 'http', maxNetworkRetries: 0 });
afterAll(() => fake.stop());

test('an Idempotency-Key replays the first answer; reused with other parameters it is an idempotency_error', async () => {
  const a = await stripe.customers.create({ metadata: { userId: 'u1' } }, { idempotencyKey: 'k-1' });
  const b = await stripe.customers.create({ metadata: { userId: 'u1' } }, { idempotencyKey: 'k-1' });
  expect(b.id).toBe(a.id);
  expect(fake.requests.filter((r) => r.idempotencyKey === 'k-1').map((r) => r.replayed)).toEqual([false, true]);
  expect(fake.account.all('customer')).toHaveLength(1);
  const error = await stripe.customers.create({ metadata: { userId: 'u2' } }, { idempotencyKey: 'k-1' }).catch((e) => e);
  expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  expect(error.statusCode).toBe(400);
});

test('errors arrive as stripe-node error classes with Stripe codes and params', async () => {
  const missing = await stripe.subscriptions.retrieve('sub_nope').catch((e) => e);
  expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(missing).toMatchObject({ code: 'resource_missing', param: 'id', statusCode: 404, message: "No such subscription: 'sub_nope'" });
  expect(missing.requestId).toStartWith('req_');
  const badKey = createStripeClient({ secretKey: 'sk_test_wrong', host: fake.host, port: fake.port, protocol: 'http', maxNetworkRetries: 0 });
  expect(await badKey.customers.create({}).catch((e) => e)).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  const unknownRoute = await stripe.rawRequest('GET', '/v1/nothing_here').catch((e) => e);
  expect(unknownRoute.message).toContain('Unrecognized request URL');
});

test('meter events: an identifier is accepted once; refunds cannot exceed the charge', async () => {
  const customer = await stripe.customers.create({});
  const meter = await stripe.billing.meters.create({ display_name: 'x', event_name: 'x_events', default_aggregation: { formula: 'sum' } });
  expect(meter.status).toBe('active');
  await stripe.billing.meterEvents.create({ event_name: 'x_events', identifier: 'id-1', payload: { stripe_customer_id: customer.id, value: '5' } });
  const dup = await stripe.billing.meterEvents.create({ event_name: 'x_events', identifier: 'id-1', payload: { stripe_customer_id: customer.id, value: '5' } }).catch((e) => e);
  expect(dup).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(dup.message).toBe('An event already exists with identifier id-1.');
  const pi = fake.account.pay({ amount: 1000, currency: 'usd', customer: customer.id });
  await stripe.refunds.create({ payment_intent: pi.id, amount: 600 });
  const over = await stripe.refunds.create({ payment_intent: pi.id, amount: 401 }).catch((e) => e);
  expect(over).toMatchObject({ code: 'amount_too_large', param: 'amount' });
  expect((await stripe.refunds.list({ payment_intent: pi.id })).data.map((r) => r.amount)).toEqual([600]);
});

test('webhook signatures from generateTestHeaderString verify with stripe-node', async () => {
  const payload = JSON.stringify({ id: 'evt_x', object: 'event', type: 'ping', data: { object: { id: 'x' } } });
  const header = signPayload(payload, fake.webhookSecret);
  expect((await stripe.webhooks.constructEventAsync(payload, header, fake.webhookSecret)).id).toBe('evt_x');
  await expect(stripe.webhooks.constructEventAsync(payload, signPayload(payload, fake.webhookSecret, Math.floor(Date.now() / 1000) - 301), fake.webhookSecret)).rejects.toThrow(/tolerance/);
});
