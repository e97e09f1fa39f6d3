/**
 * Account security end to end: the users process and the gateway, mail over SMTP to a local fake server. Email
 * verification, password recovery, MFA sign-in, throttling keyed on the address the gateway saw (never on a header
 * the client wrote), one attempt per operation, and audited role changes including the grant-role CLI.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { startStack, gql, errorCode, REPO_ROOT, type Stack } from '@startales/testing';
import { startFakeSmtp, type FakeSmtp, type ReceivedMail } from '../../subgraphs/users/test/fakes/smtp-server.ts';

const WEB = 'http://web.example.test';
const PASSWORD = 'correct horse battery';
let stack: Stack;
let url: string;
let smtp: FakeSmtp;
let db: InstanceType<typeof Bun.SQL>;

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id handle email emailVerified } } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken refreshToken user { id } } }`;

let n = 0;
const person = () => {
  const id = `${Date.now().toString(36)}${(n++).toString(36)}`;
  return { email: `m${id}@example.com`, password: PASSWORD, handle: `m_${id}` };
};
async function register(p = person()) {
  const res = await gql(url, REGISTER, { input: p });
  expect(res.errors).toBeUndefined();
  return { ...p, id: res.data!.register.user.id as string, token: res.data!.register.accessToken as string };
}
const linkToken = (mail: ReceivedMail, path: string) =>
  new URL(mail.text.match(/https?:\/\/\S+/g)!.find((u) => new URL(u).pathname === path)!).searchParams.get('token')!;

/** RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s): what an authenticator app computes. */
function totp(secretBase32: string, timeMs = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secretBase32.toUpperCase()].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19]! & 0xf;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

beforeAll(async () => {
  smtp = startFakeSmtp();
  stack = await startStack({ services: ['users', 'gateway'], env: { SMTP_URL: smtp.url, WEB_APP_URL: WEB, MAIL_FROM: 'Startales <mail@startales.test>' } });
  url = stack.gatewayUrl;
  db = new Bun.SQL(stack.db.url, { max: 1 });
}, 120_000);

afterAll(async () => {
  await db?.close();
  await stack?.stop();
  smtp?.stop();
}, 60_000);

test('sign up, verify the email from the mail, forget the password, reset it', async () => {
  const p = await register();
  const verify = await smtp.waitFor((m) => m.to.includes(p.email) && /confirm/i.test(m.subject));
  expect(verify.from).toBe('mail@startales.test');
  const vres = await gql(url, `mutation ($t: String!) { verifyEmail(token: $t) }`, { t: linkToken(verify, '/verify-email') });
  expect(vres.data!.verifyEmail).toBe(true);
  expect((await gql(url, `{ me { emailVerified } }`, {}, p.token)).data!.me.emailVerified).toBe(true);

  expect((await gql(url, `mutation ($e: String!) { requestPasswordReset(email: $e) }`, { e: p.email })).data!.requestPasswordReset).toBe(true);
  const reset = await smtp.waitFor((m) => m.to.includes(p.email) && /reset/i.test(m.subject));
  expect(reset.text).toContain(`${WEB}/reset-password?token=`);
  const next = 'another fine passphrase';
  const rres = await gql(url, `mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`, { t: linkToken(reset, '/reset-password'), p: next });
  expect(rres.data!.resetPassword).toBe(true);
  expect(errorCode(await gql(url, LOGIN, { email: p.email, password: PASSWORD }))).toBe('UNAUTHENTICATED');
  expect((await gql(url, LOGIN, { email: p.email, password: next })).data!.login.user.id).toBe(p.id);
});

test('a duplicate registration is answered like a new one; the owner gets a notice instead', async () => {
  const owner = await register();
  const dupe = await gql(url, REGISTER, { input: { ...person(), email: owner.email } });
  expect(dupe.status).toBe(200);
  expect(dupe.errors).toBeUndefined();
  expect(Object.keys(dupe.data!.register).sort()).toEqual(['accessToken', 'refreshToken', 'user']);
  expect(dupe.data!.register.user.id).not.toBe(owner.id);
  await smtp.waitFor((m) => m.to.includes(owner.email) && /someone tried/i.test(m.subject));
});

test('throttling keys on the connection address: a client-supplied x-startales-client-ip is ignored', async () => {
  const p = await register();
  const spoofed = { 'x-startales-client-ip': '203.0.113.99' };
  expect(errorCode(await gql(url, LOGIN, { email: p.email, password: 'wrong password!' }, undefined, spoofed))).toBe('UNAUTHENTICATED');
  const keys = (await db`select key from users.auth_throttle where key like 'login:ip:%'`).map((r: { key: string }) => r.key);
  expect(keys).toContain('login:ip:127.0.0.1');
  expect(keys).not.toContain('login:ip:203.0.113.99');
});

