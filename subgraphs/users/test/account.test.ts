/**
 * Module `account` in process: email verification and password recovery (mail over SMTP to a local fake server),
 * enumeration-safe registration, brute-force throttling, one attempt per operation, and audited role changes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createLogger } from '@startales/kit';
import { signAccessToken } from '@startales/testing';
import { clientIp } from '../src/modules/account/client-ip.ts';
import { createMailTransport } from '../src/modules/account/mail/transport.ts';
import { DEFAULT_THROTTLE_RULES, retryAfterMs } from '../src/modules/account/throttle.ts';
import { hashToken } from '../src/modules/account/tokens.ts';
import { PASSWORD, WEB_APP_URL, code, createHarness, eventually, field, linkToken, unique, type Harness } from './account-security/harness.ts';

let h: Harness;
beforeAll(async () => {
  // a smaller per-IP sign-in budget than production's 20 keeps the spraying test short
  h = await createHarness({
    throttleRules: { login: { account: DEFAULT_THROTTLE_RULES.login.account, ip: { ...DEFAULT_THROTTLE_RULES.login.ip, free: 8 } } },
  });
});
afterAll(() => h?.cleanup());

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle email roles emailVerified } } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken refreshToken user { id } } }`;
const VERIFY = `mutation ($token: String!) { verifyEmail(token: $token) }`;
const RESEND = `mutation { resendVerificationEmail }`;
const REQUEST_RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation ($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }`;
const REFRESH = `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`;
const SET_ROLES = `mutation ($id: ID!, $roles: [Role!]!) { setUserRoles(userId: $id, roles: $roles) { id roles } }`;
const ME = `{ me { id emailVerified } }`;

const newPerson = () => {
  const handle = unique('r_');
  return { email: `${handle}@example.com`, password: PASSWORD, handle };
};

describe('email verification', () => {
  test('registration mails a link to the web app; the token works once and is stored only hashed', async () => {
    const p = newPerson();
    const reg = await h.post(REGISTER, { input: p });
    expect(reg.errors).toBeUndefined();
    expect(reg.data.register.user.emailVerified).toBe(false);

    const mail = await h.mailTo(p.email, /confirm your email/i);
    expect(mail.from).toBe('no-reply@startales.test');
    expect(mail.text).toContain(`${WEB_APP_URL}/verify-email?token=`);
    const token = linkToken(mail, '/verify-email');

    const rows = await h.sql(`select token_hash, purpose from users.account_token where user_id = ?`, [reg.data.register.user.id]);
    expect(rows).toEqual([{ token_hash: hashToken(token), purpose: 'verify_email' }]);
    // once sent, the stored message no longer holds the link
    const stored = await eventually(async () => (await h.sql(`select text, sent_at from users.mail_message where "to" = ?`, [p.email])).find((m) => m.sent_at));
    expect(stored.text).toBeNull();

    expect((await h.post(VERIFY, { token })).data.verifyEmail).toBe(true);
    expect((await h.post(ME, {}, { token: reg.data.register.accessToken })).data.me.emailVerified).toBe(true);
    // published for analytics' funnel ("verified"), once
    const verified = await eventually(async () => {
      const events = (await h.events('users.email_verified')) as unknown as Array<{ data: { userId: string } }>;
      const mine = events.filter((e) => e.data.userId === reg.data.register.user.id);
      return mine.length ? mine : null;
    });
    expect(verified).toHaveLength(1);
    const again = await h.post(VERIFY, { token });
    expect(code(again)).toBe('INVALID_TOKEN');
    expect(field(again)).toBe('token');
  });

  test('bad, unknown and expired tokens are INVALID_TOKEN; empty is BAD_USER_INPUT', async () => {
    expect(code(await h.post(VERIFY, { token: '' }))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(VERIFY, { token: 'x'.repeat(300) }))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(VERIFY, { token: 'not a token' }))).toBe('INVALID_TOKEN');
    expect(code(await h.post(VERIFY, { token: 'A'.repeat(43) }))).toBe('INVALID_TOKEN');
    expect(code(await h.post(`mutation { verifyEmail(token: 42) }`))).toBe('GRAPHQL_VALIDATION_FAILED');

    const a = await h.account();
    expect((await h.post(RESEND, {}, { token: a.token })).data.resendVerificationEmail).toBe(true);
    const token = linkToken(await h.mailTo(a.email, /confirm your email/i), '/verify-email');
    await h.sql(`update users.account_token set expires_at = now() - interval '1 second' where token_hash = ?`, [hashToken(token)]);
    expect(code(await h.post(VERIFY, { token }))).toBe('INVALID_TOKEN');
  });

  test('resend: signed in only, replaces the earlier link, nothing once verified, throttled', async () => {
    expect(code(await h.post(RESEND))).toBe('UNAUTHENTICATED');
    const a = await h.account();
    await h.post(RESEND, {}, { token: a.token });
    const first = linkToken(await h.mailTo(a.email, /confirm/i), '/verify-email');
    await h.post(RESEND, {}, { token: a.token });
    const second = await h.smtp.waitFor((m) => m.to.includes(a.email) && linkToken(m, '/verify-email') !== first);
    expect(code(await h.post(VERIFY, { token: first }))).toBe('INVALID_TOKEN');
    expect((await h.post(VERIFY, { token: linkToken(second, '/verify-email') })).data.verifyEmail).toBe(true);

    const before = h.smtp.mails.length;
    expect((await h.post(RESEND, {}, { token: a.token })).data.resendVerificationEmail).toBe(true);
    await h.mail.flush();
    expect(h.smtp.mails.length).toBe(before); // already verified: no mail
    const limited = await h.post(RESEND, {}, { token: a.token });
    expect(code(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBe(60);
  });

  test('a link for an old address stops working when the account email changes', async () => {
    const a = await h.account();
    await h.post(RESEND, {}, { token: a.token });
    const token = linkToken(await h.mailTo(a.email, /confirm/i), '/verify-email');
    await h.sql(`update users.user_account set email = ? where id = ?`, [`moved-${a.email}`, a.id]);
    expect(code(await h.post(VERIFY, { token }))).toBe('INVALID_TOKEN');
  });
});

describe('registration never reveals whether an email exists', () => {
  test('a duplicate email gets the same answer as a new one, no session, and the owner is told by mail', async () => {
    const owner = newPerson();
    const first = await h.post(REGISTER, { input: owner });
    expect(first.errors).toBeUndefined();

    const dupe = await h.post(REGISTER, { input: { ...newPerson(), email: owner.email.toUpperCase() } });
    const fresh = await h.post(REGISTER, { input: newPerson() });
    expect(dupe.errors).toBeUndefined();
    const shape = (r: typeof dupe) => JSON.stringify(r, (_, v) => (typeof v === 'string' ? typeof v : v));
    expect(shape(dupe)).toBe(shape(fresh));
    expect(dupe.data.register.user.emailVerified).toBe(false);
    expect(dupe.data.register.user.id).not.toBe(first.data.register.user.id);

    // nothing was created: no account, no session
    expect(await h.sql(`select count(*)::int as n from users.user_account where email = ?`, [owner.email])).toEqual([{ n: 1 }]);
    expect(code(await h.post(REFRESH, { t: dupe.data.register.refreshToken }))).toBe('UNAUTHENTICATED');
    const login = await h.post(LOGIN, { email: owner.email, password: PASSWORD });
    expect(login.data.login.user.id).toBe(first.data.register.user.id);

    const notice = await h.mailTo(owner.email, /someone tried to create an account/i);
    expect(notice.text).toContain(`${WEB_APP_URL}/forgot-password`);
  });

  test('a taken handle is HANDLE_TAKEN whether or not the email exists (handles are public)', async () => {
    const owner = newPerson();
    await h.post(REGISTER, { input: owner });
    const withOwnersEmail = await h.post(REGISTER, { input: { ...newPerson(), email: owner.email, handle: owner.handle.toUpperCase() } });
    const withNewEmail = await h.post(REGISTER, { input: { ...newPerson(), handle: owner.handle } });
    expect(code(withOwnersEmail)).toBe('HANDLE_TAKEN');
    expect(withOwnersEmail.errors).toEqual(withNewEmail.errors!);
  });

  test('duplicate-registration notices are capped per account (silently: the answer does not change)', async () => {
    const owner = newPerson();
    await h.post(REGISTER, { input: owner });
    for (let i = 0; i < 5; i++) expect((await h.post(REGISTER, { input: { ...newPerson(), email: owner.email } })).errors).toBeUndefined();
    await h.mail.flush();
    await Bun.sleep(200);
    expect(h.smtp.mails.filter((m) => m.to.includes(owner.email) && /someone tried/i.test(m.subject)).length).toBe(3);
  });
});

describe('password recovery', () => {
  test('always true; a known email gets a link, an unknown one gets nothing', async () => {
    const a = await h.account();
    const before = h.smtp.mails.length;
    expect((await h.post(REQUEST_RESET, { email: `nobody-${unique()}@example.com` })).data.requestPasswordReset).toBe(true);
    expect((await h.post(REQUEST_RESET, { email: ` ${a.email.toUpperCase()} ` })).data.requestPasswordReset).toBe(true);
    const mail = await h.mailTo(a.email, /reset your/i);
    expect(mail.text).toContain(`${WEB_APP_URL}/reset-password?token=`);
    await h.mail.flush();
    expect(h.smtp.mails.length).toBe(before + 1);
  });

  test('answers as fast for an unknown email as for a known one', async () => {
    const known = await Promise.all(Array.from({ length: 5 }, () => h.account()));
    const time = async (email: string, ip: string) => {
      const t = performance.now();
      await h.post(REQUEST_RESET, { email }, { ip });
      return performance.now() - t;
    };
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[2]!;
    const k: number[] = [];
    const u: number[] = [];
    for (let i = 0; i < 5; i++) {
      k.push(await time(known[i]!.email, `203.0.113.${10 + i}`));
      u.push(await time(`nobody-${unique()}@example.com`, `203.0.113.${20 + i}`));
    }
    // the lookup and the mail happen after the response: no database work differs before it
    expect(Math.abs(median(k) - median(u))).toBeLessThan(25);
  });

  test('a reset sets the password, uses the link up, signs out every session and unlocks sign-in', async () => {
    const a = await h.account();
    const s1 = await h.post(LOGIN, { email: a.email, password: PASSWORD });
    const s2 = await h.post(LOGIN, { email: a.email, password: PASSWORD });
    await h.post(REQUEST_RESET, { email: a.email });
    const token = linkToken(await h.mailTo(a.email, /reset your/i), '/reset-password');

    // a weak password does not use the link up
    const weak = await h.post(RESET, { token, password: 'short' });
    expect(code(weak)).toBe('WEAK_PASSWORD');
    expect(field(weak)).toBe('newPassword');

    const next = 'a much better passphrase';
    expect((await h.post(RESET, { token, password: next })).data.resetPassword).toBe(true);
    expect(code(await h.post(RESET, { token, password: next }))).toBe('INVALID_TOKEN');
    for (const s of [s1, s2]) expect(code(await h.post(REFRESH, { t: s.data.login.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(code(await h.post(LOGIN, { email: a.email, password: PASSWORD }))).toBe('UNAUTHENTICATED');
    expect((await h.post(LOGIN, { email: a.email, password: next })).data.login.user.id).toBe(a.id);
    expect((await h.post(ME, {}, { token: a.token })).data.me.emailVerified).toBe(true);
    await h.mailTo(a.email, /password was changed/i);
  });

  test('bad input: malformed email, empty or unknown token, non-string password', async () => {
    const bad = await h.post(REQUEST_RESET, { email: 'not-an-email' });
    expect(code(bad)).toBe('BAD_USER_INPUT');
    expect(field(bad)).toBe('email');
    expect(code(await h.post(RESET, { token: '', password: 'a much better passphrase' }))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(RESET, { token: 'B'.repeat(43), password: 'a much better passphrase' }))).toBe('INVALID_TOKEN');
    expect(code(await h.post(`mutation { resetPassword(token: "x") }`))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(code(await h.post(`mutation { requestPasswordReset(email: null) }`))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('requests are throttled per email, the same whether or not it has an account', async () => {
    const a = await h.account();
    const unknown = `nobody-${unique()}@example.com`;
    const run = async (email: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await h.post(REQUEST_RESET, { email }, { ip: `192.0.2.${i + 1}` });
        out.push(r.errors ? r.errors[0] : r.data);
      }
      return out;
    };
    const known = await run(a.email);
    expect(await run(unknown)).toEqual(known);
    expect(known.slice(0, 3)).toEqual([{ requestPasswordReset: true }, { requestPasswordReset: true }, { requestPasswordReset: true }]);
    expect((known[3] as { extensions: { code: string } }).extensions.code).toBe('RATE_LIMITED');
  });
});

describe('brute-force protection', () => {
  const attempt = (email: string, password: string, ip: string) => h.post(LOGIN, { email, password }, { ip });

  test('per account: free attempts, then exponential backoff; the right password waits too; success starts over', async () => {
    const a = await h.account();
    let k = 0;
    const ip = () => `10.1.0.${++k}`; // each from another address: the account key alone applies
    for (let i = 0; i < 5; i++) expect(code(await attempt(a.email, 'wrong password!', ip()))).toBe('UNAUTHENTICATED');
    const limited = await attempt(a.email, PASSWORD, ip());
    expect(code(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBe(1);

    h.clock.advance(1000);
    expect(code(await attempt(a.email, 'wrong password!', ip()))).toBe('UNAUTHENTICATED');
    expect((await attempt(a.email, PASSWORD, ip())).errors![0]!.extensions!.retryAfterSeconds).toBe(2);
    h.clock.advance(2000);
    expect(code(await attempt(a.email, 'wrong password!', ip()))).toBe('UNAUTHENTICATED');
    expect((await attempt(a.email, PASSWORD, ip())).errors![0]!.extensions!.retryAfterSeconds).toBe(4);
    h.clock.advance(4000);
    expect((await attempt(a.email, PASSWORD, ip())).data.login.user.id).toBe(a.id);
    // the success reset the account: five free attempts again
    for (let i = 0; i < 5; i++) expect(code(await attempt(a.email, 'wrong password!', ip()))).toBe('UNAUTHENTICATED');
  });

  test('enumeration: an unknown email and a wrong password answer alike, before and under throttling', async () => {
    const a = await h.account();
    const unknown = `nobody-${unique()}@example.com`;
    const run = async (email: string, ip: string) => {
      const out: Array<{ message: string; extensions?: Record<string, unknown> }> = [];
      for (let i = 0; i < 8; i++) out.push((await attempt(email, 'wrong password!', ip)).errors![0]!);
      return out;
    };
    const known = await run(a.email, '10.2.0.1');
    const missing = await run(unknown, '10.2.0.2');
    expect(missing).toEqual(known);
    expect(known[0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(known[7]!.extensions!.code).toBe('RATE_LIMITED');
  });

  test('per IP: spraying many accounts from one address is stopped; successes do not count against it', async () => {
    const ip = '10.3.0.1';
    const ok = await h.account();
    for (let i = 0; i < 10; i++) expect((await attempt(ok.email, PASSWORD, ip)).errors).toBeUndefined();
    const answers: Array<string | undefined> = [];
    for (let i = 0; i < 9; i++) answers.push(code(await attempt(`spray-${unique()}@example.com`, 'wrong password!', ip)));
    expect(answers.slice(0, 8).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(answers[8]).toBe('RATE_LIMITED');
    expect(code(await attempt(ok.email, PASSWORD, ip))).toBe('RATE_LIMITED');
    expect((await attempt(ok.email, PASSWORD, '10.3.0.2')).errors).toBeUndefined();
    // an IPv6 client is one /64: rotating addresses inside it gains nothing
    expect(clientIp(new Request('http://x', { headers: { 'x-startales-client-ip': '2001:db8:1:2::a' } }))).toBe(
      clientIp(new Request('http://x', { headers: { 'x-startales-client-ip': '2001:0db8:0001:0002:ffff::1' } })),
    );
  });

  test('concurrent attempts cannot slip past the limit', async () => {
    const a = await h.account();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(a.email, 'wrong password!', `10.4.0.${i + 1}`)));
    expect(results.filter((r) => code(r) === 'UNAUTHENTICATED').length).toBe(5);
    expect(results.filter((r) => code(r) === 'RATE_LIMITED').length).toBe(15);
  });

  test('wrong reset and verification tokens are throttled per IP', async () => {
    const ip = '10.5.0.1';
    for (let i = 0; i < 10; i++) expect(code(await h.post(VERIFY, { token: 'C'.repeat(43) }, { ip }))).toBe('INVALID_TOKEN');
    expect(code(await h.post(VERIFY, { token: 'C'.repeat(43) }, { ip }))).toBe('RATE_LIMITED');
    for (let i = 0; i < 10; i++) expect(code(await h.post(RESET, { token: 'D'.repeat(43), password: 'x' }, { ip }))).toBe('INVALID_TOKEN');
    expect(code(await h.post(RESET, { token: 'D'.repeat(43), password: 'x' }, { ip }))).toBe('RATE_LIMITED');
  });

  test('aliases and fragments cannot put several attempts in one operation; none is counted', async () => {
    const a = await h.account();
    const aliased = await h.post(
      `mutation ($e: String!) { a: login(input: { email: $e, password: "guess one!!" }) { accessToken } b: login(input: { email: $e, password: "guess two!!" }) { accessToken } }`,
      { e: a.email },
    );
    // the first refusal nulls the whole (non-null) result, so execution stops there
    expect(aliased.errors!.map((e) => e.extensions!.code)).toEqual(['BAD_USER_INPUT']);
    expect(aliased.data ?? null).toBeNull();
    const viaFragment = await h.post(
      `mutation ($t: String!) { verifyEmail(token: $t) ...More } fragment More on Mutation { again: verifyEmail(token: $t) }`,
      { t: 'E'.repeat(43) },
    );
    expect(code(viaFragment)).toBe('BAD_USER_INPUT');
    const mixed = await h.post(`mutation ($e: String!) { requestPasswordReset(email: $e) login(input: { email: $e, password: "guess!!!!!" }) { accessToken } }`, { e: a.email });
    expect(code(mixed)).toBe('BAD_USER_INPUT');
    const key = `login:account:${new Bun.CryptoHasher('sha256').update(a.email).digest('hex')}`;
    expect(await h.sql(`select attempts from users.auth_throttle where key = ?`, [key])).toEqual([]);
  });

  test('backoff arithmetic', () => {
    const rule = { free: 2, baseDelaySeconds: 1, maxDelaySeconds: 8, windowSeconds: 60 };
    const at = (attempts: number, idleMs = 0) => retryAfterMs({ attempts, lastAttemptAt: new Date(1_000_000 - idleMs) }, rule, 1_000_000);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => at(n))).toEqual([0, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(at(4, 3000)).toBe(1000);
    expect(at(7, 60_000)).toBe(0); // idle for a window: forgotten
  });
});

describe('roles', () => {
  test('admins replace roles: audited (append-only) and published', async () => {
    const admin = await h.account({ roles: ['player', 'admin'] });
    const target = await h.account();
    const res = await h.post(SET_ROLES, { id: target.id, roles: ['PLAYER', 'MODERATOR', 'PLAYER'] }, { token: admin.token });
    expect(res.errors).toBeUndefined();
    expect(res.data.setUserRoles.roles.sort()).toEqual(['MODERATOR', 'PLAYER']);

    const audit = await h.sql(`select actor, action, target_id, before, after from users.audit_log where target_id = ?`, [target.id]);
    expect(audit).toEqual([
      { actor: admin.id, action: 'user.roles_changed', target_id: target.id, before: { roles: ['player'] }, after: { roles: ['moderator', 'player'] } },
    ]);
    await expect(h.sql(`update users.audit_log set actor = 'someone else' where target_id = ?`, [target.id])).rejects.toThrow(/append-only/);
    await expect(h.sql(`delete from users.audit_log where target_id = ?`, [target.id])).rejects.toThrow(/append-only/);

    const events = await eventually(async () => {
      const all = await h.events<{ userId: string; before: string[]; after: string[] }>('users.role_changed');
      return all.filter((e) => e.data.userId === target.id).length ? all.filter((e) => e.data.userId === target.id) : null;
    });
    expect(events[0]).toMatchObject({ actor: admin.id, data: { before: ['player'], after: ['moderator', 'player'] } });

    // the same roles again: no new entry
    await h.post(SET_ROLES, { id: target.id, roles: ['MODERATOR', 'PLAYER'] }, { token: admin.token });
    expect((await h.sql(`select count(*)::int as n from users.audit_log where target_id = ?`, [target.id]))[0].n).toBe(1);

    const log = await h.post(
      `query ($id: ID) { accountAuditLog(first: 5, targetUserId: $id) { totalCount pageInfo { hasNextPage } edges { node { action actor actorUser { id } targetUser { id } before after } } } }`,
      { id: target.id },
      { token: admin.token },
    );
    expect(log.data.accountAuditLog).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      edges: [
        {
          node: {
            action: 'user.roles_changed',
            actor: admin.id,
            actorUser: { id: admin.id },
            targetUser: { id: target.id },
            before: '{"roles":["player"]}',
            after: '{"roles":["moderator","player"]}',
          },
        },
      ],
    });
  });

  test('bad input and authorisation', async () => {
    const admin = await h.account({ roles: ['player', 'admin'] });
    const player = await h.account();
    expect(code(await h.post(SET_ROLES, { id: player.id, roles: ['ADMIN'] }))).toBe('UNAUTHENTICATED');
    expect(code(await h.post(SET_ROLES, { id: admin.id, roles: ['PLAYER'] }, { token: player.token }))).toBe('FORBIDDEN');
    expect(field(await h.post(SET_ROLES, { id: 'nope', roles: ['PLAYER'] }, { token: admin.token }))).toBe('userId');
    expect(code(await h.post(SET_ROLES, { id: Bun.randomUUIDv7(), roles: ['PLAYER'] }, { token: admin.token }))).toBe('NOT_FOUND');
    const empty = await h.post(SET_ROLES, { id: player.id, roles: [] }, { token: admin.token });
    expect([code(empty), field(empty)]).toEqual(['BAD_USER_INPUT', 'roles']);
    expect(code(await h.post(`mutation ($id: ID!) { setUserRoles(userId: $id, roles: [OVERLORD]) { id } }`, { id: player.id }, { token: admin.token }))).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    const self = await h.post(SET_ROLES, { id: admin.id, roles: ['PLAYER'] }, { token: admin.token });
    expect([code(self), field(self)]).toEqual(['BAD_USER_INPUT', 'roles']);
    expect(code(await h.post(`{ accountAuditLog { totalCount } }`, {}, { token: player.token }))).toBe('FORBIDDEN');
    expect(field(await h.post(`{ accountAuditLog(first: 0) { totalCount } }`, {}, { token: admin.token }))).toBe('first');
    expect(field(await h.post(`{ accountAuditLog(after: "zzz") { totalCount } }`, {}, { token: admin.token }))).toBe('after');
    expect(field(await h.post(`{ accountAuditLog(targetUserId: "x") { totalCount } }`, {}, { token: admin.token }))).toBe('targetUserId');
    // a token claiming admin for an account that is not one is still just a token: roles come from tokens
    const forged = await signAccessToken(await (await import('@startales/testing')).createTestKeys(), { userId: player.id, roles: ['admin'] });
    expect(code(await h.post(SET_ROLES, { id: player.id, roles: ['ADMIN'] }, { token: forged }))).toBe('UNAUTHENTICATED');
  });

  test('emailVerified is private to the account and admins', async () => {
    const a = await h.account();
    const b = await h.account();
    const admin = await h.account({ roles: ['player', 'admin'] });
    const q = `query ($id: ID!) { user(id: $id) { emailVerified } }`;
    expect((await h.post(q, { id: a.id }, { token: b.token })).data.user.emailVerified).toBeNull();
    expect((await h.post(q, { id: a.id }, { token: a.token })).data.user.emailVerified).toBe(false);
    expect((await h.post(q, { id: a.id }, { token: admin.token })).data.user.emailVerified).toBe(false);
  });
});

describe('mail delivery', () => {
  test('a failed send is retried later; the body is kept until it is sent', async () => {
    const a = await h.account();
    h.smtp.failNext(1);
    await h.post(RESEND, {}, { token: a.token });
    const row = await eventually(async () => {
      const [m] = await h.sql(`select id, attempts, text, last_error, next_attempt_at from users.mail_message where "to" = ?`, [a.email]);
      return m?.attempts === 1 ? m : null;
    });
    expect(row.text).toContain('/verify-email?token=');
    expect(row.last_error).toContain('451');
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    await h.sql(`update users.mail_message set next_attempt_at = now() where id = ?`, [row.id]);
    await h.mail.flush();
    await h.mailTo(a.email, /confirm/i);
  });

  test('without SMTP_URL the message and its link are written to the log', async () => {
    const lines: string[] = [];
    const transport = createMailTransport({ from: 'x@y.z', logger: createLogger({ service: 't', level: 'info', write: (l) => lines.push(l) }) });
    expect(transport.kind).toBe('log');
    await transport.send({ to: 'dev@example.com', subject: 'Confirm', text: `open ${WEB_APP_URL}/verify-email?token=abc` });
    expect(lines.join('\n')).toContain(`${WEB_APP_URL}/verify-email?token=abc`);
    expect(lines.join('\n')).toContain('dev@example.com');
  });
});

describe('GDPR', () => {
  test('erasure removes tokens, verification, mail and throttle state; the export holds no secrets', async () => {
    const a = await h.account();
    await h.post(RESEND, {}, { token: a.token });
    await h.mailTo(a.email, /confirm/i);
    await h.post(LOGIN, { email: a.email, password: 'wrong password!' });
    const { accountModule } = await import('../src/modules/account/index.ts');
    const em = h.env.deps.orm.em.fork();
    const exported = await accountModule.gdpr!.exportUser(em, a.id);
    expect(JSON.stringify(exported)).not.toMatch(/token_?hash|verify-email\?token/i);
    expect((exported.linkTokens as unknown[]).length).toBe(1);
    await em.transactional((tx) => accountModule.gdpr!.eraseUser(tx, a.id));
    for (const table of ['account_token', 'mail_message']) {
      expect((await h.sql(`select count(*)::int as n from users.${table} where user_id = ?`, [a.id]))[0].n).toBe(0);
    }
    const key = `login:account:${new Bun.CryptoHasher('sha256').update(a.email).digest('hex')}`;
    expect(await h.sql(`select * from users.auth_throttle where key = ?`, [key])).toEqual([]);
  });
});
