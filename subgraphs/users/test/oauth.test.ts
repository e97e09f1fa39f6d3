/**
 * OAuth sign-in in process (`app.handle`), on a real database, against local fake identity providers that speak
 * the real protocols: Google-like OIDC (discovery, JWKS, signed id_token), Discord-like OAuth 2 and Steam-like
 * OpenID 2.0. The test plays the browser: it follows the authorization URL and hands the redirect's query back.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createInProcessDeps, eventually, type InProcessSubgraph } from '@startales/testing';
import { Stream } from '@startales/contracts';
import { createApp, type UsersDeps } from '../src/app.ts';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { createSigningKeys } from '../src/modules/auth/keys.ts';
import type { OAuthOptions } from '../src/modules/oauth/service.ts';
import { oauthModule } from '../src/modules/oauth/index.ts';
import { startFakeGoogle, type FakeGoogle } from './fakes/google.ts';
import { startFakeDiscord, type FakeDiscord } from './fakes/discord.ts';
import { startFakeSteam, type FakeSteam } from './fakes/steam.ts';

const WEB = 'http://127.0.0.1:5173';
const REDIRECT = `${WEB}/auth/callback`;

let env: InProcessSubgraph;
let deps: UsersDeps;
let app: ReturnType<typeof createApp>['app'];
let google: FakeGoogle;
let discord: FakeDiscord;
let steam: FakeSteam;

beforeAll(async () => {
  [env, google, discord, steam] = await Promise.all([
    createInProcessDeps({ schema: 'users', entities, migrations }),
    startFakeGoogle(),
    startFakeDiscord(),
    startFakeSteam(),
  ]);
  const keys = await createSigningKeys({ privateKeyPem: env.keys.privateKeyPem, issuer: 'startales-users', audience: 'startales', ttlSeconds: 900 });
  const oauth: OAuthOptions = {
    redirectOrigins: [WEB],
    google: { clientId: google.clientId, clientSecret: google.clientSecret, issuer: google.issuer },
    discord: { clientId: discord.clientId, clientSecret: discord.clientSecret, apiUrl: discord.apiUrl, authorizeUrl: discord.authorizeUrl },
    steam: { openIdUrl: steam.openIdUrl },
  };
  deps = { ...env.deps, keys, refreshTtlSeconds: 3600, oauth };
  app = createApp(deps).app;
});
afterAll(async () => {
  await Promise.all([google?.stop(), discord?.stop(), steam?.stop()]);
  await env?.cleanup();
});

type Gql = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
const post = (query: string, variables: Record<string, unknown> = {}, token?: string, target = app): Promise<Gql> =>
  target
    .handle(
      new Request('http://users.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      }),
    )
    .then((r) => r.json() as Promise<Gql>);
const code = (res: Gql) => res.errors?.[0]?.extensions?.code as string | undefined;

const START = `mutation ($input: OAuthStartInput!) { oauthStart(input: $input) { authorizationUrl state expiresAt } }`;
const COMPLETE = `mutation ($input: OAuthCompleteInput!) {
  oauthComplete(input: $input) { accessToken refreshToken user { id handle email roles linkedAccounts { provider displayName email } } }
}`;
const LINK = `mutation ($input: OAuthCompleteInput!) { linkOAuthAccount(input: $input) { provider displayName email linkedAt lastUsedAt } }`;
const UNLINK = `mutation ($p: OAuthProvider!) { unlinkOAuthAccount(provider: $p) { provider } }`;

type Provider = 'GOOGLE' | 'DISCORD' | 'STEAM';

async function start(provider: Provider, opts: { token?: string; link?: boolean; redirectUri?: string } = {}) {
  const res = await post(START, { input: { provider, redirectUri: opts.redirectUri ?? REDIRECT, link: opts.link ?? false } }, opts.token);
  expect(res.errors).toBeUndefined();
  return res.data.oauthStart as { authorizationUrl: string; state: string; expiresAt: string };
}

/** The browser's part: open the authorization URL; the provider redirects back to the web app with a query. */
async function follow(authorizationUrl: string): Promise<string> {
  const res = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  return back.search;
}

