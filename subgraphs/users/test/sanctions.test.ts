/** The sanctions module: moderation's suspensions and bans, projected from DOMAIN, refuse sign-in and refresh. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { DomainEvent, type ModerationActionData, type ModerationActionRevokedData } from '@startales/contracts';
import { code, createHarness, eventually, type Harness } from './social/harness.ts';

let h: Harness;
const clock = { now: Date.now() };
beforeAll(async () => {
  h = await createHarness({ clock: () => clock.now });
});
afterAll(() => h?.cleanup());

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { refreshToken user { id } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;
const REFRESH = `mutation ($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }`;
const PASSWORD = 'correct horse battery';

let n = 0;
async function register() {
  const handle = `s_${Date.now().toString(36)}${(n++).toString(36)}`;
  const email = `${handle}@example.com`;
  const res = await h.post(REGISTER, { input: { email, handle, password: PASSWORD } });
  return { email, id: res.data.register.user.id as string, refreshToken: res.data.register.refreshToken as string };
}

const action = (userId: string, over: Partial<ModerationActionData> = {}): ModerationActionData => ({
  actionId: Bun.randomUUIDv7(),
  type: 'SUSPEND',
  userId,
  campaignId: null,
  content: null,
  policy: 'HARASSMENT',
  statement: 'You repeatedly insulted other players.',
  startsAt: new Date(clock.now).toISOString(),
  expiresAt: new Date(clock.now + 86_400_000).toISOString(),
  strikes: 2,
  activeStrikes: 2,
  escalatedFromId: null,
  caseId: null,
  ...over,
});
const publish = (type: DomainEvent, data: unknown) => h.env.deps.bus.publishDomain(type, data, Bun.randomUUIDv7());
const login = (email: string, password = PASSWORD) => h.post(LOGIN, { input: { email, password } });

test('a suspension refuses login and refresh with ACCOUNT_SUSPENDED (until, reason) until it expires', async () => {
  const p = await register();
  const a = action(p.id);
  await publish(DomainEvent.MODERATION_ACTION, a);
  const refused = await eventually(async () => {
    const res = await login(p.email);
    return code(res) === 'ACCOUNT_SUSPENDED' && res;
  });
  expect(refused.errors![0].extensions).toMatchObject({ until: a.expiresAt, reason: a.statement, policy: 'HARASSMENT', actionId: a.actionId });
  expect(code(await h.post(REFRESH, { t: p.refreshToken }))).toBe('ACCOUNT_SUSPENDED');
  // the password is checked first: a wrong one reveals nothing about the suspension
  expect((await login(p.email, 'wrong password here')).errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
  // other event types and other sanctions change nothing for this account
  await publish(DomainEvent.MODERATION_ACTION, action(p.id, { type: 'MUTE' }));

  clock.now += 86_400_000 + 1000;
  try {
    expect((await login(p.email)).errors).toBeUndefined();
  } finally {
    clock.now = Date.now();
  }
  // redelivery of the same event is applied once
  expect(await h.sql(`select id from users.account_sanction where user_id = ?`, [p.id])).toHaveLength(1);
});

test('a ban refuses with ACCOUNT_BANNED; a granted appeal (action_revoked) lets the player back in, in either order', async () => {
  const p = await register();
  const ban = action(p.id, { type: 'BAN', expiresAt: null, policy: 'CHEATING', statement: 'Botting in ranked campaigns.' });
  await publish(DomainEvent.MODERATION_ACTION, ban);
  const refused = await eventually(async () => {
    const res = await login(p.email);
    return code(res) === 'ACCOUNT_BANNED' && res;
  });
  expect(refused.errors![0].extensions).toMatchObject({ until: null, reason: 'Botting in ranked campaigns.' });
  const revoked: ModerationActionRevokedData = { actionId: ban.actionId, type: 'BAN', userId: p.id, campaignId: null, reason: 'appeal_granted', revokedAt: new Date().toISOString() };
  await publish(DomainEvent.MODERATION_ACTION_REVOKED, revoked);
  await eventually(async () => (await login(p.email)).errors === undefined);

  // a revocation seen before its action still wins
  const q = await register();
  const late = action(q.id);
  await publish(DomainEvent.MODERATION_ACTION_REVOKED, { ...revoked, actionId: late.actionId, type: 'SUSPEND', userId: q.id });
  await publish(DomainEvent.MODERATION_ACTION, late);
  await eventually(async () => (await h.sql(`select reason from users.account_sanction where id = ?`, [late.actionId]))[0]?.reason === late.statement);
  expect((await login(q.email)).errors).toBeUndefined();
});
