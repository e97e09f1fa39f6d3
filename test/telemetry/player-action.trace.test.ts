/**
 * One trace spans a player action end to end. The real users, campaigns, moderation, gateway, gamehost, llm-router
 * and web processes export to an in-process OTLP/HTTP receiver; llm-router's provider is a local fake of OpenAI's
 * API. The test plays the browser: it starts the trace (a `traceparent` on its request) and submits the action that
 * completes a turn through the web server. The trace must then hold, linked parent to child:
 *   web (server) → its proxy fetch (client) → gateway (server) → gateway's fetch to campaigns (client) →
 *   campaigns (server) → its PostgreSQL queries → the GAME event published from the outbox (producer) →
 *   moderation's JetStream consumer (consumer) → its queries; and from the same GAME event:
 *   gamehost's consumer → "narrate turn" → its fetch (client) → llm-router (server) → its fetch to the provider
 *   (client, `traceparent` on the provider's request) → and the narration gamehost records back on NATS, consumed
 *   by moderation in the same trace.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectBus, createEnvelope, createLogger, type Bus } from '@startales/kit';
import { GameEvent, gameSubject, GameSubjectKind } from '@startales/contracts';
import { startStack, gql, eventually, uniqueName, TEST_NATS_URL, type Stack } from '@startales/testing';
import { startFakeOpenAI, type FakeOpenAI } from '../../llm-router/test/fakes/openai.ts';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.ts';
import { startService, type ServiceProcess } from './services.ts';

let receiver: OtlpReceiver;
let stack: Stack;
let bus: Bus;
let url: string;
let provider: FakeOpenAI;
let router: ServiceProcess;
let gamehost: ServiceProcess;
let web: ServiceProcess;
const dir = mkdtempSync(join(tmpdir(), 'trace-'));
const TOKEN = 'trace-service-token';
const telemetry = { OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_BSP_SCHEDULE_DELAY: '100', OTEL_TRACES_SAMPLER: 'parentbased_always_on' };

beforeAll(async () => {
  receiver = startOtlpReceiver();
  telemetry.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
  stack = await startStack({
    services: ['users', 'campaigns', 'moderation', 'gateway'],
    env: {
      ...telemetry,
      // only gamehost calls llm-router here: no prose or classifier calls during the test
      PROSE_INTERVAL_MS: '600000',
      LLM_ROUTER_URL: 'http://127.0.0.1:9',
    },
  });
  url = stack.gatewayUrl;
  // the STANDARD tier's first configured provider: xAI, through its OpenAI-compatible API
  provider = startFakeOpenAI('xai');
  provider.reply = { ...provider.reply, pieces: ['The lantern ', 'flickers; ', 'the crypt breathes out cold air.'] };
  const common = { NATS_URL: TEST_NATS_URL, NATS_NAMESPACE: stack.ns, JWKS_URL: stack.env.JWKS_URL!, ...telemetry };
  router = await startService('llm-router', {
    ...common,
    DATABASE_URL: stack.db.url,
    DATABASE_POOL_MAX: '4',
    LLM_ROUTER_SERVICE_TOKEN: TOKEN,
    LLM_ROUTER_ADMIN_TOKEN: 'trace-admin-token',
    XAI_API_KEY: 'xai-test-key',
    XAI_BASE_URL: `${provider.url}/v1`,
  });
  gamehost = await startService('gamehost', {
    ...common,
    HOST_ID: uniqueName('trace-host'),
    DATA_DIR: join(dir, 'gamehost'),
    SNAPSHOT_STORE: `file://${join(dir, 'snapshots')}`,
    LLM_ROUTER_URL: router.url,
    LLM_ROUTER_SERVICE_TOKEN: TOKEN,
  });
  // the web server serves a prebuilt page here (no Vite build): the test needs only its /graphql proxy
  writeFileSync(join(dir, 'index.html'), '<html><!--app-head--><div id="root"><!--app-html--></div><!--app-data--></html>');
  web = await startService('web', {
    ...telemetry,
    WEB_BUILD: 'never',
    WEB_DIST_DIR: dir,
    WEB_DATA_DIR: join(dir, 'web'),
    GATEWAY_URL: url,
    GAMEHOST_URL: gamehost.url,
  });
  bus = await connectBus({ url: TEST_NATS_URL, ns: stack.ns, name: 'trace-test', logger: createLogger({ service: 'trace-test', level: 'silent' }) });
}, 180_000);

afterAll(async () => {
  await bus?.close();
  await Promise.all([web?.stop(), gamehost?.stop(), router?.stop()]);
  await stack?.stop();
  await provider?.stop();
  await receiver?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

let n = 0;
async function register() {
  const id = `${Date.now().toString(36)}${(n++).toString(36)}`;
  const res = await gql(url, `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`, {
    input: { email: `t${id}@example.com`, password: 'correct horse battery', handle: `t_${id}` },
  });
  expect(res.errors).toBeUndefined();
  return { id: res.data!.register.user.id as string, token: res.data!.register.accessToken as string };
}

const hex = (bytes: number) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');

test('a player action is one trace: web → gateway → campaigns → PostgreSQL → NATS → moderation, and gamehost → llm-router → provider', async () => {
  // a running campaign with two paid players (the least a campaign is scheduled with)
  const [owner, player, other] = [await register(), await register(), await register()];
  const created = await gql(
    url,
    `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
    {
      input: {
        title: 'Traced',
        mode: 'WEEKLY',
        lengthWeeks: 4,
        playHoursPerWeek: 3,
        maxPlayers: 4,
        llmTier: 'STANDARD',
        startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        schedule: { weekday: 'THURSDAY', time: '20:00', timezone: 'Europe/Paris' },
      },
    },
    owner.token,
  );
  expect(created.errors).toBeUndefined();
  const campaignId = created.data!.createCampaign.id as string;
  const step = async (name: string, token = owner.token) => {
    const r = await gql(url, `mutation ($id: ID!) { ${name}(campaignId: $id) { status } }`, { id: campaignId }, token);
    expect(r.errors).toBeUndefined();
  };
  await step('openRegistration');
  for (const p of [player, other]) {
    await step('joinCampaign', p.token);
    await bus.publish(
      'domain.billing.seat_paid',
      createEnvelope('billing.seat_paid', { paymentId: `pi_${p.id}`, userId: p.id, campaignId, amountCents: 2500, currency: 'USD', priceBook: 'trace', paidAt: new Date().toISOString() }, 'service:billing'),
    );
  }
  await eventually(async () => {
    const r = await gql(url, `query ($id: ID!) { campaign(id: $id) { roster { status } } }`, { id: campaignId }, owner.token);
    return r.data?.campaign.roster.length === 2 && r.data.campaign.roster.every((x: { status: string }) => x.status === 'PAID');
  }, 'the seats to be paid', 15_000);
  await step('startMatching');
  await step('scheduleCampaign');
  // gamehost hosts the campaign (it has CAMPAIGN_OPENED) before the session starts, so it applies SESSION_STARTED
  await eventually(async () => (await fetch(`${gamehost.url}/campaigns/${campaignId}/owner`)).ok, 'gamehost to own the campaign', 30_000);
  await bus.publish(gameSubject(campaignId, GameSubjectKind.OUTCOMES), createEnvelope(GameEvent.SESSION_STARTED, { campaignId, index: 0 }, 'service:gamehost'));
  await eventually(async () => (await gql(url, `query ($id: ID!) { campaign(id: $id) { status } }`, { id: campaignId }, owner.token)).data?.campaign.status === 'RUNNING', 'RUNNING', 15_000);

  // the other player acts first (a trace of its own): the turn waits for the traced action, which completes it
  const submit = (token: string, text: string, headers: Record<string, string> = {}) =>
    gql(`${web.url}/graphql`, `mutation ($id: ID!, $a: ActionInput!) { submitAction(campaignId: $id, action: $a) { eventId } }`, { id: campaignId, a: { actionId: crypto.randomUUID(), text } }, token, headers);
  expect((await submit(other.token, 'I keep watch at the door.')).errors).toBeUndefined();

  // the browser starts the trace
  const traceId = hex(16);
  const clientSpanId = hex(8);
  const action = await submit(player.token, 'I light the lantern and step into the crypt.', { traceparent: `00-${traceId}-${clientSpanId}-01` });
  expect(action.errors).toBeUndefined();

  const has = (spans: ReceivedSpan[], service: string, kind: number, name?: RegExp) => spans.find((s) => s.service === service && s.kind === kind && (!name || name.test(s.name)));
  const spans = await eventually(async () => {
    const t = receiver.trace(traceId);
    // every service exports on its own batch schedule: wait until the spans asserted below have all arrived
    const complete =
      has(t, 'web', 2, /^POST \/graphql$/) &&
      has(t, 'web', 3) &&
      has(t, 'gateway', 2, /^POST \/graphql$/) &&
      has(t, 'gateway', 3, /\/graphql$/) &&
      has(t, 'campaigns', 2) &&
      has(t, 'moderation', 5) &&
      t.some((s) => s.service === 'moderation' && s.kind === 3 && s.attributes['db.system'] === 'postgresql') &&
      has(t, 'gamehost', 5) &&
      has(t, 'gamehost', 1, /^narrate turn$/) &&
      has(t, 'gamehost', 3) &&
      has(t, 'llm-router', 2, /^POST \/v1\/chat\/completions$/) &&
      has(t, 'llm-router', 3) &&
      t.filter((s) => s.service === 'moderation' && s.kind === 5).length >= 2;
    return complete ? t : null;
  }, 'the spans of every service in the trace', 60_000).catch((error) => {
    const t = receiver.trace(traceId);
    const logs = ['campaigns', 'moderation'].map((s) => `--- ${s} ---\n${stack.logs(s as 'campaigns').slice(-2000)}`).join('\n');
    const more = [['gamehost', gamehost], ['llm-router', router], ['web', web]].map(([n, p]) => `--- ${n} ---\n${(p as ServiceProcess).logs().slice(-2000)}`).join('\n');
    const host = receiver.spans.filter((s) => s.service === 'gamehost' || s.service === 'llm-router').map((s) => `${s.traceId} ${s.service} ${s.kind} ${s.name}`);
    throw new Error(`${error}\nspans of the trace:\n${t.map((s) => `${s.service} ${s.kind} ${s.name}`).join('\n')}\ngamehost and llm-router spans:\n${host.join('\n')}\n${logs}\n${more}`);
  });

  // browser → web → gateway
  const webServer = has(spans, 'web', 2, /^POST \/graphql$/)!;
  expect(webServer.parentSpanId).toBe(clientSpanId);
  const webClient = spans.find((s) => s.service === 'web' && s.kind === 3 && s.parentSpanId === webServer.spanId)!;
  expect(webClient).toBeDefined();
  const gatewayServer = has(spans, 'gateway', 2, /^POST \/graphql$/)!;
  expect(gatewayServer.parentSpanId).toBe(webClient.spanId);
  // gateway → campaigns → PostgreSQL → NATS → moderation → PostgreSQL
  const gatewayClient = has(spans, 'gateway', 3, /\/graphql$/)!;
  expect(gatewayClient.parentSpanId).not.toBe('');
  const campaignsServer = spans.find((s) => s.service === 'campaigns' && s.kind === 2 && s.parentSpanId === gatewayClient.spanId)!;
  expect(campaignsServer).toBeDefined();
  const campaignsDb = spans.filter((s) => s.service === 'campaigns' && s.kind === 3 && s.attributes['db.system'] === 'postgresql');
  expect(campaignsDb.length).toBeGreaterThan(0);
  expect(campaignsDb.some((s) => s.attributes['db.namespace'] === 'campaigns')).toBe(true);
  const publish = has(spans, 'campaigns', 4, /^publish /)!;
  expect(publish).toBeDefined();
  expect(String(publish.attributes['messaging.destination.name'])).toContain(`game.${campaignId}.commands`);
  const consume = spans.find((s) => s.service === 'moderation' && s.kind === 5 && s.parentSpanId === publish.spanId)!;
  expect(consume).toBeDefined();
  expect(consume.attributes['messaging.consumer.group.name']).toBe('moderation-game');
  const moderationDb = spans.filter((s) => s.service === 'moderation' && s.kind === 3 && s.attributes['db.system'] === 'postgresql');
  expect(moderationDb.length).toBeGreaterThan(0);

  // NATS → gamehost → llm-router → the provider
  const hostConsume = spans.find((s) => s.service === 'gamehost' && s.kind === 5 && s.parentSpanId === publish.spanId)!;
  expect(hostConsume).toBeDefined();
  expect(hostConsume.attributes['messaging.consumer.group.name']).toBe('gamehost-campaign');
  const narrate = spans.find((s) => s.service === 'gamehost' && s.name === 'narrate turn' && s.parentSpanId === publish.spanId)!;
  expect(narrate).toBeDefined();
  expect(narrate.attributes['startales.campaign_id']).toBe(campaignId);
  const hostClient = spans.find((s) => s.service === 'gamehost' && s.kind === 3 && s.parentSpanId === narrate.spanId)!;
  expect(hostClient?.name).toBe('POST /v1/chat/completions');
  const routerServer = spans.find((s) => s.service === 'llm-router' && s.kind === 2 && s.parentSpanId === hostClient.spanId)!;
  expect(routerServer?.name).toBe('POST /v1/chat/completions');
  const inRouter = new Set([routerServer.spanId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of spans) if (s.service === 'llm-router' && inRouter.has(s.parentSpanId) && !inRouter.has(s.spanId)) (inRouter.add(s.spanId), (grew = true));
  }
  const upstream = spans.find((s) => s.service === 'llm-router' && s.kind === 3 && inRouter.has(s.parentSpanId) && String(s.attributes['url.full']).startsWith(provider.url))!;
  expect(upstream).toBeDefined();
  // the provider got the trace context of llm-router's call
  const sent = provider.requests.map((r) => r.headers.traceparent).filter(Boolean);
  expect(sent).toContain(`00-${traceId}-${upstream.spanId}-01`);
  // the narration gamehost recorded continues the trace: moderation checks the AI output in it
  const narrationChecked = spans.find((s) => s.service === 'moderation' && s.kind === 5 && s.parentSpanId === narrate.spanId);
  expect(narrationChecked).toBeDefined();
  expect(String(narrationChecked!.attributes['messaging.destination.name'])).toContain(`game.${campaignId}.outcomes`);

  // every span hangs off another span of the same trace (or the client's): nothing is orphaned
  const ids = new Set([clientSpanId, ...spans.map((s) => s.spanId)]);
  for (const s of spans) expect(ids.has(s.parentSpanId)).toBe(true);

  // and the services expose Prometheus metrics for what just happened
  const metrics = await (await fetch(`${stack.urls.moderation}/metrics`)).text();
  expect(metrics).toMatch(/events_consumed_total\{consumer="moderation-game",outcome="applied",service="moderation"\} \d+/);
  expect(metrics).toContain('db_query_duration_seconds_bucket');
  const gatewayMetrics = await (await fetch(`${stack.urls.gateway}/metrics`)).text();
  expect(gatewayMetrics).toMatch(/http_requests_total\{method="POST",route="\/graphql",status="200",service="gateway"\} \d+/);
  const webMetrics = await (await fetch(`${web.url}/metrics`)).text();
  expect(webMetrics).toMatch(/http_requests_total\{method="POST",route="\/graphql",status="200",service="web"\} [2-9]/);
  // gamehost: both of its consumers, with their lag
  const hostMetrics = await (await fetch(`${gamehost.url}/metrics`)).text();
  expect(hostMetrics).toMatch(/events_consumed_total\{consumer="gamehost-campaign",outcome="applied",service="gamehost"\} \d+/);
  expect(hostMetrics).toMatch(/events_consumed_total\{consumer="gamehost-directory",outcome="applied",service="gamehost"\} \d+/);
  expect(hostMetrics).toMatch(/nats_consumer_pending_messages\{consumer="gamehost-campaign",stream="[^"]+",service="gamehost"\} \d+/);
  expect(hostMetrics).toMatch(/event_delivery_lag_seconds_count\{consumer="gamehost-campaign",service="gamehost"\} \d+/);
  expect(hostMetrics).toMatch(/http_requests_total\{method="GET",route="\/campaigns\/:id\/owner",status="200",service="gamehost"\} [1-9]/);
  // llm-router: the narration's spend, once its usage event is out
  const spend = await eventually(async () => {
    const text = await (await fetch(`${router.url}/metrics`)).text();
    return /llm_spend_microdollars_total\{provider="xai",model="[^"]+",tier="STANDARD",purpose="narration",service="llm-router"\} [1-9]/.exec(text)?.[0];
  }, "llm-router's spend counter", 15_000);
  expect(spend).toContain('purpose="narration"');
}, 180_000);
