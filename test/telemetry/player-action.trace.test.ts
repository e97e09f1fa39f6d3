/**
 * One trace spans a player action end to end. The real users, campaigns, moderation and gateway processes export
 * to an in-process OTLP/HTTP receiver; the test plays the web client: it starts the trace (a `traceparent` on its
 * request) and submits an action through the gateway. The trace must then hold, linked parent to child:
 *   gateway (server) → gateway's fetch to campaigns (client) → campaigns (server) → its PostgreSQL queries →
 *   the GAME event published from the outbox (producer) → moderation's JetStream consumer (consumer) → its queries.
 * gamehost and llm-router join the same trace once they are wired to kit's helpers (helm/README.md, "Telemetry");
 * the hop they need, "consumer → fetch → another service", is covered with kit's pieces by lib/kit/test/tracing.test.ts.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { connectBus, createEnvelope, createLogger, type Bus } from '@startales/kit';
import { GameEvent, gameSubject, GameSubjectKind } from '@startales/contracts';
import { startStack, gql, eventually, TEST_NATS_URL, type Stack } from '@startales/testing';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.ts';

let receiver: OtlpReceiver;
let stack: Stack;
let bus: Bus;
let url: string;

beforeAll(async () => {
  receiver = startOtlpReceiver();
  stack = await startStack({
    services: ['users', 'campaigns', 'moderation', 'gateway'],
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      // no prose or classifier calls during the test: there is no llm-router here
      PROSE_INTERVAL_MS: '600000',
      LLM_ROUTER_URL: 'http://127.0.0.1:9',
    },
  });
  url = stack.gatewayUrl;
  bus = await connectBus({ url: TEST_NATS_URL, ns: stack.ns, name: 'trace-test', logger: createLogger({ service: 'trace-test', level: 'silent' }) });
}, 120_000);

afterAll(async () => {
  await bus?.close();
  await stack?.stop();
  await receiver?.stop();
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

test('a player action is one trace: gateway → campaigns → PostgreSQL → NATS → moderation → PostgreSQL', async () => {
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
  await bus.publish(gameSubject(campaignId, GameSubjectKind.OUTCOMES), createEnvelope(GameEvent.SESSION_STARTED, { campaignId, index: 0 }, 'service:gamehost'));
  await eventually(async () => (await gql(url, `query ($id: ID!) { campaign(id: $id) { status } }`, { id: campaignId }, owner.token)).data?.campaign.status === 'RUNNING', 'RUNNING', 15_000);

  // the client starts the trace
  const traceId = hex(16);
  const clientSpanId = hex(8);
  const action = await gql(
    url,
    `mutation ($id: ID!, $a: ActionInput!) { submitAction(campaignId: $id, action: $a) { eventId } }`,
    { id: campaignId, a: { actionId: crypto.randomUUID(), text: 'I light the lantern and step into the crypt.' } },
    player.token,
    { traceparent: `00-${traceId}-${clientSpanId}-01` },
  );
  expect(action.errors).toBeUndefined();

  const has = (spans: ReceivedSpan[], service: string, kind: number, name?: RegExp) => spans.find((s) => s.service === service && s.kind === kind && (!name || name.test(s.name)));
  const spans = await eventually(async () => {
    const t = receiver.trace(traceId);
    // every service exports on its own batch schedule: wait until the spans asserted below have all arrived
    const complete =
      has(t, 'gateway', 2, /^POST \/graphql$/) &&
      has(t, 'gateway', 3, /\/graphql$/) &&
      has(t, 'campaigns', 2) &&
      has(t, 'moderation', 5) &&
      t.some((s) => s.service === 'moderation' && s.kind === 3 && s.attributes['db.system'] === 'postgresql');
    return complete ? t : null;
  }, "the gateway's, campaigns' and moderation's spans in the trace", 40_000).catch((error) => {
    const t = receiver.trace(traceId);
    const logs = ['campaigns', 'moderation'].map((s) => `--- ${s} ---\n${stack.logs(s as 'campaigns').slice(-2000)}`).join('\n');
    throw new Error(`${error}\nspans of the trace:\n${t.map((s) => `${s.service} ${s.kind} ${s.name}`).join('\n')}\n${logs}`);
  });

  const gatewayServer = has(spans, 'gateway', 2, /^POST \/graphql$/)!;
  expect(gatewayServer.parentSpanId).toBe(clientSpanId);
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

  // every span hangs off another span of the same trace (or the client's): nothing is orphaned
  const ids = new Set([clientSpanId, ...spans.map((s) => s.spanId)]);
  for (const s of spans) expect(ids.has(s.parentSpanId)).toBe(true);

  // and the services expose Prometheus metrics for what just happened
  const metrics = await (await fetch(`${stack.urls.moderation}/metrics`)).text();
  expect(metrics).toMatch(/events_consumed_total\{consumer="moderation-game",outcome="applied",service="moderation"\} \d+/);
  expect(metrics).toContain('db_query_duration_seconds_bucket');
  const gatewayMetrics = await (await fetch(`${stack.urls.gateway}/metrics`)).text();
  expect(gatewayMetrics).toMatch(/http_requests_total\{method="POST",route="\/graphql",status="200",service="gateway"\} \d+/);
}, 120_000);
