/**
 * The foundation slice end to end: real service processes (five subgraphs + gateway) on real PostgreSQL and
 * NATS, driven through the gateway the way the web app and partners call it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { startStack, gql, errorCode, eventually, signAccessToken, createTestKeys, unsignedToken, REPO_ROOT, type Stack, type GqlResponse } from '@startales/testing';

let stack: Stack;
let url: string;

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id handle email } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id handle } } }`;
const REFRESH = `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { id } } }`;
const CREATE_CAMPAIGN = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id title seed status owner { handle } price { perPlayerCents totalCents currency } } }`;

const PASSWORD = 'correct horse battery';
let n = 0;
const person = () => {
  const id = `${Date.now().toString(36)}${(n++).toString(36)}`;
  return { email: `p${id}@example.com`, password: PASSWORD, handle: `p_${id}` };
};
const campaignInput = (over: Record<string, unknown> = {}) => ({
  title: 'The Long Night',
  mode: 'WEEKLY',
  lengthWeeks: 12,
  playHoursPerWeek: 3,
  maxPlayers: 6,
  llmTier: 'PREMIUM',
  startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  ...over,
});

/** RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s), as an authenticator app computes it. */
function totp(secretBase32: string, timeMs = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secretBase32.toUpperCase()].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 30_000)));
  const mac = createHmac('sha1', Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)))).update(counter).digest();
  return ((mac.readUInt32BE(mac[19]! & 0xf) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

async function register(p = person()) {
  const res = await gql(url, REGISTER, { input: p });
  expect(res.errors).toBeUndefined();
  return { ...p, ...res.data!.register };
}

beforeAll(async () => {
  stack = await startStack();
  url = stack.gatewayUrl;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);


describe('a player through the gateway', () => {
  test('register → login → createCampaign → me { campaigns { price } }; analytics counts the signup', async () => {
    const p = person();
    const reg = await register(p);
    expect(reg.user.handle).toBe(p.handle);
    expect(reg.user.email).toBe(p.email);

    const login = await gql(url, LOGIN, { input: { email: p.email.toUpperCase(), password: p.password } });
    expect(login.errors).toBeUndefined();
    const token = login.data!.login.accessToken as string;
    expect(login.data!.login.user.id).toBe(reg.user.id);

    const created = await gql(url, CREATE_CAMPAIGN, { input: campaignInput({ seed: 'night-1' }) }, token);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCampaign).toMatchObject({
      title: 'The Long Night',
      seed: 'night-1',
      status: 'DRAFT',
      owner: { handle: p.handle },
      price: { currency: 'USD' },
    });
    const price = created.data!.createCampaign.price;
    expect(price.perPlayerCents).toBeGreaterThanOrEqual(1000);
    expect(price.perPlayerCents).toBeLessThanOrEqual(5000);
    expect(price.totalCents).toBe(price.perPlayerCents * 6);

    const me = await gql(url, `{ me { handle campaigns { title price { perPlayerCents } } } }`, {}, token);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toEqual({ handle: p.handle, campaigns: [{ title: 'The Long Night', price: { perPlayerCents: price.perPlayerCents } }] });

    // the first admin is made with the documented command, against the same database
    const grant = Bun.spawnSync(['bun', 'run', '--cwd', join(REPO_ROOT, 'subgraphs/users'), 'grant-role', p.email, 'admin'], {
      env: { ...process.env, ...stack.env },
    });
    expect(grant.exitCode).toBe(0);
    expect(grant.stdout.toString()).toContain('admin');

    // the role is in tokens issued from now on — once the account has MFA (required for admin, moderator, finance)
    const withoutMfa = await gql(url, LOGIN, { input: { email: p.email, password: p.password } });
    expect(errorCode(await gql(url, `{ platformStats { users } }`, {}, withoutMfa.data!.login.accessToken))).toBe('FORBIDDEN');
    const secret = (await gql(url, `mutation { enrollMfa { secret } }`, {}, token)).data!.enrollMfa.secret as string;
    const confirmed = await gql(url, `mutation ($c: String!) { confirmMfa(code: $c) { recoveryCodes } }`, { c: totp(secret) }, token);
    expect(confirmed.data!.confirmMfa.recoveryCodes).toHaveLength(10);
    const challenge = await gql(url, LOGIN, { input: { email: p.email, password: p.password } });
    expect(errorCode(challenge)).toBe('MFA_REQUIRED');
    const adminLogin = await gql(
      url,
      `mutation ($t: String!, $c: String!) { verifyMfa(mfaToken: $t, code: $c) { accessToken } }`,
      { t: challenge.errors![0]!.extensions!.mfaToken, c: confirmed.data!.confirmMfa.recoveryCodes[0] },
    );
    const adminToken = adminLogin.data!.verifyMfa.accessToken as string;
    const denied = await gql(url, `{ platformStats { users campaigns } }`, {}, token);
    expect(errorCode(denied)).toBe('FORBIDDEN');

    const stats = await eventually(async () => {
      const res = await gql(url, `{ platformStats { users campaigns } }`, {}, adminToken);
      const s = res.data?.platformStats;
      return s && s.users >= 1 && s.campaigns >= 1 ? s : null;
    }, 'analytics to count the signup and the campaign', 15_000);
    expect(stats.users).toBeGreaterThanOrEqual(1);
    expect(stats.campaigns).toBeGreaterThanOrEqual(1);
  });

  test('a player can report another; only moderators see User.reports', async () => {
    const a = await register();
    const b = await register();
    const filed = await gql(
      url,
      `mutation ($input: ReportUserInput!) { reportUser(input: $input) { id reason status reporter { handle } user { handle } } }`,
      { input: { userId: b.user.id, reason: 'HARASSMENT', details: 'spam in chat' } },
      a.accessToken,
    );
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.reportUser).toMatchObject({ reason: 'HARASSMENT', status: 'OPEN', reporter: { handle: a.handle }, user: { handle: b.handle } });

    const asPlayer = await gql(url, `query ($id: ID!) { user(id: $id) { handle reports { id } } }`, { id: b.user.id }, a.accessToken);
    expect(errorCode(asPlayer)).toBe('FORBIDDEN');
    expect(asPlayer.data?.user?.handle).toBe(b.handle);
    expect(asPlayer.data?.user?.reports).toBeNull();

    const modToken = await signAccessToken(stack.keys, { userId: a.user.id, roles: ['moderator'] });
    const asMod = await gql(url, `query ($id: ID!) { user(id: $id) { reports { reason details } } }`, { id: b.user.id }, modToken);
    expect(asMod.errors).toBeUndefined();
    expect(asMod.data!.user.reports).toEqual([{ reason: 'HARASSMENT', details: 'spam in chat' }]);

    const self = await gql(
      url,
      `mutation ($input: ReportUserInput!) { reportUser(input: $input) { id } }`,
      { input: { userId: a.user.id, reason: 'SPAM' } },
      a.accessToken,
    );
    expect(errorCode(self)).toBe('BAD_USER_INPUT');
  });
});

describe('refresh tokens', () => {
  test('rotate on every use; reusing an old one revokes the family, so the newest fails too', async () => {
    const a = await register();
    const r1 = await gql(url, REFRESH, { t: a.refreshToken });
    expect(r1.errors).toBeUndefined();
    const t2 = r1.data!.refreshSession.refreshToken as string;
    expect(t2).not.toBe(a.refreshToken);
    const r2 = await gql(url, REFRESH, { t: t2 });
    expect(r2.errors).toBeUndefined();
    const t3 = r2.data!.refreshSession.refreshToken as string;

    const reuse = await gql(url, REFRESH, { t: a.refreshToken });
    expect(errorCode(reuse)).toBe('UNAUTHENTICATED');
    expect(reuse.errors![0]!.extensions!.reason).toBe('REFRESH_TOKEN_REUSED');

    const newest = await gql(url, REFRESH, { t: t3 });
    expect(errorCode(newest)).toBe('UNAUTHENTICATED');
    expect(newest.errors![0]!.extensions!.reason).toBe('INVALID_REFRESH_TOKEN');
  });

  test('a concurrent double refresh lets at most one through', async () => {
    const a = await register();
    const results = await Promise.all([gql(url, REFRESH, { t: a.refreshToken }), gql(url, REFRESH, { t: a.refreshToken })]);
    expect(results.filter((r) => !r.errors).length).toBeLessThanOrEqual(1);
  });

  test('logout revokes the sign-in', async () => {
    const a = await register();
    const out = await gql(url, `mutation ($t: String!) { logout(refreshToken: $t) }`, { t: a.refreshToken });
    expect(out.data!.logout).toBe(true);
    expect(errorCode(await gql(url, REFRESH, { t: a.refreshToken }))).toBe('UNAUTHENTICATED');
  });
});

describe('bad input gets a typed error, never a 500', () => {
  const expectTyped = (res: GqlResponse<any>, code: string) => {
    expect(res.status).toBeLessThan(500);
    expect(errorCode(res)).toBe(code);
  };

  test('duplicate email and handle', async () => {
    const a = await register();
    // registration never reveals whether an email exists: answered like a new account, but no account or session
    // is created (the owner is mailed instead); handles are public, so a taken one is still HANDLE_TAKEN
    const dupe = await gql(url, REGISTER, { input: { ...person(), email: a.email } });
    expect(dupe.errors).toBeUndefined();
    expect(dupe.data!.register.user.id).not.toBe(a.user.id);
    expectTyped(await gql(url, REFRESH, { t: dupe.data!.register.refreshToken }), 'UNAUTHENTICATED');
    expect((await gql(url, LOGIN, { input: { email: a.email, password: a.password } })).data!.login.user.id).toBe(a.user.id);
    expectTyped(await gql(url, REGISTER, { input: { ...person(), handle: a.handle.toUpperCase() } }), 'HANDLE_TAKEN');
  });

  test('weak password and malformed email', async () => {
    expectTyped(await gql(url, REGISTER, { input: { ...person(), password: 'short1' } }), 'WEAK_PASSWORD');
    expectTyped(await gql(url, REGISTER, { input: { ...person(), password: 'password123' } }), 'WEAK_PASSWORD');
    const bad = await gql(url, REGISTER, { input: { ...person(), email: 'not-an-email' } });
    expectTyped(bad, 'BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.field).toBe('email');
  });

  test('login: unknown email and wrong password fail the same way', async () => {
    const a = await register();
    const wrong = await gql(url, LOGIN, { input: { email: a.email, password: 'wrong password here' } });
    const unknown = await gql(url, LOGIN, { input: { email: 'nobody-here@example.com', password: 'wrong password here' } });
    expectTyped(wrong, 'UNAUTHENTICATED');
    expectTyped(unknown, 'UNAUTHENTICATED');
    expect(wrong.errors![0]!.message).toBe(unknown.errors![0]!.message);
    expect(wrong.errors![0]!.extensions).toEqual(unknown.errors![0]!.extensions!);
  });

  test('expired token, token signed by another key, alg none', async () => {
    const a = await register();
    const expired = await signAccessToken(stack.keys, { userId: a.user.id, expiresIn: -60 });
    const res = await gql(url, `{ me { id } }`, {}, expired);
    expectTyped(res, 'UNAUTHENTICATED');
    expect(res.errors![0]!.extensions!.reason).toBe('TOKEN_EXPIRED');

    const foreign = await signAccessToken(await createTestKeys(), { userId: a.user.id, roles: ['admin'] });
    const res2 = await gql(url, `{ me { id } }`, {}, foreign);
    expectTyped(res2, 'UNAUTHENTICATED');
    expect(res2.errors![0]!.extensions!.reason).toBe('INVALID_TOKEN');

    const none = await gql(url, `{ platformStats { users } }`, {}, unsignedToken(a.user.id));
    expectTyped(none, 'UNAUTHENTICATED');
    expect(none.data ?? null).toBeNull();

    // the valid token still works
    const ok = await gql(url, `{ me { id } }`, {}, a.accessToken);
    expect(ok.data!.me.id).toBe(a.user.id);
  });

  test('campaign limits: maxPlayers 51, lengthWeeks 5, bad startsAt', async () => {
    const a = await register();
    const tooMany = await gql(url, CREATE_CAMPAIGN, { input: campaignInput({ maxPlayers: 51 }) }, a.accessToken);
    expectTyped(tooMany, 'BAD_USER_INPUT');
    expect(tooMany.errors![0]!.extensions!.field).toBe('maxPlayers');
    const badLength = await gql(url, CREATE_CAMPAIGN, { input: campaignInput({ lengthWeeks: 5 }) }, a.accessToken);
    expectTyped(badLength, 'BAD_USER_INPUT');
    expect(badLength.errors![0]!.extensions!.field).toBe('lengthWeeks');
    expectTyped(await gql(url, CREATE_CAMPAIGN, { input: campaignInput({ startsAt: 'next tuesday' }) }, a.accessToken), 'BAD_USER_INPUT');
    expectTyped(await gql(url, CREATE_CAMPAIGN, { input: campaignInput({ mode: 'FOREVER' }) }, a.accessToken), 'BAD_USER_INPUT');
    const none = await gql(url, `{ myCampaigns { id } }`, {}, a.accessToken);
    expect(none.data!.myCampaigns).toEqual([]);
  });

  test('quote validates its input', async () => {
    const q = `query ($input: QuoteInput!) { quote(input: $input) { perPlayerCents } }`;
    expectTyped(await gql(url, q, { input: { lengthWeeks: 4, playHoursPerWeek: 2, llmTier: 'ECONOMY', players: 1 } }), 'BAD_USER_INPUT');
    const ok = await gql(url, q, { input: { lengthWeeks: 4, playHoursPerWeek: 2, llmTier: 'ECONOMY', players: 2 } });
    expect(ok.data!.quote.perPlayerCents).toBeGreaterThanOrEqual(1000);
  });

  test('malformed requests', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    expectTyped(await gql(url, `{ nope }`), 'GRAPHQL_VALIDATION_FAILED');
    const big = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ me { id } }`, pad: 'x'.repeat(1_100_000) }) });
    expect(big.status).toBe(413);
  });
});

describe('every subgraph verifies the token itself', () => {
  const direct = (name: keyof Stack['urls'], query: string, token?: string) => gql(`${stack.urls[name]}/graphql`, query, {}, token);

  test('no token where one is required → UNAUTHENTICATED, even called directly', async () => {
    expect(errorCode(await direct('users', `{ me { id } }`))).toBe('UNAUTHENTICATED');
    expect(errorCode(await direct('campaigns', `{ myCampaigns { id } }`))).toBe('UNAUTHENTICATED');
    expect(errorCode(await direct('analytics', `{ platformStats { users } }`))).toBe('UNAUTHENTICATED');
    expect(errorCode(await direct('moderation', `mutation { reportUser(input: { userId: "01a212ad-030a-7531-8e0f-e49d94410f3d", reason: SPAM }) { id } }`))).toBe(
      'UNAUTHENTICATED',
    );
  });

  test('a bare user-id header is not trusted; forged and unsigned tokens are refused', async () => {
    const a = await register();
    const headers = { 'x-user-id': a.user.id, 'x-startales-user': a.user.id };
    expect(errorCode(await gql(`${stack.urls.campaigns}/graphql`, `{ myCampaigns { id } }`, {}, undefined, headers))).toBe('UNAUTHENTICATED');
    const forged = await signAccessToken(await createTestKeys(), { userId: a.user.id, roles: ['admin'] });
    for (const name of ['users', 'billing', 'campaigns', 'analytics', 'moderation'] as const) {
      const query = name === 'billing' ? `{ quote(input: { lengthWeeks: 4, playHoursPerWeek: 1, llmTier: ECONOMY, players: 2 }) { perPlayerCents } }` : `{ __typename }`;
      expect(errorCode(await direct(name, query, forged))).toBe('UNAUTHENTICATED');
      expect(errorCode(await direct(name, query, unsignedToken(a.user.id)))).toBe('UNAUTHENTICATED');
    }
    const ok = await direct('campaigns', `{ myCampaigns { id } }`, a.accessToken);
    expect(ok.data!.myCampaigns).toEqual([]);
  });
});

describe('shutdown', () => {
  test('SIGTERM stops every service cleanly (exit 0)', async () => {
    const codes = await stack.stop();
    expect(codes).toEqual({ users: 0, billing: 0, campaigns: 0, analytics: 0, moderation: 0, gateway: 0 });
    stack = undefined as unknown as Stack;
  }, 60_000);
});
