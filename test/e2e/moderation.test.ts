/**
 * Moderation end to end: real users, moderation and gateway processes, a fake llm-router, and a player message
 * published on the GAME stream the way campaigns publishes it. Report → automated checks → case → action →
 * users refuses the suspended player's sign-in and refresh → appeal granted by another moderator → back in. And a
 * moderator's campaign mute refused by campaigns at submitAction through the gateway.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { connectBus, createEnvelope, createLogger, type Bus } from '@startales/kit';
import { GameEvent, GameSubjectKind, gameSubject } from '@startales/contracts';
import { startStack, gql, errorCode, eventually, signAccessToken, TEST_NATS_URL, type Stack } from '@startales/testing';
import { startFakeLlmRouter, type FakeLlmRouter } from '../../subgraphs/moderation/test/fakes/llm-router.ts';

let stack: Stack;
let url: string;
let router: FakeLlmRouter;
let bus: Bus;
let sql: Bun.SQL;
const TOKEN = 'e2e-moderation-token';

beforeAll(async () => {
  router = startFakeLlmRouter({ token: TOKEN, score: (text) => (/for real/.test(text) ? { violence: 0.96, harassment: 0.7 } : {}) });
  stack = await startStack({
    services: ['users', 'moderation', 'campaigns', 'gateway'],
    env: { LLM_ROUTER_URL: router.url, LLM_ROUTER_SERVICE_TOKEN: TOKEN, MODERATION_CLASSIFIER_INTERVAL_MS: '200' },
  });
  url = stack.gatewayUrl;
  bus = await connectBus({ url: TEST_NATS_URL, ns: stack.ns, name: 'e2e-moderation', logger: createLogger({ service: 'e2e', level: 'silent' }) });
  sql = new Bun.SQL(stack.db.url, { max: 1 });
}, 120_000);

afterAll(async () => {
  await sql?.close();
  await bus?.close();
  await stack?.stop();
  await router?.stop();
}, 60_000);

const PASSWORD = 'correct horse battery';
let n = 0;
async function register() {
  const id = `${Date.now().toString(36)}${(n++).toString(36)}`;
  const input = { email: `m${id}@example.com`, password: PASSWORD, handle: `m_${id}` };
  const res = await gql(url, `mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }`, { input });
  expect(res.errors).toBeUndefined();
  return { id: res.data!.register.user.id as string, email: input.email, token: res.data!.register.accessToken as string, refreshToken: res.data!.register.refreshToken as string };
}
const staff = async (roles: string[]) => signAccessToken(stack.keys, { userId: Bun.randomUUIDv7(), roles });
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;

test('report → automated check → case → suspension enforced by users at login and refresh → appeal → back in', async () => {
  const [offender, reporter] = [await register(), await register()];
  const [admin, mod, mod2] = [await staff(['admin']), await staff(['moderator']), await staff(['moderator'])];

  const rule = await gql(url, `mutation { createModerationRule(input: { name: "gold sellers", kind: KEYWORD, pattern: "free gold", category: SPAM, action: HIDE }) { id } }`, {}, admin);
  expect(rule.errors).toBeUndefined();

  // campaigns publishes the player's message on the GAME stream
  const campaignId = Bun.randomUUIDv7();
  const message = createEnvelope(GameEvent.ACTION_SUBMITTED, { campaignId, userId: offender.id, actionId: Bun.randomUUIDv7(), text: 'Free gold! And I will find you for real.' }, offender.id);
  await bus.publish(gameSubject(campaignId, GameSubjectKind.COMMANDS), message);

  // the rule hides it at once; the classifier adds its findings
  const QUEUE = `{ moderationQueue(first: 100) { edges { node { id tier subjectId reportCount flagCount categories content { hidden text } user { id } } } } }`;
  const flagged = await eventually(async () => {
    const res = await gql(url, QUEUE, {}, mod);
    const c = res.data?.moderationQueue.edges.map((e: any) => e.node).find((x: any) => x.subjectId === message.id);
    return c?.flagCount === 3 && c;
  }, 'the rule and the classifier to flag the message', 15_000);
  expect(flagged).toMatchObject({ tier: 'T1', categories: ['HARASSMENT', 'SPAM', 'VIOLENCE'], content: { hidden: true }, user: { id: offender.id } });
  expect(router.requests[0]!.headers['x-startales-purpose']).toBe('moderation');

  const report = await gql(url, `mutation ($input: ReportInput!) { report(input: $input) { id status } }`, { input: { subjectType: 'MESSAGE', subjectId: message.id, reason: 'VIOLENCE', details: 'threatened me' } }, reporter.token);
  expect(report.errors).toBeUndefined();
  const CASE = `query ($id: ID!) { moderationCase(id: $id) { tier reportCount reports { reporter { id } evidence { items { text } } } } }`;
  const c = (await gql(url, CASE, { id: flagged.id }, mod)).data!.moderationCase;
  expect(c).toMatchObject({ tier: 'T2', reportCount: 1, reports: [{ reporter: { id: reporter.id }, evidence: { items: [{ text: 'Free gold! And I will find you for real.' }] } }] });

  // a T2 case is resolved by an admin
  const statement = 'You threatened another player in campaign chat.';
  const TAKE = `mutation ($input: TakeModerationActionInput!) { takeModerationAction(input: $input) { id expiresAt case { status } } }`;
  const input = { userId: offender.id, type: 'SUSPEND', policy: 'VIOLENCE', statement, caseId: flagged.id, durationMinutes: 3 * 1440 };
  expect(errorCode(await gql(url, TAKE, { input }, mod))).toBe('FORBIDDEN');
  const taken = await gql(url, TAKE, { input }, admin);
  expect(taken.errors).toBeUndefined();
  const action = taken.data!.takeModerationAction;
  expect(action.case.status).toBe('RESOLVED');

  // users projects the suspension and refuses the player
  await eventually(async () => (await sql`select id from users.account_sanction where id = ${action.id}`).length === 1, 'users to project the suspension', 10_000);
  const login = await gql(url, LOGIN, { input: { email: offender.email, password: PASSWORD } });
  expect(errorCode(login)).toBe('ACCOUNT_SUSPENDED');
  expect(login.errors![0]!.extensions).toMatchObject({ until: action.expiresAt, reason: statement, policy: 'VIOLENCE', actionId: action.id });
  const refresh = await gql(url, `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: offender.refreshToken });
  expect(errorCode(refresh)).toBe('ACCOUNT_SUSPENDED');

  // the access token still in hand (until it lapses) shows why, and lets the player appeal
  const mine = await gql(url, `{ myModerationActions { edges { node { id statement expiresAt canAppeal moderator { id } } } } }`, {}, offender.token);
  expect(mine.data!.myModerationActions.edges[0].node).toEqual({ id: action.id, statement, expiresAt: action.expiresAt, canAppeal: true, moderator: null });
  const appeal = await gql(url, `mutation ($a: ID!) { appealModerationAction(actionId: $a, statement: "It was a line from the story, not a threat.") { id } }`, { a: action.id }, offender.token);
  expect(appeal.errors).toBeUndefined();
  const DECIDE = `mutation ($id: ID!) { decideModerationAppeal(id: $id, decision: GRANT, note: "In-character dialogue; the context shows it.") { status } }`;
  expect(errorCode(await gql(url, DECIDE, { id: appeal.data!.appealModerationAction.id }, admin))).toBe('SAME_MODERATOR');
  expect((await gql(url, DECIDE, { id: appeal.data!.appealModerationAction.id }, mod2)).data!.decideModerationAppeal.status).toBe('GRANTED');

  await eventually(async () => (await sql`select revoked_at from users.account_sanction where id = ${action.id}`)[0]?.revoked_at != null, 'users to lift the suspension', 10_000);
  expect((await gql(url, LOGIN, { input: { email: offender.email, password: PASSWORD } })).errors).toBeUndefined();

  const audit = await gql(url, `query ($t: ID!) { moderationAuditLog(filter: { targetId: $t }) { edges { node { action } } } }`, { t: action.id }, admin);
  expect(audit.data!.moderationAuditLog.edges.map((e: any) => e.node.action)).toEqual(['action.revoked', 'action.taken']);
}, 60_000);

test('a moderator mutes a player in a running campaign: their submitAction through the gateway is refused with PLAYER_MUTED', async () => {
  const [owner, muted, other] = [await register(), await register(), await register()];
  const mod = await staff(['moderator']);
  const step = (name: string) => `mutation ($id: ID!) { ${name}(campaignId: $id) { id status } }`;
  const input = { title: 'Quiet Halls', mode: 'WEEKLY', lengthWeeks: 4, playHoursPerWeek: 3, maxPlayers: 4, llmTier: 'STANDARD', startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString() };
  const created = await gql(url, `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, { input }, owner.token);
  expect(created.errors).toBeUndefined();
  const campaignId = created.data!.createCampaign.id as string;
  await gql(url, step('openRegistration'), { id: campaignId }, owner.token);
  for (const p of [muted, other]) {
    expect((await gql(url, step('joinCampaign'), { id: campaignId }, p.token)).errors).toBeUndefined();
    await bus.publish('domain.billing.seat_paid', createEnvelope('billing.seat_paid', { paymentId: `pi_${p.id}`, userId: p.id, campaignId, amountCents: 2500, currency: 'USD', priceBook: 'e2e', paidAt: new Date().toISOString() }, 'service:billing'));
  }
  await eventually(async () => (await sql`select count(*)::int as n from campaigns.registration where campaign_id = ${campaignId} and status = 'PAID'`)[0].n === 2, 'seats paid', 15_000);
  await gql(url, step('startMatching'), { id: campaignId }, owner.token);
  expect((await gql(url, step('scheduleCampaign'), { id: campaignId }, owner.token)).errors).toBeUndefined();
  await bus.publish(gameSubject(campaignId, GameSubjectKind.OUTCOMES), createEnvelope(GameEvent.SESSION_STARTED, { campaignId, index: 0 }, 'service:gamehost'));
  await eventually(async () => (await sql`select status from campaigns.campaign where id = ${campaignId}`)[0]?.status === 'RUNNING', 'RUNNING', 15_000);

  const TAKE = `mutation ($input: TakeModerationActionInput!) { takeModerationAction(input: $input) { id expiresAt } }`;
  const statement = 'You kept spamming the table with insults.';
  const taken = await gql(url, TAKE, { input: { userId: muted.id, type: 'MUTE', policy: 'HARASSMENT', statement, campaignId, durationMinutes: 60 } }, mod);
  expect(taken.errors).toBeUndefined();
  const action = taken.data!.takeModerationAction;
  await eventually(async () => (await sql`select id from campaigns.player_sanction where id = ${action.id}`).length === 1, 'campaigns to project the mute', 10_000);

  const SUBMIT = `mutation ($id: ID!, $a: ActionInput!) { submitAction(campaignId: $id, action: $a) { duplicate } }`;
  const refused = await gql(url, SUBMIT, { id: campaignId, a: { actionId: crypto.randomUUID(), text: 'I shout at the innkeeper.' } }, muted.token);
  expect(refused.errors![0]!.extensions).toMatchObject({ code: 'PLAYER_MUTED', until: action.expiresAt, actionId: action.id, scope: 'CAMPAIGN', reason: statement });
  expect(refused.errors![0]!.message).toContain(action.expiresAt);
  expect((await gql(url, SUBMIT, { id: campaignId, a: { actionId: crypto.randomUUID(), text: 'I order a drink.' } }, other.token)).errors).toBeUndefined();
}, 60_000);
