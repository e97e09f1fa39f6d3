/**
 * The web app end to end in a real browser: Debian's Chromium (playwright-core) against the web server, the gateway
 * and every subgraph as real processes, billing's stripe-node pointed at the fake Stripe, LLM usage published on the
 * USAGE stream the way llm-router publishes it. Screenshots of the main screens go to web/test/screenshots/.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { LLM_USAGE_EVENT, type LlmUsageData } from '@startales/contracts';
import { connectBus, createEnvelope, createLogger, type Bus } from '@startales/kit';
import { startStack, gql, eventually, freePort, REPO_ROOT, TEST_NATS_URL, type Stack } from '@startales/testing';
import { startFakeStripe, type FakeStripe } from '../../subgraphs/billing/test/fakes/stripe/server.ts';
import { launchBrowser, screenshot, startWebServer, totp, type Browser, type BrowserContext, type Page, type WebServer } from '../../web/test/browser.ts';

let stack: Stack;
let web: WebServer;
let browser: Browser;
let fake: FakeStripe;
let bus: Bus;
let api: string;
const dataDir = mkdtempSync(join(tmpdir(), 'startales-web-'));
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  // fail fast, with the reason, before starting anything else
  browser = await launchBrowser();
  fake = startFakeStripe();
  const port = await freePort();
  const webUrl = `http://127.0.0.1:${port}`;
  const [s] = await Promise.all([
    startStack({
      env: { STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_URL: fake.url, STRIPE_TIMEOUT_MS: '2000', WEB_APP_URL: webUrl, OAUTH_REDIRECT_ORIGINS: webUrl },
    }),
  ]);
  stack = s;
  api = stack.gatewayUrl;
  web = await startWebServer({ PORT: String(port), GATEWAY_URL: api, GAMEHOST_URL: 'http://127.0.0.1:1', WEB_DATA_DIR: dataDir, WEB_PUBLIC_URL: webUrl });
  bus = await connectBus({ url: TEST_NATS_URL, ns: stack.ns, name: 'web-e2e', logger: createLogger({ service: 'web-e2e', level: 'silent' }) });
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await bus?.close();
  const code = await web?.stop();
  await stack?.stop();
  await fake?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  expect(code).toBe(0);
}, 60_000);

let n = 0;
const unique = (tag: string) => `${tag}${Date.now().toString(36)}${(n++).toString(36)}`;

async function register(tag: string) {
  const handle = unique(tag);
  const email = `${handle}@example.com`;
  const res = await gql(api, `mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }`, { i: { email, password: PASSWORD, handle } });
  expect(res.errors).toBeUndefined();
  return { id: res.data!.register.user.id as string, email, handle, token: res.data!.register.accessToken as string };
}

/** A staff account: the documented grant-role command, then MFA (required for staff roles); returns a recovery code. */
async function staff(role: 'finance' | 'moderator') {
  const user = await register(role.slice(0, 3));
  const grant = Bun.spawnSync(['bun', 'run', '--cwd', join(REPO_ROOT, 'subgraphs/users'), 'grant-role', user.email, role], { env: { ...process.env, ...stack.env } });
  expect(grant.exitCode).toBe(0);
  const secret = (await gql(api, `mutation { enrollMfa { secret } }`, {}, user.token)).data!.enrollMfa.secret as string;
  const confirmed = await gql(api, `mutation ($c: String!) { confirmMfa(code: $c) { recoveryCodes session { accessToken } } }`, { c: totp(secret) }, user.token);
  expect(confirmed.errors).toBeUndefined();
  const codes = confirmed.data!.confirmMfa.recoveryCodes as string[];
  return { ...user, codes, token: confirmed.data!.confirmMfa.session.accessToken as string };
}

async function newPage(): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  return [context, page];
}

/** Signs in through the form (and the MFA step when a code is given). */
async function signIn(page: Page, email: string, next: string, mfaCode?: string) {
  await page.goto(`${web.url}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (mfaCode) {
    await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
    await page.getByLabel('Authentication code').fill(mfaCode);
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
}

async function deliverWebhooks(): Promise<void> {
  for (const event of fake.takeEvents()) {
    const { body, signature } = fake.signEvent(event);
    const res = await fetch(`${stack.urls.billing}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
    expect(res.status).toBe(200);
  }
}

let campaignId = '';
let joiner: { id: string; handle: string; email: string };

