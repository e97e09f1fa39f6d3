/** Partner API keys end to end: created by a partner, exchanged by the gateway, scoped, revocable. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { join } from 'node:path';
import { startStack, gql, errorCode, REPO_ROOT, type Stack } from '@startales/testing';

let stack: Stack;
let url: string;
let partnerToken: string;
let playerToken: string;

const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name prefix scopes lastUsedAt revokedAt } } }`;

async function account(handle: string) {
  const res = await gql(url, `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`, {
    input: { email: `${handle}@example.com`, password: 'correct horse battery', handle },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.register as { accessToken: string; user: { id: string } };
}

beforeAll(async () => {
  stack = await startStack({ services: ['users', 'campaigns', 'billing', 'analytics', 'moderation', 'gateway'] });
  url = stack.gatewayUrl;
  const suffix = Date.now().toString(36);
  await account(`partner_${suffix}`);
  playerToken = (await account(`player_${suffix}`)).accessToken;
  const grant = Bun.spawnSync(['bun', 'run', '--cwd', join(REPO_ROOT, 'subgraphs/users'), 'grant-role', `partner_${suffix}@example.com`, 'partner'], {
    env: { ...process.env, ...stack.env },
  });
  expect(grant.exitCode).toBe(0);
  const login = await gql(url, `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`, {
    input: { email: `partner_${suffix}@example.com`, password: 'correct horse battery' },
  });
  partnerToken = login.data!.login.accessToken;
}, 120_000);

afterAll(() => stack?.stop(), 60_000);

test('only partners create keys; the secret is shown once and stored hashed', async () => {
  expect(errorCode(await gql(url, CREATE_KEY, { input: { name: 'x', scopes: ['read'] } }, playerToken))).toBe('FORBIDDEN');
  const created = await gql(url, CREATE_KEY, { input: { name: 'reporting', scopes: ['read'] } }, partnerToken);
  expect(created.errors).toBeUndefined();
  const { secret, apiKey } = created.data!.createApiKey;
  expect(secret).toStartWith('stk_');
  expect(secret.startsWith(apiKey.prefix)).toBe(true);
  expect(apiKey).toMatchObject({ name: 'reporting', scopes: ['read'], lastUsedAt: null, revokedAt: null });
  const sql = new Bun.SQL(stack.db.url, { max: 1 });
  const rows = await sql`select count(*)::int as n from users.api_key where key_hash = ${secret} or prefix = ${secret}`;
  await sql.close();
  expect(rows[0].n).toBe(0);
});

test('a read key may query through the gateway but not mutate; an operation scope allows that mutation', async () => {
  const read = (await gql(url, CREATE_KEY, { input: { name: 'read', scopes: ['read'] } }, partnerToken)).data!.createApiKey.secret as string;
  const me = await gql(url, `{ me { handle roles } }`, {}, read);
  expect(me.errors).toBeUndefined();
  expect(me.data!.me.roles).toContain('PARTNER');
  const campaign = {
    input: { title: 'Partner run', mode: 'ONE_SHOT', lengthWeeks: 4, playHoursPerWeek: 2, maxPlayers: 4, llmTier: 'ECONOMY', startsAt: new Date(Date.now() + 86_400_000).toISOString() },
  };
  const CREATE = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id owner { handle } } }`;
  const denied = await gql(url, CREATE, campaign, read);
  expect(errorCode(denied)).toBe('FORBIDDEN');
  expect(denied.errors![0]!.extensions!.missingScopes).toEqual(['operation:createCampaign']);

  const writer = (await gql(url, CREATE_KEY, { input: { name: 'writer', scopes: ['operation:createCampaign'] } }, partnerToken)).data!.createApiKey.secret as string;
  const ok = await gql(url, CREATE, campaign, writer);
  expect(ok.errors).toBeUndefined();
  // that key may not read anything else
  expect(errorCode(await gql(url, `{ me { id } }`, {}, writer))).toBe('FORBIDDEN');
  // an API key cannot mint more keys
  expect(errorCode(await gql(url, CREATE_KEY, { input: { name: 'y', scopes: ['read'] } }, read))).toBe('FORBIDDEN');

  const list = await gql(url, `{ myApiKeys { totalCount edges { node { name lastUsedAt } } } }`, {}, partnerToken);
  const used = list.data!.myApiKeys.edges.find((e: any) => e.node.name === 'read');
  expect(used.node.lastUsedAt).not.toBeNull();
});

test('revoked, unknown and malformed keys are refused', async () => {
  const created = (await gql(url, CREATE_KEY, { input: { name: 'temp', scopes: ['read'] } }, partnerToken)).data!.createApiKey;
  const revoke = await gql(url, `mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: created.apiKey.id }, partnerToken);
  expect(revoke.data!.revokeApiKey.revokedAt).not.toBeNull();
  const res = await gql(url, `{ me { id } }`, {}, created.secret);
  expect(res.status).toBe(401);
  expect(errorCode(res)).toBe('UNAUTHENTICATED');
  expect(errorCode(await gql(url, `{ me { id } }`, {}, 'stk_not_a_real_key'))).toBe('UNAUTHENTICATED');
  const direct = await fetch(`${stack.urls.users}/api-keys/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"nokey":1}' });
  expect(direct.status).toBe(400);
});

test('bad input to key management is typed', async () => {
  expect(errorCode(await gql(url, CREATE_KEY, { input: { name: 'bad', scopes: ['admin:*'] } }, partnerToken))).toBe('BAD_USER_INPUT');
  expect(errorCode(await gql(url, CREATE_KEY, { input: { name: '', scopes: ['read'] } }, partnerToken))).toBe('BAD_USER_INPUT');
  expect(errorCode(await gql(url, CREATE_KEY, { input: { name: 'none', scopes: [] } }, partnerToken))).toBe('BAD_USER_INPUT');
  expect(errorCode(await gql(url, CREATE_KEY, { input: { name: 'past', scopes: ['read'], expiresAt: '2020-01-01T00:00:00Z' } }, partnerToken))).toBe('BAD_USER_INPUT');
  expect(errorCode(await gql(url, `mutation { revokeApiKey(id: "nope") { id } }`, {}, partnerToken))).toBe('BAD_USER_INPUT');
  expect(errorCode(await gql(url, `mutation { revokeApiKey(id: "01a212ad-030a-7531-8e0f-e49d94410f3d") { id } }`, {}, partnerToken))).toBe('NOT_FOUND');
  expect(errorCode(await gql(url, `{ myApiKeys(first: 0) { totalCount } }`, {}, partnerToken))).toBe('BAD_USER_INPUT');
});