const callback = async (provider: Provider, opts: { token?: string; link?: boolean } = {}) => follow((await start(provider, opts)).authorizationUrl);
const complete = (provider: Provider, params: string) => post(COMPLETE, { input: { provider, params } });
const link = (provider: Provider, params: string, token: string) => post(LINK, { input: { provider, params } }, token);

async function signIn(provider: Provider) {
  const res = await complete(provider, await callback(provider));
  expect(res.errors).toBeUndefined();
  return res.data.oauthComplete as { accessToken: string; refreshToken: string; user: { id: string; handle: string; email: string; roles: string[]; linkedAccounts: any[] } };
}

let n = 0;
const uid = () => `${Date.now().toString(36)}${(n++).toString(36)}`;
const googleSub = () => `1${Date.now()}${n++}`.padEnd(21, '7').slice(0, 21);
const discordId = () => `9${Date.now()}${n++}`.slice(0, 18);
const steamId = () => `7656119${String(Date.now() * 100 + (n++ % 100)).slice(-10)}`;

describe('sign-in creates an account, the next sign-in finds it', () => {
  test('oauthProviders lists what is configured', async () => {
    const res = await post(`{ oauthProviders }`);
    expect(res.data.oauthProviders.sort()).toEqual(['DISCORD', 'GOOGLE', 'STEAM']);
  });

  test('Google (OIDC): PKCE + nonce in the authorization URL; verified email and a handle from the profile', async () => {
    const sub = googleSub();
    const email = `ada.${uid()}@gmail.example`;
    google.signInAs({ sub, email, emailVerified: true, name: 'Ada Lovelace', givenName: 'Ada' });
    const { authorizationUrl, state } = await start('GOOGLE');
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(google.issuer);
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    expect(url.searchParams.has('code_verifier')).toBe(false);

    const first = await complete('GOOGLE', await follow(authorizationUrl));
    expect(first.errors).toBeUndefined();
    const user = first.data.oauthComplete.user;
    expect(user.email).toBe(email);
    expect(user.handle).toMatch(/^Ada(_\d{4})?$/);
    expect(user.roles).toEqual(['PLAYER']);
    expect(user.linkedAccounts).toEqual([{ provider: 'GOOGLE', displayName: 'Ada Lovelace', email }]);

    const me = await post(`{ me { id linkedAccounts { provider } } }`, {}, first.data.oauthComplete.accessToken);
    expect(me.data.me).toEqual({ id: user.id, linkedAccounts: [{ provider: 'GOOGLE' }] });

    // the account has no usable password: a password login with its email fails like any wrong password
    const login = await post(`mutation ($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email, password: 'correct horse battery' } });
    expect(login.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
    const db = env.deps.orm.em.fork().getConnection();
    const hash = await db.execute(`select password_hash from users.user_account where id = ?`, [user.id]);
    expect(String(hash[0]?.password_hash)).toStartWith('$argon2id$');
    // a sign-up like any other: domain.users.registered is published
    const registered = await eventually(async () => {
      const msg = await env.deps.bus.jsm.streams
        .getMessage(env.deps.bus.streamName(Stream.DOMAIN), { last_by_subj: env.deps.bus.subject('domain.users.registered') })
        .catch(() => null);
      const event = msg?.json<{ data: { userId: string; handle: string } }>();
      return event && event.data.userId === user.id ? event.data : null;
    }, 'domain.users.registered for the OAuth sign-up', 5000, 50);
    expect(registered.handle).toBe(user.handle);

    google.signInAs({ sub, email, emailVerified: true, name: 'Ada L.', givenName: 'Ada' });
    const again = await signIn('GOOGLE');
    expect(again.user.id).toBe(user.id);
    expect(again.user.linkedAccounts).toEqual([{ provider: 'GOOGLE', displayName: 'Ada L.', email }]);
  });

  test('Google: an unverified email is not taken; the account gets an undeliverable placeholder', async () => {
    const email = `unverified.${uid()}@gmail.example`;
    google.signInAs({ sub: googleSub(), email, emailVerified: false, name: 'Unverified Person' });
    const { user } = await signIn('GOOGLE');
    // the stored placeholder (`<id>@oauth.invalid`) is never shown as an email
    expect(user.email).toBeNull();
    expect(user.linkedAccounts[0].email).toBeNull();
    expect(user.handle).toMatch(/^Unverified_Person(_\d{4})?$/);
  });

  test('Discord (OAuth 2 + /users/@me): account from the username; the same Discord user signs in again', async () => {
    const id = discordId();
    const username = `nelly${uid()}`.slice(0, 15);
    discord.signInAs({ id, username, global_name: 'Nelly', email: `nelly.${uid()}@discord.example`, verified: false });
    const url = new URL((await start('DISCORD')).authorizationUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toBe('identify email');
    const first = await complete('DISCORD', await follow(url.toString()));
    expect(first.errors).toBeUndefined();
    const user = first.data.oauthComplete.user;
    expect(user.handle).toBe(username);
    expect(user.email).toBeNull(); // Discord said the email is not verified: only an undeliverable placeholder is stored
    expect(user.linkedAccounts).toEqual([{ provider: 'DISCORD', displayName: 'Nelly', email: null }]);
    expect((await signIn('DISCORD')).user.id).toBe(user.id);
  });

  test('Steam (OpenID 2.0): check_authentication confirms the assertion; SteamID64 is the identity', async () => {
    const sid = steamId();
    steam.signInAs(sid);
    const url = new URL((await start('STEAM')).authorizationUrl);
    expect(url.searchParams.get('openid.mode')).toBe('checkid_setup');
    expect(url.searchParams.get('openid.realm')).toBe(`${WEB}/`);
    expect(url.searchParams.get('openid.return_to')).toStartWith(`${REDIRECT}?state=`);
    const before = steam.checks.valid;
    const first = await complete('STEAM', await follow(url.toString()));
    expect(first.errors).toBeUndefined();
    expect(steam.checks.valid).toBe(before + 1);
    const user = first.data.oauthComplete.user;
    expect(user.handle).toMatch(/^player(_\d{4})?$/);
    expect(user.linkedAccounts).toEqual([{ provider: 'STEAM', displayName: null, email: null }]);
    const rows = await env.deps.orm.em.fork().getConnection().execute(`select subject from users.oauth_account where user_id = ?`, [user.id]);
    expect(rows[0]?.subject).toBe(sid);
    expect((await signIn('STEAM')).user.id).toBe(user.id);
  });
});

describe('what is refused, with a typed error', () => {
  test('state: tampered, reused, expired, or used with another provider', async () => {
    google.signInAs({ sub: googleSub(), name: 'State Tester' });
    const params = await callback('GOOGLE');
    const tampered = params.replace(/state=([^&]+)/, (_, s: string) => `state=${s.slice(0, -2)}xx`);
    expect(code(await complete('GOOGLE', tampered))).toBe('OAUTH_STATE_INVALID');
    expect(code(await complete('DISCORD', params))).toBe('OAUTH_STATE_INVALID'); // consumed by this attempt
    expect(code(await complete('GOOGLE', params))).toBe('OAUTH_STATE_INVALID'); // …so it cannot be reused

    const ok = await callback('GOOGLE');
    expect((await complete('GOOGLE', ok)).errors).toBeUndefined();
    expect(code(await complete('GOOGLE', ok))).toBe('OAUTH_STATE_INVALID');

    const late = await callback('GOOGLE');
    await env.deps.orm.em.fork().getConnection().execute(`update users.oauth_flow set expires_at = now() - interval '1 second'`);
    expect(code(await complete('GOOGLE', late))).toBe('OAUTH_STATE_INVALID');
  });

  test('id_token: wrong nonce, unknown key, bad signature, expired, wrong audience', async () => {
    const cases = [
      ['wrong-nonce', 'id_token_nonce'],
      ['unknown-key', 'id_token_signature'],
      ['bad-signature', 'id_token_signature'],
      ['expired', 'id_token_exp'],
      ['wrong-audience', 'id_token_aud'],
    ] as const;
    for (const [fault, reason] of cases) {
      google.signInAs({ sub: googleSub(), email: `victim.${uid()}@gmail.example` }, fault);
      const res = await complete('GOOGLE', await callback('GOOGLE'));
      expect({ fault, code: code(res), reason: res.errors?.[0]?.extensions?.reason }).toEqual({ fault, code: 'OAUTH_VERIFICATION_FAILED', reason });
    }
  });

  test('PKCE: a code issued to one flow, injected into another, fails at the token endpoint', async () => {
    google.signInAs({ sub: googleSub(), name: 'Pkce Victim' });
    const victim = new URLSearchParams(await callback('GOOGLE'));
    const attacker = new URLSearchParams(await callback('GOOGLE'));
    attacker.set('code', victim.get('code')!); // the attacker's flow (own state and verifier), the victim's code
    const tokenRequests = google.tokenRequests;
    const res = await complete('GOOGLE', attacker.toString());
    expect(code(res)).toBe('OAUTH_VERIFICATION_FAILED');
    expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'token_exchange', providerError: 'invalid_grant' });
    expect(google.tokenRequests).toBe(tokenRequests + 1); // the provider itself refused the verifier

    const discordVictim = new URLSearchParams(await callback('DISCORD'));
    const discordAttacker = new URLSearchParams(await callback('DISCORD'));
    discordAttacker.set('code', discordVictim.get('code')!);
    expect(code(await complete('DISCORD', discordAttacker.toString()))).toBe('OAUTH_VERIFICATION_FAILED');
  });

  test('the provider answers with an error (the user cancelled)', async () => {
    const { state } = await start('GOOGLE');
    const res = await complete('GOOGLE', `?error=access_denied&state=${state}`);
    expect(code(res)).toBe('OAUTH_DENIED');
    expect(res.errors?.[0]?.extensions?.providerError).toBe('access_denied');
  });

  test('Steam: a forged assertion (another SteamID) is refused by check_authentication; a replay by the state', async () => {
    steam.signInAs(steamId());
    const genuine = new URLSearchParams(await callback('STEAM'));
    const forged = new URLSearchParams(genuine);
    const other = `https://steamcommunity.com/openid/id/${steamId()}`;
    forged.set('openid.claimed_id', other);
    forged.set('openid.identity', other);
    const checks = { ...steam.checks };
    const res = await complete('STEAM', forged.toString());
    expect(code(res)).toBe('OAUTH_VERIFICATION_FAILED');
    expect(res.errors?.[0]?.extensions?.reason).toBe('assertion');
    expect(steam.checks).toEqual({ total: checks.total + 1, valid: checks.valid });
    // the genuine assertion's state was spent by the forged attempt
    expect(code(await complete('STEAM', genuine.toString()))).toBe('OAUTH_STATE_INVALID');

    const replayed = await callback('STEAM');
    expect((await complete('STEAM', replayed)).errors).toBeUndefined();
    expect(code(await complete('STEAM', replayed))).toBe('OAUTH_STATE_INVALID');

    const { state } = await start('STEAM');
    expect(code(await complete('STEAM', `state=${state}&openid.ns=http://specs.openid.net/auth/2.0&openid.mode=cancel`))).toBe('OAUTH_DENIED');
  });

  test('a verified email of an existing account is never linked silently', async () => {
    const email = `owner.${uid()}@gmail.example`;
    const reg = await post(`mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }`, {
      i: { email, password: 'correct horse battery', handle: `owner_${uid()}`.slice(0, 24) },
    });
    expect(reg.errors).toBeUndefined();
    const sub = googleSub();
    google.signInAs({ sub, email: email.toUpperCase(), emailVerified: true, name: 'Owner' });
    const res = await complete('GOOGLE', await callback('GOOGLE'));
    expect(code(res)).toBe('OAUTH_ACCOUNT_EXISTS');

    // the owner signs in with the password and links Google; from then on Google signs in to that account
    const token = reg.data.register.accessToken as string;
    google.signInAs({ sub, email, emailVerified: true, name: 'Owner' });
    const linked = await link('GOOGLE', await callback('GOOGLE', { token, link: true }), token);
    expect(linked.errors).toBeUndefined();
    expect(linked.data.linkOAuthAccount).toMatchObject({ provider: 'GOOGLE', email, displayName: 'Owner' });
    expect((await signIn('GOOGLE')).user.id).toBe(reg.data.register.user.id);
  });
});

describe('link and unlink', () => {
  test('an OAuth-only account keeps at least one way to sign in', async () => {
    discord.signInAs({ id: discordId(), username: `solo${uid()}`.slice(0, 12) });
    const { accessToken: token, user } = await signIn('DISCORD');
    expect(code(await post(UNLINK, { p: 'DISCORD' }, token))).toBe('OAUTH_LAST_SIGN_IN_METHOD');

    steam.signInAs(steamId());
    const linked = await link('STEAM', await callback('STEAM', { token, link: true }), token);
    expect(linked.data?.linkOAuthAccount.provider).toBe('STEAM');
    const me = await post(`{ me { linkedAccounts { provider } } }`, {}, token);
    expect(me.data.me.linkedAccounts).toEqual([{ provider: 'DISCORD' }, { provider: 'STEAM' }]);

    // two unlinks at once cannot both pass (the user row is locked): exactly one succeeds
    const both = await Promise.all([post(UNLINK, { p: 'DISCORD' }, token), post(UNLINK, { p: 'STEAM' }, token)]);
    expect(both.map(code).sort()).toEqual(['OAUTH_LAST_SIGN_IN_METHOD', undefined].sort());
    expect((await post(`{ me { linkedAccounts { provider } } }`, {}, token)).data.me.linkedAccounts).toHaveLength(1);

    // once a real password is set (by whatever flow), the last provider may go
    const hash = await Bun.password.hash('a real password 123', { algorithm: 'argon2id' });
    await env.deps.orm.em.fork().getConnection().execute(`update users.user_account set password_hash = ? where id = ?`, [hash, user.id]);
    const remaining = (await post(`{ me { linkedAccounts { provider } } }`, {}, token)).data.me.linkedAccounts[0].provider;
    const last = await post(UNLINK, { p: remaining }, token);
    expect(last.errors).toBeUndefined();
    expect(last.data.unlinkOAuthAccount).toEqual([]);
    expect(code(await post(UNLINK, { p: remaining }, token))).toBe('NOT_FOUND');
  });

  test('an identity linked elsewhere, a second account of the same provider, and someone else completing the link', async () => {
    const aSteamId = steamId();
    steam.signInAs(aSteamId);
    const a = await signIn('STEAM');
    steam.signInAs(steamId());
    const b = await signIn('STEAM');

    // b tries to link a's Steam account → taken
    steam.signInAs(aSteamId);
    discord.signInAs({ id: discordId(), username: `bee${uid()}`.slice(0, 12) });
    const taken = await link('STEAM', await callback('STEAM', { token: b.accessToken, link: true }), b.accessToken);
    expect(code(taken)).toBe('OAUTH_ALREADY_LINKED');

    // b already has a Steam account: linking another one is refused until it is unlinked
    steam.signInAs(steamId());
    const second = await link('STEAM', await callback('STEAM', { token: b.accessToken, link: true }), b.accessToken);
    expect(code(second)).toBe('OAUTH_ALREADY_LINKED');

    // a link flow started by b cannot be completed by a (nor by anyone anonymous)
    const started = await callback('DISCORD', { token: b.accessToken, link: true });
    expect(code(await link('DISCORD', started, a.accessToken))).toBe('OAUTH_STATE_INVALID');
    const anon = await post(LINK, { input: { provider: 'DISCORD', params: await callback('DISCORD', { token: b.accessToken, link: true }) } });
    expect(code(anon)).toBe('UNAUTHENTICATED');
    // and a link flow is not a sign-in flow
    expect(code(await complete('DISCORD', await callback('DISCORD', { token: b.accessToken, link: true })))).toBe('OAUTH_STATE_INVALID');

    // linkedAccounts is for the account itself only
    const peek = await post(`query ($id: ID!) { user(id: $id) { handle linkedAccounts { provider } } }`, { id: a.user.id }, b.accessToken);
    expect(peek.errors).toBeUndefined();
    expect(peek.data.user.linkedAccounts).toBeNull();
  });
});

test('GDPR: the module exports the linked accounts and erases everything it holds on the user', async () => {
  discord.signInAs({ id: discordId(), username: `gdpr${uid()}`.slice(0, 12), global_name: 'Gdpr Person', email: `gdpr.${uid()}@discord.example`, verified: true });
  const { user } = await signIn('DISCORD');
  const em = env.deps.orm.em.fork();
  const exported = await oauthModule.gdpr!.exportUser(em, user.id);
  expect(exported).toMatchObject({ linkedAccounts: [{ provider: 'discord', displayName: 'Gdpr Person', email: user.email }] });
  await oauthModule.gdpr!.eraseUser(em, user.id);
  const db = em.getConnection();
  for (const table of ['oauth_account', 'oauth_password_marker', 'oauth_flow']) {
    expect(await db.execute(`select 1 from users.${table} where user_id = ?`, [user.id])).toEqual([]);
  }
});

describe('bad input and configuration', () => {
  test('every mutation validates its input (typed codes, never a 500)', async () => {
    const bad = async (redirectUri: string) => {
      const res = await post(START, { input: { provider: 'GOOGLE', redirectUri } });
      return [code(res), res.errors?.[0]?.extensions?.field];
    };
    for (const uri of ['https://evil.example/cb', `${REDIRECT}?next=/`, `${REDIRECT}#x`, 'not a url', 'javascript:alert(1)', `${WEB.replace('http', 'ftp')}/cb`, `${REDIRECT}/${'x'.repeat(2100)}`]) {
      expect(await bad(uri)).toEqual(['BAD_USER_INPUT', 'redirectUri']);
    }
    expect(code(await post(START, { input: { provider: 'GOOGLE', redirectUri: REDIRECT, link: true } }))).toBe('UNAUTHENTICATED');
    // an unknown provider fails GraphQL validation of the enum, before any resolver runs
    const facebook = await post(START, { input: { provider: 'FACEBOOK', redirectUri: REDIRECT } });
    expect(facebook.errors?.[0]?.message).toContain('OAuthProvider');
    expect(code(facebook)).not.toBe('INTERNAL_SERVER_ERROR');

    for (const params of ['', 'code=abc', 'state=a&state=b&code=c', 'x'.repeat(9000)]) {
      const res = await complete('GOOGLE', params);
      expect([code(res), res.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'params']);
    }
    expect(code(await complete('GOOGLE', 'state=never-issued&code=abc'))).toBe('OAUTH_STATE_INVALID');
    expect(code(await post(LINK, { input: { provider: 'GOOGLE', params: 'state=x' } }))).toBe('UNAUTHENTICATED');
    expect(code(await post(UNLINK, { p: 'GOOGLE' }))).toBe('UNAUTHENTICATED');
    expect((await post(UNLINK, { p: 'MYSPACE' })).errors?.[0]?.message).toContain('OAuthProvider');
  });

  test('a provider that is not configured, or not reachable, answers a typed error', async () => {
    const partial = createApp({
      ...deps,
      oauth: { redirectOrigins: [WEB], google: { clientId: 'x', clientSecret: 'y', issuer: 'http://127.0.0.1:9' } },
    }).app;
    const startOn = (provider: Provider) => post(START, { input: { provider, redirectUri: REDIRECT } }, undefined, partial);
    const unavailable = await startOn('DISCORD');
    expect(code(unavailable)).toBe('OAUTH_PROVIDER_UNAVAILABLE');
    expect(unavailable.errors?.[0]?.extensions?.field).toBe('provider');
    expect(code(await startOn('STEAM'))).toBe('OAUTH_PROVIDER_UNAVAILABLE');
    expect(code(await post(COMPLETE, { input: { provider: 'STEAM', params: 'state=x' } }, undefined, partial))).toBe('OAUTH_PROVIDER_UNAVAILABLE');
    expect(code(await startOn('GOOGLE'))).toBe('SERVICE_UNAVAILABLE'); // discovery cannot reach the issuer
    expect((await post(`{ oauthProviders }`, {}, undefined, partial)).data.oauthProviders).toEqual(['GOOGLE']);

    const none = createApp({ ...deps, oauth: undefined }).app;
    expect(code(await post(START, { input: { provider: 'GOOGLE', redirectUri: REDIRECT } }, undefined, none))).toBe('OAUTH_PROVIDER_UNAVAILABLE');
  });
});
