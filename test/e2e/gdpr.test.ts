/**
 * GDPR across every service: a data export assembled from each service's part and downloadable once, and an
 * account erasure after which no service's tables still hold the user's email or handle.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { SUBGRAPHS } from '@startales/contracts';
import { startStack, gql, errorCode, eventually, type Stack } from '@startales/testing';

let stack: Stack;
let url: string;
const suffix = Date.now().toString(36);
const alice = { email: `alice.${suffix}@example.com`, password: 'correct horse battery', handle: `Alice_${suffix}` };
const bob = { email: `bob.${suffix}@example.com`, password: 'correct horse battery', handle: `Bob_${suffix}` };
let aliceToken: string;
let aliceId: string;
let bobToken: string;
let bobId: string;

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;

beforeAll(async () => {
  stack = await startStack({ env: { USERS_PUBLIC_URL: 'http://placeholder' } });
  url = stack.gatewayUrl;
  const a = (await gql(url, REGISTER, { input: alice })).data!.register;
  const b = (await gql(url, REGISTER, { input: bob })).data!.register;
  [aliceToken, aliceId, bobToken, bobId] = [a.accessToken, a.user.id, b.accessToken, b.user.id];
  // alice leaves traces in several services
  const created = await gql(
    url,
    `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
    { input: { title: 'Alice draft', mode: 'WEEKLY', lengthWeeks: 4, playHoursPerWeek: 2, maxPlayers: 4, llmTier: 'STANDARD', startsAt: new Date(Date.now() + 86_400_000).toISOString() } },
    aliceToken,
  );
  expect(created.errors).toBeUndefined();
  const REPORT = `mutation ($input: ReportUserInput!) { reportUser(input: $input) { id } }`;
  expect((await gql(url, REPORT, { input: { userId: bobId, reason: 'SPAM', details: `spam from ${bob.handle}` } }, aliceToken)).errors).toBeUndefined();
  expect((await gql(url, REPORT, { input: { userId: aliceId, reason: 'HARASSMENT', details: `${alice.handle} was rude` } }, bobToken)).errors).toBeUndefined();
}, 120_000);

afterAll(() => stack?.stop(), 60_000);

/** The export link points at the users service; the test reaches it on its real port. */
const localLink = (downloadUrl: string) => downloadUrl.replace('http://placeholder', stack.urls.users);

test('exportMyData: every service contributes; the archive downloads once', async () => {
  const res = await gql(url, `mutation { exportMyData { id status downloadUrl } }`, {}, aliceToken);
  expect(res.errors).toBeUndefined();
  const { id, status, downloadUrl } = res.data!.exportMyData;
  expect(status).toBe('PENDING');
  expect(errorCode(await gql(url, `mutation { exportMyData { id } }`, {}, aliceToken))).toBe('CONFLICT');

  const early = await fetch(localLink(downloadUrl));
  expect([409, 200]).toContain(early.status);
  if (early.status === 200) throw new Error('export was ready before any service could answer?');

  await eventually(async () => {
    const list = await gql(url, `{ myDataExports { id status downloadUrl } }`, {}, aliceToken);
    const e = list.data?.myDataExports.find((x: any) => x.id === id);
    return e?.status === 'READY' && e.downloadUrl === null;
  }, 'the export to be READY', 20_000);

  const wrong = await fetch(localLink(downloadUrl).replace(/token=.*/, 'token=nope'));
  expect(wrong.status).toBe(403);
  const first = await fetch(localLink(downloadUrl));
  expect(first.status).toBe(200);
  expect(first.headers.get('content-disposition')).toContain('attachment');
  const archive = (await first.json()) as any;
  expect(Object.keys(archive.services).sort()).toEqual([...SUBGRAPHS].sort());
  expect(archive.services.users.user).toMatchObject({ id: aliceId, email: alice.email, handle: alice.handle });
  expect(archive.services.campaigns.campaigns[0].title).toBe('Alice draft');
  expect(archive.services.moderation.reportsFiled).toHaveLength(1);
  expect(archive.services.moderation.reportsAboutYou[0].reporterId).toBeUndefined();
  expect(archive.services.analytics.events.length).toBeGreaterThan(0);

  const second = await fetch(localLink(downloadUrl));
  expect(second.status).toBe(410);
}, 60_000);

test('deleteMyAccount: confirmation required; afterwards no service holds the email or handle', async () => {
  const DELETE = `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) }`;
  expect(errorCode(await gql(url, DELETE, { input: { confirmHandle: 'someone_else' } }, aliceToken))).toBe('BAD_USER_INPUT');
  expect(errorCode(await gql(url, DELETE, { input: { confirmHandle: alice.handle } }))).toBe('UNAUTHENTICATED');
  const res = await gql(url, DELETE, { input: { confirmHandle: alice.handle.toLowerCase() } }, aliceToken);
  expect(res.data?.deleteMyAccount).toBe(true);

  const sql = new Bun.SQL(stack.db.url, { max: 1 });
  try {
    await eventually(async () => {
      const rows = await sql`select completed_at from users.erasure where user_id = ${aliceId}`;
      return rows[0]?.completed_at != null;
    }, 'every service to acknowledge the erasure', 20_000);
    const acks = await sql`select service from users.erasure_ack where user_id = ${aliceId} order by service`;
    expect(acks.map((r: { service: string }) => r.service)).toEqual([...SUBGRAPHS].sort());

    const tables = await sql`select table_schema, table_name from information_schema.tables
      where table_schema in ('users','billing','campaigns','analytics','moderation') and table_type = 'BASE TABLE'`;
    expect(tables.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    for (const { table_schema, table_name } of tables as Array<{ table_schema: string; table_name: string }>) {
      for (const needle of [alice.email, alice.handle]) {
        const hit = await sql.unsafe(`select count(*)::int as n from "${table_schema}"."${table_name}" t where t::text ilike $1`, [`%${needle}%`]);
        if (hit[0].n > 0) leaks.push(`${table_schema}.${table_name} holds ${needle}`);
      }
    }
    expect(leaks).toEqual([]);
    // bob's data is untouched
    const bobRow = await sql`select handle from users.user_account where id = ${bobId}`;
    expect(bobRow[0].handle).toBe(bob.handle);
  } finally {
    await sql.close();
  }

  const login = await gql(url, `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`, { input: { email: alice.email, password: alice.password } });
  expect(errorCode(login)).toBe('UNAUTHENTICATED');
  const refreshDead = await gql(url, `{ user(id: "${aliceId}") { handle } }`, {}, bobToken);
  expect(refreshDead.data!.user.handle).toStartWith('erased_');
}, 60_000);
