/** Billing's retention rules on fixtures, against the real PostgreSQL, with the runner's clock moved. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createRetentionFixture, daysBefore, type RetentionFixture } from '@startales/testing';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { retentionRules } from '../src/retention.ts';

const NOW = new Date('2030-06-01T00:00:00Z');
const YEAR = 365;
const ago = (days: number) => daysBefore(NOW, days);
let f: RetentionFixture;
const user = crypto.randomUUID();

beforeAll(async () => {
  f = await createRetentionFixture({ schema: 'billing', entities, migrations });
  const checkout = (label: string, status: string, days: number) =>
    f.insert('checkout', { id: f.id(label), user_id: user, kind: 'SEAT', purchase_key: label, price_book: 'b', amount_cents: 500, currency: 'usd', status, created_at: ago(days) });
  const payment = (label: string, days: number) =>
    f.insert('payment', { id: f.id(label), payment_intent_id: label, user_id: user, kind: 'SEAT', revenue_plan: 'SEAT', amount_cents: 500, currency: 'usd', status: 'SUCCEEDED', created_at: ago(days) });
  const refund = (label: string, paymentLabel: string, days: number) =>
    f.insert('refund', { id: label, payment_id: f.id(paymentLabel), user_id: user, amount_cents: 100, currency: 'usd', status: 'succeeded', created_at: ago(days) });
  const invoice = (label: string, days: number) =>
    f.insert('invoice', { id: label, user_id: user, status: 'paid', currency: 'usd', total_cents: 900, amount_paid_cents: 900, amount_due_cents: 0, period_start: ago(days + 30), period_end: ago(days), lines: '[]', created_at: ago(days) });
  const revenue = (label: string, days: number) =>
    f.insert('revenue_entry', { id: f.id(label), source_id: label, kind: 'PAYMENT', plan: 'SEAT', user_id: user, amount_cents: 500, currency: 'usd', occurred_at: ago(days) });
  const charge = (label: string, status: string, days: number) =>
    f.insert('usage_charge', { id: f.id(label), user_id: user, campaign_id: crypto.randomUUID(), call_id: label, cost_micros: 10, overage_micros: 5, price_book: 'b', status, occurred_at: ago(days) });
  const subscription = (label: string, endedDays: number | null) =>
    f.insert('subscription', { id: label, user_id: user, kind: 'PLAN', add_ons: '[]', status: endedDays === null ? 'active' : 'canceled', price_book: 'b', created_at: ago(9 * YEAR), synced_at: ago(1), ended_at: endedDays === null ? null : ago(endedDays) });

  await f.insert('processed_event', { consumer: 'pe-old', event_id: crypto.randomUUID(), processed_at: ago(100) });
  await f.insert('processed_event', { consumer: 'pe-new', event_id: crypto.randomUUID(), processed_at: ago(10) });
  await f.insert('stripe_event', { id: 'evt-old', type: 'invoice.paid', outcome: 'applied', received_at: ago(100) });
  await f.insert('stripe_event', { id: 'evt-new', type: 'invoice.paid', outcome: 'applied', received_at: ago(10) });
  await checkout('co-abandoned-old', 'EXPIRED', 100);
  await checkout('co-open-new', 'OPEN', 10);
  await checkout('co-complete-100d', 'COMPLETE', 100);
  await checkout('co-complete-8y', 'COMPLETE', 8 * YEAR);
  await invoice('in-8y', 8 * YEAR);
  await invoice('in-6y', 6 * YEAR);
  await payment('pay-8y', 8 * YEAR);
  await refund('re-8y', 'pay-8y', 8 * YEAR - 10);
  await payment('pay-8y-late-refund', 8 * YEAR);
  await refund('re-6y', 'pay-8y-late-refund', 6 * YEAR);
  await payment('pay-6y', 6 * YEAR);
  await revenue('rev-8y', 8 * YEAR);
  await revenue('rev-6y', 6 * YEAR);
  await charge('uc-reported-8y', 'REPORTED', 8 * YEAR);
  await charge('uc-pending-8y', 'PENDING', 8 * YEAR);
  await charge('uc-reported-6y', 'REPORTED', 6 * YEAR);
  await subscription('sub-ended-8y', 8 * YEAR);
  await subscription('sub-ended-6y', 6 * YEAR);
  await subscription('sub-active', null);
  for (const [label, days] of [['cu-8y', 8 * YEAR], ['cu-6y', 6 * YEAR]] as const) {
    await f.insert('campaign_usage', { campaign_id: f.id(label), spent_micros: 10, charged_micros: 0, calls: 1, updated_at: ago(days) });
    await f.insert('campaign_facts', { campaign_id: f.id(label), owner_id: user, llm_tier: 'STANDARD', length_weeks: 4, max_players: 4, updated_at: ago(days) });
    await f.insert('llm_cost_day', { campaign_key: label, day: ago(days).toISOString().slice(0, 10), cost_micros: 10, calls: 1 });
  }
}, 60_000);

afterAll(async () => {
  await f?.close();
});

test('accounting records stay 7 years (a payment with a later refund stays with it), logs and abandoned checkouts 90 days', async () => {
  const results = await f.run(retentionRules, { now: NOW });
  expect(results.filter((r) => r.error)).toEqual([]);
  expect(await f.remaining('processed_event', 'consumer')).toEqual(['pe-new']);
  expect(await f.remaining('stripe_event', 'id')).toEqual(['evt-new']);
  expect(await f.remaining('checkout', 'id')).toEqual(['co-complete-100d', 'co-open-new']);
  expect(await f.remaining('invoice', 'id')).toEqual(['in-6y']);
  expect(await f.remaining('payment', 'id')).toEqual(['pay-6y', 'pay-8y-late-refund']);
  expect(await f.remaining('refund', 'id')).toEqual(['re-6y']);
  expect(await f.remaining('revenue_entry', 'id')).toEqual(['rev-6y']);
  expect(await f.remaining('usage_charge', 'id')).toEqual(['uc-pending-8y', 'uc-reported-6y']);
  expect(await f.remaining('subscription', 'id')).toEqual(['sub-active', 'sub-ended-6y']);
  expect(await f.remaining('campaign_usage', 'campaign_id')).toEqual(['cu-6y']);
  expect(await f.remaining('campaign_facts', 'campaign_id')).toEqual(['cu-6y']);
  expect(await f.remaining('llm_cost_day', 'campaign_key')).toEqual(['cu-6y']);
  expect(results.find((r) => r.rule === 'payments')!.affected).toBe(2);
  // the same instant again: nothing left to do
  expect((await f.run(retentionRules, { now: NOW })).every((r) => r.affected === 0)).toBe(true);
});

test('with the clock two years on, the 6-year-old records and the late refund go; a pending charge and a live subscription never do', async () => {
  await f.run(retentionRules, { now: new Date(NOW.getTime() + 2 * YEAR * 86_400_000) });
  expect(await f.remaining('invoice', 'id')).toEqual([]);
  expect(await f.remaining('payment', 'id')).toEqual([]);
  expect(await f.remaining('refund', 'id')).toEqual([]);
  expect(await f.remaining('usage_charge', 'id')).toEqual(['uc-pending-8y']);
  expect(await f.remaining('subscription', 'id')).toEqual(['sub-active']);
  // a completed checkout is an accounting record: 100 days + 2 years is still well within 7 years
  expect(await f.remaining('checkout', 'id')).toEqual(['co-complete-100d']);
});

test('configured limits move the cutoffs (RETENTION_LOG_DAYS, RETENTION_USER_DAYS)', async () => {
  await f.insert('stripe_event', { id: 'evt-40d', type: 'x', outcome: 'applied', received_at: ago(40) });
  await f.insert('stripe_event', { id: 'evt-20d', type: 'x', outcome: 'applied', received_at: ago(20) });
  await f.insert('invoice', { id: 'in-2y', user_id: user, status: 'paid', currency: 'usd', total_cents: 1, amount_paid_cents: 1, amount_due_cents: 0, period_start: ago(800), period_end: ago(2 * YEAR), lines: '[]', created_at: ago(2 * YEAR) });
  await f.run(retentionRules, { now: NOW, policy: { logDays: 60, userDays: 3 * YEAR } });
  expect(await f.remaining('stripe_event', 'id')).toEqual(['evt-20d', 'evt-40d']);
  expect(await f.remaining('invoice', 'id')).toEqual(['in-2y']);
  await f.run(retentionRules, { now: NOW, policy: { logDays: 30, userDays: YEAR } });
  expect(await f.remaining('stripe_event', 'id')).toEqual(['evt-20d']);
  expect(await f.remaining('invoice', 'id')).toEqual([]);
});
