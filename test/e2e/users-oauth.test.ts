/**
 * OAuth sign-in end to end: the real users process and gateway, configured through the environment against a
 * local Google-like OpenID Connect provider; the test plays the web app and the browser.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { startStack, gql, errorCode, type Stack } from '@startales/testing';
import { startFakeGoogle, type FakeGoogle } from '../../subgraphs/users/test/fakes/google.ts';

const WEB = 'http://127.0.0.1:5173';
const REDIRECT = `${WEB}/auth/callback`;
const START = `mutation ($input: OAuthStartInput!) { oauthStart(input: $input) { authorizationUrl state } }`;
const COMPLETE = `mutation ($input: OAuthCompleteInput!) { oauthComplete(input: $input) { accessToken refreshToken user { id handle email } } }`;

let google: FakeGoogle;
let stack: Stack;
let url: string;

beforeAll(async () => {
  google = await startFakeGoogle();
  stack = await startStack({
    env: {
      GOOGLE_CLIENT_ID: google.clientId,
      GOOGLE_CLIENT_SECRET: google.clientSecret,
      GOOGLE_ISSUER: google.issuer,
      OAUTH_REDIRECT_ORIGINS: WEB,
      STEAM_ENABLED: 'false',
    },
  });
  url = stack.gatewayUrl;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await google?.stop();
}, 60_000);

/** The web app starts the flow, the browser visits the provider and lands back on the web app with a query. */
async function authorize(): Promise<string> {
  const started = await gql(url, START, { input: { provider: 'GOOGLE', redirectUri: REDIRECT } });
  expect(started.errors).toBeUndefined();
  const res = await fetch(started.data!.oauthStart.authorizationUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  return back.search;
}

test('Google through the gateway: sign up, session works, sign in again to the same account', async () => {
  const providers = await gql(url, `{ oauthProviders }`);
  expect(providers.data!.oauthProviders).toEqual(['GOOGLE']);

  const sub = `2${Date.now()}`;
  const email = `grace.${Date.now().toString(36)}@gmail.example`;
  google.signInAs({ sub, email, emailVerified: true, name: 'Grace Hopper', givenName: 'Grace' });
  const first = await gql(url, COMPLETE, { input: { provider: 'GOOGLE', params: await authorize() } });
  expect(first.errors).toBeUndefined();
  const session = first.data!.oauthComplete;
  expect(session.user.email).toBe(email);
  expect(session.user.handle).toMatch(/^Grace(_\d{4})?$/);

  const me = await gql(url, `{ me { id handle linkedAccounts { provider email displayName } } }`, {}, session.accessToken);
  expect(me.errors).toBeUndefined();
  expect(me.data!.me).toEqual({ id: session.user.id, handle: session.user.handle, linkedAccounts: [{ provider: 'GOOGLE', email, displayName: 'Grace Hopper' }] });

  const refreshed = await gql(url, `mutation ($t: String!) { refreshSession(refreshToken: $t) { user { id } } }`, { t: session.refreshToken });
  expect(refreshed.data!.refreshSession.user.id).toBe(session.user.id);

  const again = await gql(url, COMPLETE, { input: { provider: 'GOOGLE', params: await authorize() } });
  expect(again.errors).toBeUndefined();
  expect(again.data!.oauthComplete.user.id).toBe(session.user.id);
});

test('typed errors reach the client through the gateway', async () => {
  google.signInAs({ sub: `3${Date.now()}`, name: 'Replay' });
  const params = await authorize();
  expect((await gql(url, COMPLETE, { input: { provider: 'GOOGLE', params } })).errors).toBeUndefined();
  expect(errorCode(await gql(url, COMPLETE, { input: { provider: 'GOOGLE', params } }))).toBe('OAUTH_STATE_INVALID');

  google.signInAs({ sub: `4${Date.now()}` }, 'unknown-key');
  const forged = await gql(url, COMPLETE, { input: { provider: 'GOOGLE', params: await authorize() } });
  expect(errorCode(forged)).toBe('OAUTH_VERIFICATION_FAILED');

  const discord = await gql(url, START, { input: { provider: 'DISCORD', redirectUri: REDIRECT } });
  expect(errorCode(discord)).toBe('OAUTH_PROVIDER_UNAVAILABLE');
  const evil = await gql(url, START, { input: { provider: 'GOOGLE', redirectUri: 'https://evil.example/cb' } });
  expect(errorCode(evil)).toBe('BAD_USER_INPUT');
});
