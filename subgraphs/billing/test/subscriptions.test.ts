/** Plan subscriptions in process: checkout, proration previews and changes exact to the cent, renewals, churn and MRR. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createBillingTestEnv, expectIdempotentPosts, shuffled, type BillingTestEnv } from './support.ts';
import { Checkout } from '../src/modules/checkout/entities/checkout.entity.ts';
import { BillingSubscription } from '../src/modules/subscriptions/entities/subscription.entity.ts';
import { RevenueEntry } from '../src/modules/finance/entities/revenue-entry.entity.ts';

let t: BillingTestEnv;
beforeAll(async () => {
  t = await createBillingTestEnv();
});
afterAll(() => t?.cleanup());

const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const CHECKOUT = `mutation ($input: SubscriptionInput!) { checkoutSubscription(input: $input) { id kind amountCents priceBook url } }`;
const ME = `query ($u: _Any!) { _entities(representations: [$u]) { ... on User {
  subscription { id plan interval addOns status monthlyAmountCents cancelAtPeriodEnd priceBook currentPeriodStart currentPeriodEnd }
  invoices { totalCount edges { node { status totalCents amountPaidCents priceBook lines { kind code amountCents proration quantity } } } }
} } }`;
const PREVIEW = `query ($input: SubscriptionInput!, $at: DateTime) { subscriptionChangePreview(input: $input, prorationDate: $at) {
  prorationDate totalCents amountDueCents priceBook newAmountCents lines { description amountCents proration } } }`;
const CHANGE = `mutation ($input: SubscriptionInput!, $at: DateTime) { changeSubscription(input: $input, prorationDate: $at) { plan interval addOns status monthlyAmountCents } }`;

/** Subscribes a new user through Checkout at the fake's clock; delivers the events (optionally duplicated and shuffled). */
async function subscribe(input: Record<string, unknown>, clock: string, seed?: number) {
  t.fake.account.setClock(at(clock));
  const userId = Bun.randomUUIDv7();
  const token = await t.token(userId);
  const res = await t.gql(CHECKOUT, { input }, token);
  expect(res.errors).toBeUndefined();
  const checkout = await t.env.deps.orm.em.fork().findOneOrFail(Checkout, { id: res.data!.checkoutSubscription.id });
  t.fake.account.completeCheckout(checkout.sessionId!);
  const events = t.fake.takeEvents();
  const order = seed === undefined ? events : shuffled(events.flatMap((e, i) => Array.from({ length: 1 + ((i + seed) % 5) }, () => e)), seed);
  for (const e of order) expect((await t.deliver(e)).status).toBe(200);
  return { userId, token, checkout, res: res.data!.checkoutSubscription };
}
const me = async (userId: string, token: string) => (await t.gql(ME, { u: { __typename: 'User', id: userId } }, token)).data!._entities[0];

