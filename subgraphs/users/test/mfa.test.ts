/**
 * Module `mfa` in process: TOTP (RFC 6238) enrollment, recovery codes, the sign-in challenge on every sign-in path,
 * and the rule that moderator, admin and finance roles reach a token only with MFA on.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@startales/contracts';
import { findAppError } from '@startales/kit';
import { User } from '../src/entities/user.entity.ts';
import { matchTotp, openSecret, sealSecret } from '../src/modules/mfa/totp.ts';
import { PASSWORD, code, createHarness, field, tokenRoles, totp, type Harness, type TestAccount } from './account-security/harness.ts';

const KEY = new Uint8Array(randomBytes(32));
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ mfaEncryptionKey: KEY });
});
afterAll(() => h?.cleanup());

const LOGIN = `mutation ($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken refreshToken user { id } } }`;
const ENROLL = `mutation { enrollMfa { secret otpauthUri issuer expiresAt } }`;
const CONFIRM = `mutation ($code: String!) { confirmMfa(code: $code) { recoveryCodes session { accessToken refreshToken user { id email mfaEnabled mfaRecoveryCodesRemaining } } } }`;
const VERIFY = `mutation ($t: String!, $code: String!) { verifyMfa(mfaToken: $t, code: $code) { accessToken refreshToken user { id email } } }`;
const DISABLE = `mutation ($code: String!) { disableMfa(code: $code) }`;
const REGENERATE = `mutation ($code: String!) { regenerateMfaRecoveryCodes(code: $code) }`;
const REFRESH = `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
const ME = `{ me { id mfaEnabled mfaRecoveryCodesRemaining } }`;

/** A 6-digit code valid for none of the accepted steps. */
function wrongCode(secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => totp(secret, h.clock.now + d)));
  return ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c))!;
}

/** Enrolls and confirms MFA for an account; returns its secret, recovery codes and the new session. */
async function enable(a: TestAccount) {
  const enrolled = await h.post(ENROLL, {}, { token: a.token });
  expect(enrolled.errors).toBeUndefined();
  const secret = enrolled.data.enrollMfa.secret as string;
  const confirmed = await h.post(CONFIRM, { code: totp(secret, h.clock.now) }, { token: a.token });
  expect(confirmed.errors).toBeUndefined();
  h.clock.advance(30_000); // the next code is a new step
  return { secret, recoveryCodes: confirmed.data.confirmMfa.recoveryCodes as string[], session: confirmed.data.confirmMfa.session };
}

/** Password sign-in of an MFA account: the challenge token. */
async function challenge(a: TestAccount, ip?: string): Promise<string> {
  const res = await h.post(LOGIN, { email: a.email, password: PASSWORD }, { ip });
  expect(code(res)).toBe('MFA_REQUIRED');
  expect(res.data ?? null).toBeNull();
  return res.errors![0]!.extensions!.mfaToken as string;
}

describe('TOTP', () => {
  test('RFC 6238 appendix B vectors (SHA1): the test generator and the service agree', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, expected] of vectors) {
      expect(totp(secret, seconds * 1000, 8)).toBe(expected);
      // a 6-digit code is the last six digits of the same HOTP value
      expect(matchTotp(secret, expected.slice(2), seconds * 1000)).toBe(Math.floor(seconds / 30));
    }
    expect(matchTotp(secret, '287082', 59_000 + 30_000)).toBe(1); // one step of drift is accepted
    expect(matchTotp(secret, '287082', 59_000 + 90_000)).toBeNull();
  });

  test('secrets are sealed with AES-256-GCM bound to the user id', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', 'user-a', KEY);
    expect(sealed).toStartWith('v1:');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(sealed, 'user-a', KEY)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => openSecret(sealed, 'user-b', KEY)).toThrow();
    expect(() => openSecret(sealed, 'user-a')).toThrow(/MFA_ENCRYPTION_KEY/);
    expect(openSecret(sealSecret('JBSWY3DPEHPK3PXP', 'user-a'), 'user-a')).toBe('JBSWY3DPEHPK3PXP');
  });
});

