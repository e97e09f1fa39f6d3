/** Trusted documents (persisted operations) registered per partner, in process on a real database. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { createHarness, code, field, type Harness, type TestUser } from './social/harness.ts';
import { createSigningKeys } from '../src/modules/auth/keys.ts';

let h: Harness;
let partner: TestUser;
let other: TestUser;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const REGISTER = `mutation ($docs: [TrustedDocumentInput!]!) { registerTrustedDocuments(documents: $docs) { id name body createdAt } }`;
const FIND = `query ($id: ID!) { myTrustedDocument(id: $id) { id body } }`;
const DOC = `query Campaigns { me { id handle } }`;

beforeAll(async () => {
  h = await createHarness();
  partner = await h.user({ roles: ['partner'] });
  other = await h.user({ roles: ['partner'] });
});
afterAll(() => h?.cleanup());

test('a partner registers documents; the id is the SHA-256 of the text; registering again returns the same document', async () => {
  const res = await h.post(REGISTER, { docs: [{ body: DOC, name: 'campaigns' }, { body: `{ me { id } }` }] }, partner.token);
  expect(res.errors).toBeUndefined();
  const [first, second] = res.data.registerTrustedDocuments;
  expect(first).toMatchObject({ id: sha256(DOC), name: 'campaigns', body: DOC });
  expect(second.id).toBe(sha256(`{ me { id } }`));
  const again = await h.post(REGISTER, { docs: [{ body: DOC }, { body: DOC }] }, partner.token);
  expect(again.data.registerTrustedDocuments.map((d: { id: string; createdAt: string }) => [d.id, d.createdAt])).toEqual([
    [first.id, first.createdAt],
    [first.id, first.createdAt],
  ]);
  const rows = await h.sql(`select count(*)::int as n from users.trusted_document where owner_id = ?`, [partner.id]);
  expect(rows[0].n).toBe(2);
});

test('a partner finds only its own documents (what the gateway asks with the key-exchanged token)', async () => {
  const id = sha256(DOC);
  expect((await h.post(FIND, { id }, partner.token)).data.myTrustedDocument).toEqual({ id, body: DOC });
  expect((await h.post(FIND, { id }, other.token)).data.myTrustedDocument).toBeNull();
  expect((await h.post(FIND, { id: 'nope' }, partner.token)).data.myTrustedDocument).toBeNull();
  const keys = await createSigningKeys({ privateKeyPem: h.env.keys.privateKeyPem, issuer: 'startales-users', audience: 'startales', ttlSeconds: 900 });
  const keyToken = (
    await keys.signAccessToken({ userId: partner.id, handle: partner.handle, roles: ['partner'], scopes: ['read'], apiKeyId: Bun.randomUUIDv7(), ttlSeconds: 60 })
  ).token;
  expect((await h.post(FIND, { id }, keyToken)).data.myTrustedDocument.body).toBe(DOC);
  // …but a key cannot register or remove documents: that stays a signed-in act
  expect(code(await h.post(REGISTER, { docs: [{ body: `{ me { handle } }` }] }, keyToken))).toBe('FORBIDDEN');
  expect(code(await h.post(`mutation ($id: ID!) { removeTrustedDocument(id: $id) }`, { id }, keyToken))).toBe('FORBIDDEN');
});

test('only partners; bad documents are typed input errors naming the document', async () => {
  const player = await h.user();
  expect(code(await h.post(REGISTER, { docs: [{ body: DOC }] }, player.token))).toBe('FORBIDDEN');
  expect(code(await h.post(REGISTER, { docs: [{ body: DOC }] }))).toBe('UNAUTHENTICATED');
  const bad = async (docs: unknown[]) => {
    const res = await h.post(REGISTER, { docs }, partner.token);
    expect(code(res)).toBe('BAD_USER_INPUT');
    return field(res);
  };
  expect(await bad([])).toBe('documents');
  expect(await bad([{ body: DOC }, { body: '{ unclosed' }])).toBe('documents.1.body');
  expect(await bad([{ body: 'type Query { x: Int }' }])).toBe('documents.0.body');
  expect(await bad([{ body: 'fragment F on User { id }' }])).toBe('documents.0.body');
  expect(await bad([{ body: `{ me { id } } ${'#'.repeat(70_000)}` }])).toBe('documents.0.body');
  expect(await bad([{ body: DOC, name: 'x'.repeat(121) }])).toBe('documents.0.name');
  expect(await bad(Array.from({ length: 101 }, (_, i) => ({ body: `{ f${i} }` })))).toBe('documents');
});

test('listing pages newest first; removing one makes it unknown', async () => {
  const list = await h.post(`{ myTrustedDocuments(first: 1) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, {}, partner.token);
  const page = list.data.myTrustedDocuments;
  expect(page.totalCount).toBe(2);
  expect(page.edges).toHaveLength(1);
  expect(page.pageInfo.hasNextPage).toBe(true);
  const next = await h.post(`query ($after: String) { myTrustedDocuments(first: 5, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`, { after: page.pageInfo.endCursor }, partner.token);
  expect(next.data.myTrustedDocuments.edges).toHaveLength(1);
  expect(next.data.myTrustedDocuments.pageInfo.hasNextPage).toBe(false);
  const id = sha256(DOC);
  expect((await h.post(`mutation ($id: ID!) { removeTrustedDocument(id: $id) }`, { id }, other.token)).data.removeTrustedDocument).toBe(false);
  expect((await h.post(`mutation ($id: ID!) { removeTrustedDocument(id: $id) }`, { id }, partner.token)).data.removeTrustedDocument).toBe(true);
  expect((await h.post(FIND, { id }, partner.token)).data.myTrustedDocument).toBeNull();
  expect(code(await h.post(`mutation { removeTrustedDocument(id: "zz") }`, {}, partner.token))).toBe('BAD_USER_INPUT');
});