test('public pages: server-rendered landing and pricing with prices from billing, meta tags, JSON-LD, sitemap', async () => {
  const html = await (await fetch(`${web.url}/pricing`)).text();
  expect(html).toContain('<link rel="canonical" href="');
  expect(html).toContain('"@type":"AggregateOffer"');
  expect(html).toMatch(/data-testid="price-standard">\$\d+\.\d\d/);
  expect(await (await fetch(`${web.url}/sitemap.xml`)).text()).toContain(`<loc>${web.url}/pricing</loc>`);

  const [context, page] = await newPage();
  // first paint needs no JavaScript: the server's HTML already has the content
  await page.route('**/assets/*.js', (route) => route.abort());
  await page.goto(`${web.url}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeTruthy();
  expect(await page.locator('h1').textContent()).toContain('AI game master');
  await page.unroute('**/assets/*.js');
  await page.goto(`${web.url}/`);
  await page.getByRole('link', { name: 'Start playing' }).waitFor();
  await screenshot(page, '01-landing');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pricing' }).click();
  await page.getByTestId('price-premium').waitFor();
  const quoted = await gql(api, `{ quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents } }`);
  expect(await page.getByTestId('price-premium').textContent()).toContain(`$${(quoted.data!.quote.perPlayerCents / 100).toFixed(2)}`);
  await screenshot(page, '02-pricing');

  // help: the contact form stores a ticket
  await page.goto(`${web.url}/help`);
  await page.getByText('How much does a campaign cost?').click();
  await page.getByLabel('Email (required)').fill('someone@example.com');
  await page.getByLabel('Message (required)').fill('My party cannot find the join button on mobile.');
  await page.getByRole('button', { name: 'Send message' }).click();
  const ticket = await page.getByTestId('ticket-id').textContent();
  expect(ticket).toMatch(/^ST-[A-Z0-9]{8}$/);
  await screenshot(page, '03-help');
  await context.close();
}, 60_000);

test('sign up → create a campaign → see the live quote → another player joins and pays through Stripe Checkout', async () => {
  const [ctxA, a] = await newPage();
  const handle = unique('ann');
  await a.goto(`${web.url}/signup`);
  await a.getByLabel('Email').fill(`${handle}@example.com`);
  await a.getByLabel('Handle').fill(handle);
  await a.getByLabel('Password').fill(PASSWORD);
  await screenshot(a, '04-signup');
  await a.getByRole('button', { name: 'Create account' }).click();
  await a.getByRole('heading', { name: `Welcome, @${handle}!` }).waitFor();
  await a.getByRole('link', { name: 'Continue' }).click();
  await a.getByRole('heading', { name: 'Find a campaign' }).waitFor();

  await a.getByRole('link', { name: 'Create a campaign' }).first().click();
  await a.getByLabel('Title').fill('The Brass Labyrinth');
  await a.getByLabel('Players').fill('5');
  await a.getByLabel('AI tier').selectOption('PREMIUM');
  const expected = await gql(api, `{ quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: PREMIUM, players: 5 }) { perPlayerCents } }`);
  const price = `$${(expected.data!.quote.perPlayerCents / 100).toFixed(2)}`;
  await a.waitForFunction((p) => document.querySelector('[data-testid="quote-per-player"]')?.textContent === p, price);
  await screenshot(a, '05-create-campaign-quote');
  await a.getByRole('button', { name: 'Create campaign' }).click();
  await a.waitForURL(/\/campaigns\/[0-9a-f-]{36}\?created=1$/);
  campaignId = /campaigns\/([0-9a-f-]{36})/.exec(a.url())![1]!;
  expect(await a.getByTestId('campaign-price').textContent()).toBe(price);
  await a.getByRole('button', { name: 'Open registration' }).click();
  await a.getByText('Close joins and start matching').waitFor();
  await screenshot(a, '06-campaign-owner');

  // a second player finds it, joins (seat held), pays through Checkout and comes back to a confirmed seat
  const bob = await register('bob');
  joiner = bob;
  const [ctxB, b] = await newPage();
  await signIn(b, bob.email, '/campaigns');
  await b.getByRole('link', { name: 'The Brass Labyrinth' }).click();
  await b.getByRole('button', { name: 'Join campaign' }).click();
  await b.getByTestId('registration-status').getByText('Held').waitFor();
  await screenshot(b, '07-campaign-joined');
  // billing prices the seat once it has seen the campaign (eventually): retry until Checkout opens
  await eventually(async () => {
    await b.getByRole('button', { name: `Pay ${price}` }).click();
    await b.waitForURL((u) => u.href.startsWith(fake.url), { timeout: 2000 });
    return true;
  }, 'Stripe Checkout to open', 20_000);
  const sessionId = /\/c\/pay\/([^/?]+)/.exec(b.url())![1]!;
  fake.account.completeCheckout(sessionId);
  await deliverWebhooks();
  await b.goto(`${web.url}/billing/checkout/success?session_id=${sessionId}`);
  await b.getByText('Your seat is confirmed.').waitFor({ timeout: 20_000 });
  await b.goto(`${web.url}/campaigns/${campaignId}`);
  await b.getByTestId('registration-status').getByText('Paid').waitFor();
  await b.goto(`${web.url}/billing`);
  await b.getByRole('cell', { name: 'The Brass Labyrinth' }).waitFor();
  await screenshot(b, '08-billing-history');
  await b.goto(`${web.url}/me/campaigns`);
  await b.getByRole('heading', { name: 'Playing' }).waitFor();
  await screenshot(b, '09-my-campaigns');
  // the live screen before gamehost has the campaign: the reconnect indicator says so
  await b.goto(`${web.url}/campaigns/${campaignId}/play`);
  await b.getByTestId('live-status').locator('.badge').getByText(/Reconnecting|Connecting|Disconnected/).waitFor();
  await screenshot(b, '10-live-session');
  await ctxA.close();
  await ctxB.close();
}, 90_000);

test('the finance dashboard draws its charts from usage seeded on the USAGE stream', async () => {
  const fin = await staff('finance');
  const day = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString();
  const calls: Array<[string, string, string, number, number]> = [
    ['openai', 'openai/gpt-4o', 'PREMIUM', 0, 1_850_000],
    ['anthropic', 'anthropic/claude-sonnet', 'PREMIUM', 1, 2_400_000],
    ['google', 'google/gemini-2.5-flash', 'STANDARD', 1, 420_000],
    ['xai', 'xai/grok-3-mini', 'STANDARD', 2, 310_000],
    ['ollama', 'ollama/llama3.1', 'ECONOMY', 3, 20_000],
    ['openai', 'openai/gpt-4o', 'PREMIUM', 4, 1_200_000],
  ];
  for (const [provider, model, tier, back, costMicros] of calls) {
    const data: LlmUsageData = {
      callId: Bun.randomUUIDv7(), provider: provider as LlmUsageData['provider'], model, tier, userId: joiner.id, campaignId: campaignId || null, purpose: 'narration',
      inputTokens: 12_000, cachedInputTokens: 3_000, cacheWriteTokens: 0, outputTokens: 1_500, reasoningTokens: provider === 'openai' ? 800 : 0, images: 0,
      costMicros, priceVersion: 'e2e', status: 'ok', startedAt: day(back), durationMs: 900,
    };
    await bus.publish(`llm.usage.${provider}`, createEnvelope(LLM_USAGE_EVENT, data, 'service:llm-router'));
  }
  const total = calls.reduce((s, c) => s + c[4], 0);
  const from = day(29).slice(0, 10);
  const to = day(0).slice(0, 10);
  await eventually(async () => {
    const r = await gql(api, `query ($f: String!, $t: String!) { analytics { llmCost(input: { from: $f, to: $t }) { totals { costMicros } } } }`, { f: from, t: to }, fin.token);
    return r.data?.analytics.llmCost.totals.costMicros === total;
  }, 'analytics to count the usage', 20_000);

  const [ctx, page] = await newPage();
  await signIn(page, fin.email, '/finance', fin.codes[0]);
  await page.getByTestId('finance-totals').getByText(`$${(total / 1e6).toFixed(2)}`).waitFor();
  await page.locator('figure.chart').nth(4).waitFor();
  expect(await page.locator('figure.chart').count()).toBeGreaterThanOrEqual(5);
  // the stacked chart has one bar segment per provider and day, and a legend entry per provider
  expect(await page.locator('figure.chart').first().locator('rect.mark').count()).toBe(6);
  expect(await page.locator('figure.chart').first().locator('.legend li').allTextContents()).toEqual(expect.arrayContaining(['openai', 'anthropic', 'google', 'xai', 'ollama']));
  expect(await page.getByRole('img', { name: /Token breakdown/ }).count()).toBe(1);
  await screenshot(page, '11-finance-dashboard');
  await page.getByLabel('Break spend down by').selectOption('TIER');
  await page.locator('figure.chart').first().locator('.legend li', { hasText: 'ECONOMY' }).waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await Bun.file((await (await download).path())!).text();
  expect(csv.split('\r\n')[0]).toStartWith('day,provider,model,tier,purpose,calls');
  expect(csv).toContain('anthropic/claude-sonnet');
  await ctx.close();
}, 60_000);

test('a player reports another; a moderator works the case from the queue and warns them', async () => {
  const reporter = await register('rep');
  const [ctxR, r] = await newPage();
  await signIn(r, reporter.email, `/players/${joiner.id}`);
  await r.getByRole('heading', { name: `@${joiner.handle}` }).waitFor();
  await r.getByRole('button', { name: 'Report player' }).click();
  await r.getByLabel('What is the problem?').selectOption('HARASSMENT');
  await r.getByLabel('What happened? (optional)').fill('Kept insulting my character in session chat.');
  await r.getByRole('button', { name: 'Send report' }).click();
  await r.getByText('Moderators will review your report').waitFor();
  await screenshot(r, '12-report-player');
  await ctxR.close();

  const mod = await staff('moderator');
  const [ctxM, m] = await newPage();
  await signIn(m, mod.email, '/admin', mod.codes[0]);
  await eventually(async () => {
    await m.reload();
    // wait for the queue (or its empty state) to render before looking for the case
    await m.locator('[data-testid="moderation-queue"], .empty').first().waitFor();
    return (await m.getByTestId('moderation-queue').getByRole('link', { name: `User @${joiner.handle}` }).count()) > 0;
  }, 'the report in the queue', 20_000, 500).catch(async (error) => {
    console.error(await m.locator('main').innerText());
    throw error;
  });
  await screenshot(m, '13-moderation-queue');
  await m.getByRole('link', { name: `User @${joiner.handle}` }).click();
  await m.getByText('Kept insulting my character in session chat.').waitFor();
  await m.getByRole('button', { name: 'Assign to me' }).click();
  await m.getByText(`Assigned to @${mod.handle}.`).waitFor();
  await m.getByLabel('Action').selectOption('WARN');
  await m.getByLabel('Policy').selectOption('HARASSMENT');
  await m.getByLabel('Statement of reasons (shown to the player)').fill('Repeated insults towards another player in the campaign chat.');
  await m.getByRole('button', { name: 'Apply warn' }).click();
  await m.getByText('Resolution').waitFor();
  await screenshot(m, '14-moderation-case');
  const actions = await gql(api, `query ($id: ID!) { user(id: $id) { moderationActions { edges { node { type policy } } } } }`, { id: joiner.id }, mod.token);
  expect(actions.data!.user.moderationActions.edges.map((e: any) => e.node)).toContainEqual({ type: 'WARN', policy: 'HARASSMENT' });
  await m.goto(`${web.url}/admin/users/${joiner.id}`);
  await m.getByRole('heading', { name: 'Suspensions and actions' }).waitFor();
  await screenshot(m, '15-admin-user');
  await ctxM.close();
}, 60_000);

test('the player screens render for a signed-in player: friends, party, settings, browse (mobile too)', async () => {
  const [ctx, page] = await newPage();
  await signIn(page, joiner.email, '/friends');
  await page.getByRole('heading', { name: 'Add a friend' }).waitFor();
  await screenshot(page, '16-friends');
  await page.goto(`${web.url}/party`);
  await page.getByRole('button', { name: 'Create a party' }).click();
  await page.getByRole('button', { name: 'Leave party' }).waitFor();
  await screenshot(page, '17-party');
  await page.goto(`${web.url}/settings`);
  await page.getByRole('heading', { name: 'Your data' }).waitFor();
  await page.getByRole('button', { name: 'Request a data export' }).click();
  await page.getByTestId('export-link').waitFor();
  await screenshot(page, '18-settings');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${web.url}/campaigns`);
  await page.getByRole('heading', { name: 'Find a campaign' }).waitFor();
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Friends' }).waitFor();
  await screenshot(page, '19-campaigns-mobile');
  await ctx.close();
}, 60_000);