describe('enrollment', () => {
  test('enroll, confirm: ten recovery codes once, a new session, every other session signed out', async () => {
    const a = await h.account();
    const old = await h.post(LOGIN, { email: a.email, password: PASSWORD });
    const enrolled = await h.post(ENROLL, {}, { token: a.token });
    const { secret, otpauthUri, issuer } = enrolled.data.enrollMfa;
    expect(issuer).toBe('Startales');
    const uri = new URL(otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Startales:${a.handle}`);
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret, issuer: 'Startales', algorithm: 'SHA1', digits: '6', period: '30' });

    expect(code(await h.post(CONFIRM, { code: wrongCode(secret) }, { token: a.token }))).toBe('INVALID_MFA_CODE');
    const confirmed = await h.post(CONFIRM, { code: totp(secret, h.clock.now) }, { token: a.token });
    expect(confirmed.errors).toBeUndefined();
    const { recoveryCodes, session } = confirmed.data.confirmMfa;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    expect(session.user).toEqual({ id: a.id, email: a.email, mfaEnabled: true, mfaRecoveryCodesRemaining: 10 });
    expect(code(await h.post(REFRESH, { t: old.data.login.refreshToken }))).toBe('UNAUTHENTICATED');
    expect((await h.post(REFRESH, { t: session.refreshToken })).errors).toBeUndefined();

    // at rest: the secret sealed, recovery codes hashed
    const [row] = await h.sql(`select secret from users.mfa_totp where user_id = ?`, [a.id]);
    expect(row.secret).toStartWith('v1:');
    expect(row.secret).not.toContain(secret);
    const hashes = await h.sql<{ code_hash: string }>(`select code_hash from users.mfa_recovery_code where user_id = ?`, [a.id]);
    expect(hashes).toHaveLength(10);
    for (const c of recoveryCodes) expect(hashes.map((x) => x.code_hash)).not.toContain(c.replace(/-/g, ''));

    expect(code(await h.post(ENROLL, {}, { token: a.token }))).toBe('CONFLICT');
    expect(code(await h.post(CONFIRM, { code: totp(secret, h.clock.now) }, { token: a.token }))).toBe('CONFLICT');
  });

  test('bad input and wrong states', async () => {
    const a = await h.account();
    expect(code(await h.post(ENROLL))).toBe('UNAUTHENTICATED');
    expect(code(await h.post(CONFIRM, { code: '123456' }))).toBe('UNAUTHENTICATED');
    expect(code(await h.post(DISABLE, { code: '123456' }))).toBe('UNAUTHENTICATED');
    expect(code(await h.post(REGENERATE, { code: '123456' }))).toBe('UNAUTHENTICATED');
    expect(code(await h.post(CONFIRM, { code: '123456' }, { token: a.token }))).toBe('CONFLICT'); // nothing pending
    expect(code(await h.post(DISABLE, { code: '123456' }, { token: a.token }))).toBe('CONFLICT'); // not enabled
    expect(code(await h.post(REGENERATE, { code: '123456' }, { token: a.token }))).toBe('CONFLICT');
    const { secret } = (await h.post(ENROLL, {}, { token: a.token })).data.enrollMfa;
    for (const bad of ['', '12345', '1234567', 'abcdef', 'x'.repeat(500)]) {
      const res = await h.post(CONFIRM, { code: bad }, { token: a.token });
      expect([code(res), field(res)]).toEqual(['BAD_USER_INPUT', 'code']);
    }
    // a recovery code cannot confirm an enrollment
    expect(field(await h.post(CONFIRM, { code: 'abcd-efgh-ijkl-mnop' }, { token: a.token }))).toBe('code');
    // enrollment expires
    h.clock.advance(16 * 60_000);
    expect(code(await h.post(CONFIRM, { code: totp(secret, h.clock.now) }, { token: a.token }))).toBe('CONFLICT');
    expect(code(await h.post(`mutation { confirmMfa { recoveryCodes } }`, {}, { token: a.token }))).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('sign-in with MFA', () => {
  test('login answers MFA_REQUIRED; verifyMfa with a code gives the session; each code and challenge works once', async () => {
    const a = await h.account();
    const { secret } = await enable(a);
    const t1 = await challenge(a);
    const wrong = await h.post(VERIFY, { t: t1, code: totp(secret, h.clock.now - 120_000) });
    expect([code(wrong), field(wrong)]).toEqual(['INVALID_MFA_CODE', 'code']);
    const current = totp(secret, h.clock.now);
    const ok = await h.post(VERIFY, { t: t1, code: current });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.verifyMfa.user).toEqual({ id: a.id, email: a.email });
    expect(code(await h.post(VERIFY, { t: t1, code: current }))).toBe('INVALID_TOKEN'); // challenge used

    const t2 = await challenge(a);
    expect(code(await h.post(VERIFY, { t: t2, code: current }))).toBe('INVALID_MFA_CODE'); // code replayed
    h.clock.advance(30_000);
    expect((await h.post(VERIFY, { t: t2, code: totp(secret, h.clock.now) })).errors).toBeUndefined();

    // the challenge expires
    const t3 = await challenge(a);
    h.clock.advance(6 * 60_000);
    expect([code(await h.post(VERIFY, { t: t3, code: totp(secret, h.clock.now) })), field(await h.post(VERIFY, { t: t3, code: wrongCode(secret) }))]).toEqual([
      'INVALID_TOKEN',
      'mfaToken',
    ]);
  });

  test('a recovery code works once; regenerating replaces them all', async () => {
    const a = await h.account();
    const { secret, recoveryCodes } = await enable(a);
    const [first, second] = recoveryCodes;
    const ok = await h.post(VERIFY, { t: await challenge(a), code: first!.toUpperCase().replace(/-/g, ' ') });
    expect(ok.errors).toBeUndefined();
    expect(code(await h.post(VERIFY, { t: await challenge(a), code: first }))).toBe('INVALID_MFA_CODE');
    expect((await h.post(ME, {}, { token: a.token })).data.me).toEqual({ id: a.id, mfaEnabled: true, mfaRecoveryCodesRemaining: 9 });

    const fresh = await h.post(REGENERATE, { code: totp(secret, h.clock.now) }, { token: a.token });
    expect(fresh.data.regenerateMfaRecoveryCodes).toHaveLength(10);
    expect(code(await h.post(VERIFY, { t: await challenge(a), code: second }))).toBe('INVALID_MFA_CODE');
    expect((await h.post(VERIFY, { t: await challenge(a), code: fresh.data.regenerateMfaRecoveryCodes[0] })).errors).toBeUndefined();
  });

  test('a challenge dies after five wrong codes; codes are throttled per account', async () => {
    const a = await h.account();
    const { secret } = await enable(a);
    const t = await challenge(a, '10.9.0.1');
    for (let i = 0; i < 5; i++) expect(code(await h.post(VERIFY, { t, code: wrongCode(secret) }, { ip: `10.9.1.${i}` }))).toBe('INVALID_MFA_CODE');
    expect(code(await h.post(VERIFY, { t, code: totp(secret, h.clock.now) }, { ip: '10.9.2.1' }))).toBe('INVALID_TOKEN');
    // five failures on the account: the next code, even right and on a new challenge, waits
    const t2 = await challenge(a, '10.9.0.2');
    const limited = await h.post(VERIFY, { t: t2, code: totp(secret, h.clock.now) }, { ip: '10.9.2.2' });
    expect(code(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBe(1);
    h.clock.advance(1000);
    expect((await h.post(VERIFY, { t: t2, code: totp(secret, h.clock.now) }, { ip: '10.9.2.3' })).errors).toBeUndefined();
  });

  test('bad input: empty or unknown mfaToken, malformed code, several attempts in one operation', async () => {
    expect([code(await h.post(VERIFY, { t: '', code: '123456' })), field(await h.post(VERIFY, { t: '', code: '123456' }))]).toEqual(['BAD_USER_INPUT', 'mfaToken']);
    expect(code(await h.post(VERIFY, { t: 'F'.repeat(43), code: '123456' }))).toBe('INVALID_TOKEN');
    expect(code(await h.post(VERIFY, { t: 'F'.repeat(43), code: '12 34' }))).toBe('BAD_USER_INPUT');
    const twice = await h.post(
      `mutation ($t: String!) { a: verifyMfa(mfaToken: $t, code: "123456") { accessToken } b: verifyMfa(mfaToken: $t, code: "654321") { accessToken } }`,
      { t: 'F'.repeat(43) },
    );
    expect(code(twice)).toBe('BAD_USER_INPUT');
  });

  test('every sign-in path goes through the challenge: auth.completeSignIn throws MFA_REQUIRED', async () => {
    const a = await h.account();
    const { secret } = await enable(a);
    const em = h.env.deps.orm.em.fork();
    const user = await em.findOneOrFail(User, { id: a.id });
    const error = await h.app.services.auth.completeSignIn(em, user).catch((e: unknown) => e);
    const app = findAppError(error);
    expect(app?.code).toBe(ErrorCode.MFA_REQUIRED);
    expect(typeof app?.extensions.mfaToken).toBe('string');
    // and it finishes like a password sign-in
    const done = await h.post(VERIFY, { t: app!.extensions.mfaToken as string, code: totp(secret, h.clock.now) });
    expect(done.data.verifyMfa.user.id).toBe(a.id);
  });

  test('disabling needs a code; afterwards sign-in is one step again', async () => {
    const a = await h.account();
    const { secret } = await enable(a);
    expect(code(await h.post(DISABLE, { code: wrongCode(secret) }, { token: a.token }))).toBe('INVALID_MFA_CODE');
    expect((await h.post(DISABLE, { code: totp(secret, h.clock.now) }, { token: a.token })).data.disableMfa).toBe(true);
    expect((await h.post(LOGIN, { email: a.email, password: PASSWORD })).data.login.user.id).toBe(a.id);
    expect((await h.post(ME, {}, { token: a.token })).data.me).toEqual({ id: a.id, mfaEnabled: false, mfaRecoveryCodesRemaining: 0 });
    expect(await h.sql(`select * from users.mfa_totp where user_id = ?`, [a.id])).toEqual([]);
  });
});

describe('elevated roles need MFA', () => {
  const SET_ROLES = `mutation ($id: ID!) { setUserRoles(userId: $id, roles: [PLAYER, MODERATOR]) { id } }`;

  test('an admin without MFA gets a token without admin; with MFA the token carries it, on refresh too; off again drops it', async () => {
    const admin = await h.account({ roles: ['player', 'admin', 'finance'] });
    const target = await h.account();
    const before = await h.post(LOGIN, { email: admin.email, password: PASSWORD });
    expect(tokenRoles(before.data.login.accessToken)).toEqual(['player']);
    expect(code(await h.post(SET_ROLES, { id: target.id }, { token: before.data.login.accessToken }))).toBe('FORBIDDEN');
    // the stored roles are unchanged: the account can see what it will get
    expect((await h.post(`{ me { roles } }`, {}, { token: before.data.login.accessToken })).data.me.roles).toEqual(['PLAYER', 'ADMIN', 'FINANCE']);

    const { secret, session } = await enable({ ...admin, token: before.data.login.accessToken });
    expect(tokenRoles(session.accessToken)).toEqual(['player', 'admin', 'finance']);
    expect((await h.post(SET_ROLES, { id: target.id }, { token: session.accessToken })).errors).toBeUndefined();
    const refreshed = await h.post(REFRESH, { t: session.refreshToken });
    expect(tokenRoles(refreshed.data.refreshSession.accessToken)).toEqual(['player', 'admin', 'finance']);

    const viaLogin = await h.post(VERIFY, { t: await challenge(admin), code: totp(secret, h.clock.now) });
    expect(tokenRoles(viaLogin.data.verifyMfa.accessToken)).toEqual(['player', 'admin', 'finance']);

    h.clock.advance(30_000);
    await h.post(DISABLE, { code: totp(secret, h.clock.now) }, { token: session.accessToken });
    const after = await h.post(REFRESH, { t: refreshed.data.refreshSession.refreshToken });
    expect(tokenRoles(after.data.refreshSession.accessToken)).toEqual(['player']);
  });

  test('a moderator promoted by an admin needs MFA too; partner and player roles do not', async () => {
    const partner = await h.account({ roles: ['player', 'partner'] });
    expect(tokenRoles((await h.post(LOGIN, { email: partner.email, password: PASSWORD })).data.login.accessToken)).toEqual(['player', 'partner']);
    const mod = await h.account({ roles: ['player', 'moderator'] });
    expect(tokenRoles((await h.post(LOGIN, { email: mod.email, password: PASSWORD })).data.login.accessToken)).toEqual(['player']);
  });
});

describe('GDPR', () => {
  test('the export shows the factor without its secret; erasure removes it', async () => {
    const a = await h.account();
    const { secret } = await enable(a);
    const { mfaModule } = await import('../src/modules/mfa/index.ts');
    const em = h.env.deps.orm.em.fork();
    const exported = await mfaModule.gdpr!.exportUser(em, a.id);
    expect(JSON.stringify(exported)).not.toContain(secret);
    expect(exported.recoveryCodes).toEqual({ total: 10, used: 0 });
    await em.transactional((tx) => mfaModule.gdpr!.eraseUser(tx, a.id));
    expect(await h.sql(`select * from users.mfa_recovery_code where user_id = ?`, [a.id])).toEqual([]);
  });
});