test('subscription checkout → webhooks (duplicated, shuffled) → active plan with its first invoice', async () => {
  const quote = await t.gql(`{ subscriptionQuote(input: { plan: HERO, interval: YEAR, addOns: [ADVANCED_AI, ADVANCED_AI] }) { amountCents monthlyEquivalentCents addOns priceBook } }`);
  expect(quote.data!.subscriptionQuote).toEqual({ amountCents: 19990 + 4990, monthlyEquivalentCents: 2082, addOns: ['ADVANCED_AI'], priceBook: '2026-11-seed' });

  const { userId, token, res } = await subscribe({ plan: 'HERO', interval: 'MONTH', addOns: ['ADVANCED_AI'] }, '2027-03-01T00:00:00Z', 7);
  expect(res).toMatchObject({ kind: 'SUBSCRIPTION', amountCents: 2498, priceBook: '2026-11-seed' });
  const view = await me(userId, token);
  expect(view.subscription).toMatchObject({
    plan: 'HERO',
    interval: 'MONTH',
    addOns: ['ADVANCED_AI'],
    status: 'ACTIVE',
    monthlyAmountCents: 2498,
    cancelAtPeriodEnd: false,
    priceBook: '2026-11-seed',
    currentPeriodStart: '2027-03-01T00:00:00.000Z',
    currentPeriodEnd: '2027-04-01T00:00:00.000Z',
  });
  expect(view.invoices.totalCount).toBe(1);
  expect(view.invoices.edges[0].node).toMatchObject({
    status: 'PAID',
    totalCents: 2498,
    amountPaidCents: 2498,
    priceBook: '2026-11-seed',
    lines: [
      { kind: 'PLAN', code: 'HERO', amountCents: 1999, proration: false, quantity: 1 },
      { kind: 'ADD_ON', code: 'ADVANCED_AI', amountCents: 499, proration: false, quantity: 1 },
    ],
  });
  // the prices were made once, with lookup keys naming the price book
  const prices = t.fake.account.all('price').filter((p) => p.lookup_key?.startsWith('2026-11-seed:'));
  expect(prices.map((p) => p.lookup_key).sort()).toEqual(['2026-11-seed:addon:ADVANCED_AI:MONTH', '2026-11-seed:plan:HERO:MONTH']);
  expect((await t.gql(CHECKOUT, { input: { plan: 'ADVENTURER', interval: 'MONTH' } }, token)).errors?.[0]?.extensions?.code).toBe('ALREADY_SUBSCRIBED');
  expect((await t.gql(CHECKOUT, { input: { plan: 'GOLD', interval: 'MONTH' } }, token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('upgrade and downgrade with proration: preview and invoice agree to the cent; the credit carries over', async () => {
  // January has 31 days: the period is 2027-01-01 → 2027-02-01
  const { userId, token } = await subscribe({ plan: 'ADVENTURER', interval: 'MONTH' }, '2027-01-01T00:00:00Z');
  t.fake.account.setClock(at('2027-01-11T00:00:00Z'));
  const upgrade = { plan: 'HERO', interval: 'MONTH', addOns: ['ADVANCED_AI'] };
  const preview = await t.gql(PREVIEW, { input: upgrade, at: '2027-01-11T00:00:00Z' }, token);
  expect(preview.errors).toBeUndefined();
  // 21 of 31 days remain: −999×21/31 = −676.74 → −677; 1999×21/31 = 1354.16 → 1354; 499×21/31 = 338.03 → 338
  expect(preview.data!.subscriptionChangePreview).toEqual({
    prorationDate: '2027-01-11T00:00:00.000Z',
    totalCents: 1015,
    amountDueCents: 1015,
    priceBook: '2026-11-seed',
    newAmountCents: 2498,
    lines: [
      { description: 'Unused time on Startales Adventurer after 2027-01-11', amountCents: -677, proration: true },
      { description: 'Remaining time on Startales Hero after 2027-01-11', amountCents: 1354, proration: true },
      { description: 'Remaining time on Advanced AI game masters after 2027-01-11', amountCents: 338, proration: true },
    ],
  });
  const changed = await t.gql(CHANGE, { input: upgrade, at: '2027-01-11T00:00:00Z' }, token);
  expect(changed.errors).toBeUndefined();
  expect(changed.data!.changeSubscription).toEqual({ plan: 'HERO', interval: 'MONTH', addOns: ['ADVANCED_AI'], status: 'ACTIVE', monthlyAmountCents: 2498 });
  const updatePosts = t.fake.requests.filter((r) => r.method === 'POST' && /^\/v1\/subscriptions\/sub_/.test(r.path));
  expect(updatePosts.at(-1)!.idempotencyKey).toMatch(/^startales:subscription-change:sub_\w+:HERO:MONTH:ADVANCED_AI:1799625600$/);
  // the change's webhooks arrive after the mutation already synced: nothing doubles
  await t.deliverPending();
  let view = await me(userId, token);
  const upgradeInvoice = view.invoices.edges[0].node;
  expect(upgradeInvoice).toMatchObject({ status: 'PAID', totalCents: 1015, amountPaidCents: 1015 });
  expect(upgradeInvoice.lines.map((l: any) => [l.kind, l.code, l.amountCents, l.proration])).toEqual([
    ['PLAN', 'ADVENTURER', -677, true],
    ['PLAN', 'HERO', 1354, true],
    ['ADD_ON', 'ADVANCED_AI', 338, true],
  ]);

  // downgrade on the 21st: 11 of 31 days remain; a net credit (−532) that the next invoice uses up
  t.fake.account.setClock(at('2027-01-21T00:00:00Z'));
  const downgrade = { plan: 'ADVENTURER', interval: 'MONTH', addOns: [] };
  const down = await t.gql(PREVIEW, { input: downgrade, at: '2027-01-21T00:00:00Z' }, token);
  expect(down.data!.subscriptionChangePreview.lines.map((l: any) => l.amountCents)).toEqual([-709, -177, 354]);
  expect(down.data!.subscriptionChangePreview).toMatchObject({ totalCents: -532, amountDueCents: 0 });
  expect((await t.gql(CHANGE, { input: downgrade, at: '2027-01-21T00:00:00Z' }, token)).errors).toBeUndefined();
  await t.deliverPending();
  const sub = await t.env.deps.orm.em.fork().findOneOrFail(BillingSubscription, { userId, kind: 'PLAN' });
  t.fake.account.setClock(at('2027-02-01T00:00:00Z'));
  t.fake.account.renewSubscription(sub.id);
  await t.deliverPending();
  view = await me(userId, token);
  expect(view.invoices.edges.map((e: any) => [e.node.totalCents, e.node.amountPaidCents])).toEqual([
    [999, 467],
    [-532, 0],
    [1015, 1015],
    [999, 999],
  ]);
  const ledger = await t.env.deps.orm.em.fork().find(RevenueEntry, { userId });
  expect(ledger.reduce((s, r) => s + r.amountCents, 0)).toBe(999 + 1015 - 532 + 999);

  // a change outside the period, or to nothing different, is rejected or a no-op
  expect((await t.gql(PREVIEW, { input: upgrade, at: '2026-01-01T00:00:00Z' }, token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'prorationDate' });
  expect((await t.gql(CHANGE, { input: downgrade }, token)).data!.changeSubscription.plan).toBe('ADVENTURER');
  expect((await t.gql(PREVIEW, { input: upgrade }, await t.token(Bun.randomUUIDv7()))).errors?.[0]?.extensions?.code).toBe('NO_SUBSCRIPTION');
  t.fake.account.setClock(null);
});

test('monthly → annual restarts the cycle: unused time credited, the year billed in full', async () => {
  const { userId, token } = await subscribe({ plan: 'ADVENTURER', interval: 'MONTH', addOns: ['PRIORITY_SCHEDULING'] }, '2027-01-01T00:00:00Z');
  t.fake.account.setClock(at('2027-01-11T00:00:00Z'));
  const annual = { plan: 'ADVENTURER', interval: 'YEAR', addOns: ['PRIORITY_SCHEDULING'] };
  const preview = (await t.gql(PREVIEW, { input: annual, at: '2027-01-11T00:00:00Z' }, token)).data!.subscriptionChangePreview;
  // −999×21/31 = −676.74 → −677; −299×21/31 = −202.55 → −203; then 9990 + 2990 for the year from 2027-01-11
  expect(preview.lines.map((l: any) => [l.amountCents, l.proration])).toEqual([
    [-677, true],
    [-203, true],
    [9990, false],
    [2990, false],
  ]);
  expect(preview.totalCents).toBe(12_100);
  const changed = await t.gql(CHANGE, { input: annual, at: '2027-01-11T00:00:00Z' }, token);
  expect(changed.data!.changeSubscription).toEqual({ plan: 'ADVENTURER', interval: 'YEAR', addOns: ['PRIORITY_SCHEDULING'], status: 'ACTIVE', monthlyAmountCents: 1082 });
  await t.deliverPending();
  const view = await me(userId, token);
  expect(view.subscription).toMatchObject({ currentPeriodStart: '2027-01-11T00:00:00.000Z', currentPeriodEnd: '2028-01-11T00:00:00.000Z' });
  expect(view.invoices.edges[0].node).toMatchObject({ totalCents: 12_100, amountPaidCents: 12_100, status: 'PAID' });
  t.fake.account.setClock(null);
});

test('finance: MRR and churn from subscription history; finance role only', async () => {
  const finance = await t.token(Bun.randomUUIDv7(), ['finance']);
  const CHURN = `query ($from: DateTime!, $to: DateTime!) { finance { churn(from: $from, to: $to) { activeAtStart lost rateBp } } }`;
  const window = { from: '2027-05-20T00:00:00Z', to: '2027-07-01T00:00:00Z' };
  // plans other tests of this file left active count too: measure them first
  const base = (await t.gql(CHURN, window, finance)).data!.finance.churn;
  // four plans from 2027-05-01; two cancel in June (one at period end through the API, one deleted in Stripe)
  const subs = [];
  for (const input of [
    { plan: 'ADVENTURER', interval: 'MONTH' },
    { plan: 'HERO', interval: 'MONTH', addOns: ['PRIORITY_SCHEDULING'] },
    { plan: 'HERO', interval: 'YEAR' },
    { plan: 'ADVENTURER', interval: 'YEAR' },
  ]) {
    subs.push(await subscribe(input, '2027-05-01T00:00:00Z'));
  }
  const [a, b] = subs;
  const cancel = await t.gql(`mutation { cancelSubscription { cancelAtPeriodEnd status } }`, {}, a!.token);
  expect(cancel.data!.cancelSubscription).toEqual({ cancelAtPeriodEnd: true, status: 'ACTIVE' });
  await t.deliverPending();
  const em = t.env.deps.orm.em.fork();
  const subA = await em.findOneOrFail(BillingSubscription, { userId: a!.userId, kind: 'PLAN' });
  t.fake.account.renewSubscription(subA.id); // period ends (2027-06-01): canceled
  const subB = await em.findOneOrFail(BillingSubscription, { userId: b!.userId, kind: 'PLAN' });
  t.fake.account.setClock(at('2027-06-15T00:00:00Z'));
  t.fake.account.cancelSubscription(subB.id);
  await t.deliverPending();
  t.fake.account.setClock(null);

  const MRR = `query ($at: DateTime) { finance { mrr(at: $at) { mrrCents activeSubscriptions byPlan { plan subscriptions mrrCents } } } }`;
  // May: 999 + (1999 + 299) + 19990/12 + 9990/12 = 999 + 2298 + 1666 (1665.83) + 833 (832.5 → 833)
  const may = await t.gql(MRR, { at: '2027-05-15T00:00:00Z' }, finance);
  expect(may.errors).toBeUndefined();
  const mayFigures = may.data!.finance.mrr;
  expect(mayFigures.activeSubscriptions).toBeGreaterThanOrEqual(4);
  const julyMrr = (await t.gql(MRR, { at: '2027-07-01T00:00:00Z' }, finance)).data!.finance.mrr;
  expect(mayFigures.mrrCents - julyMrr.mrrCents).toBe(999 + 2298);
  expect(mayFigures.activeSubscriptions - julyMrr.activeSubscriptions).toBe(2);
  const before = (await t.gql(MRR, { at: '2027-04-30T00:00:00Z' }, finance)).data!.finance.mrr;
  expect(mayFigures.mrrCents - before.mrrCents).toBe(999 + 2298 + 1666 + 833);

  const june = (await t.gql(CHURN, window, finance)).data!.finance.churn;
  expect(june.activeAtStart).toBe(base.activeAtStart + 4);
  expect(june.lost).toBe(base.lost + 2);
  expect(june.rateBp).toBe(Math.round((june.lost * 10_000) / june.activeAtStart));
  const july = (await t.gql(CHURN, { from: '2027-07-01T00:00:00Z', to: '2027-08-01T00:00:00Z' }, finance)).data!.finance.churn;
  expect(july.activeAtStart).toBe(june.activeAtStart - 2);
  expect(july.lost).toBe(0);

  const player = await t.token(Bun.randomUUIDv7());
  expect((await t.gql(MRR, {}, player)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await t.gql(MRR, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect((await t.gql(MRR, {}, await t.token(Bun.randomUUIDv7(), ['admin']))).errors).toBeUndefined();
  expect((await t.gql(CHURN, { from: '2027-07-01T00:00:00Z', to: '2027-06-01T00:00:00Z' }, finance)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect((await t.gql(CHURN, { from: 'yesterday', to: '2027-06-01T00:00:00Z' }, finance)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

  // another user's billing is private; finance may look
  expect((await t.gql(ME, { u: { __typename: 'User', id: b!.userId } }, a!.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await t.gql(ME, { u: { __typename: 'User', id: b!.userId } }, finance)).errors).toBeUndefined();
});

test('a failed renewal payment makes the subscription past due; the invoice shows it open', async () => {
  const { userId, token } = await subscribe({ plan: 'ADVENTURER', interval: 'MONTH' }, '2027-09-01T00:00:00Z');
  const sub = await t.env.deps.orm.em.fork().findOneOrFail(BillingSubscription, { userId, kind: 'PLAN' });
  t.fake.account.renewSubscription(sub.id, { decline: true });
  await t.deliverPending();
  const view = await me(userId, token);
  expect(view.subscription.status).toBe('PAST_DUE');
  expect(view.invoices.edges[0].node).toMatchObject({ status: 'OPEN', totalCents: 999, amountPaidCents: 0 });
  t.fake.account.setClock(null);
});

test('every mutating Stripe call of this file carried a deterministic Idempotency-Key', () => {
  expectIdempotentPosts(t.fake, expect);
});