test('enumeration through the gateway: unknown email and wrong password alike, also once throttled', async () => {
  const p = await register();
  const unknown = `nobody-${Date.now()}@example.com`;
  for (let i = 0; i < 6; i++) {
    const wrong = await gql(url, LOGIN, { email: p.email, password: 'wrong password!' });
    // once throttled, even the right password is refused (asked at once: the wait is a couple of seconds, and the
    // unknown-email login below costs a full password hash)
    const limited = i === 5 ? await gql(url, LOGIN, { email: p.email, password: PASSWORD }) : undefined;
    const missing = await gql(url, LOGIN, { email: unknown, password: 'wrong password!' });
    expect(missing.status).toBe(wrong.status);
    expect(missing.errors).toEqual(wrong.errors!);
    expect(errorCode(wrong)).toBe(i < 5 ? 'UNAUTHENTICATED' : 'RATE_LIMITED');
    if (limited) {
      expect(errorCode(limited)).toBe('RATE_LIMITED');
      expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
  }
});

test('aliases cannot multiply sign-in attempts through the gateway', async () => {
  const p = await register();
  const guesses = Array.from({ length: 10 }, (_, i) => `g${i}: login(input: { email: $e, password: "guess number ${i}" }) { accessToken }`).join('\n');
  const res = await gql(url, `mutation ($e: String!) { ${guesses} }`, { e: p.email });
  expect(res.status).toBeLessThan(500);
  expect(errorCode(res)).toBe('BAD_USER_INPUT');
  expect(res.data ?? null).toBeNull();
  // nothing was tried: the right password still signs in at once
  expect((await gql(url, LOGIN, { email: p.email, password: PASSWORD })).data!.login.user.id).toBe(p.id);
});

test('MFA: enroll, confirm, then sign-in needs the code (MFA_REQUIRED carries the mfaToken through the gateway)', async () => {
  const p = await register();
  const enrolled = await gql(url, `mutation { enrollMfa { secret otpauthUri } }`, {}, p.token);
  const secret = enrolled.data!.enrollMfa.secret as string;
  const confirmed = await gql(url, `mutation ($c: String!) { confirmMfa(code: $c) { recoveryCodes session { accessToken } } }`, { c: totp(secret) }, p.token);
  expect(confirmed.errors).toBeUndefined();
  const [recovery] = confirmed.data!.confirmMfa.recoveryCodes as string[];

  const login = await gql(url, LOGIN, { email: p.email, password: PASSWORD });
  expect(errorCode(login)).toBe('MFA_REQUIRED');
  const mfaToken = login.errors![0]!.extensions!.mfaToken as string;
  expect(mfaToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const VERIFY = `mutation ($t: String!, $c: String!) { verifyMfa(mfaToken: $t, code: $c) { accessToken user { id email } } }`;
  expect(errorCode(await gql(url, VERIFY, { t: mfaToken, c: 'nonsense' }))).toBe('BAD_USER_INPUT');
  const done = await gql(url, VERIFY, { t: mfaToken, c: recovery });
  expect(done.data!.verifyMfa.user).toEqual({ id: p.id, email: p.email });
});

test('roles: the grant-role CLI and setUserRoles write the same audit trail; admin needs MFA to act', async () => {
  const admin = await register();
  const target = await register();
  const grant = Bun.spawnSync(['bun', 'run', '--cwd', join(REPO_ROOT, 'subgraphs/users'), 'grant-role', admin.email, 'admin'], {
    env: { ...process.env, ...stack.env },
  });
  expect(grant.exitCode).toBe(0);
  expect(grant.stdout.toString()).toContain('MFA');
  const cli = await db`select actor, action, before, after from users.audit_log where target_id = ${admin.id}`;
  expect(cli).toEqual([{ actor: 'system:cli', action: 'user.roles_changed', before: { roles: ['player'] }, after: { roles: ['player', 'admin'] } }]);

  const SET = `mutation ($id: ID!, $roles: [Role!]!) { setUserRoles(userId: $id, roles: $roles) { roles } }`;
  const withoutMfa = await gql(url, LOGIN, { email: admin.email, password: PASSWORD });
  expect(errorCode(await gql(url, SET, { id: target.id, roles: ['PLAYER', 'FINANCE'] }, withoutMfa.data!.login.accessToken))).toBe('FORBIDDEN');

  const secret = (await gql(url, `mutation { enrollMfa { secret } }`, {}, admin.token)).data!.enrollMfa.secret as string;
  const session = (await gql(url, `mutation ($c: String!) { confirmMfa(code: $c) { session { accessToken } } }`, { c: totp(secret) }, admin.token)).data!.confirmMfa
    .session.accessToken as string;
  expect(errorCode(await gql(url, SET, { id: target.id, roles: ['PLAYER', 'OVERLORD'] }, session))).toBe('BAD_USER_INPUT');
  const set = await gql(url, SET, { id: target.id, roles: ['PLAYER', 'FINANCE'] }, session);
  expect(set.data!.setUserRoles.roles.sort()).toEqual(['FINANCE', 'PLAYER']);
  const log = await gql(url, `query ($id: ID) { accountAuditLog(targetUserId: $id) { totalCount edges { node { actorUser { id } after } } } }`, { id: target.id }, session);
  expect(log.data!.accountAuditLog).toEqual({ totalCount: 1, edges: [{ node: { actorUser: { id: admin.id }, after: '{"roles":["finance","player"]}' } }] });
}, 30_000);
