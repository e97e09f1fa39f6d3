/**
 * Profiles, friends, parties, blocks and privacy end to end: real processes behind the gateway, three players.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { startStack, gql, errorCode, signAccessToken, type Stack } from '@startales/testing';

let stack: Stack;
let url: string;

const PASSWORD = 'correct horse battery';
let n = 0;
async function register() {
  const id = `${Date.now().toString(36)}${(n++).toString(36)}`;
  const input = { email: `s${id}@example.com`, password: PASSWORD, handle: `s_${id}` };
  const res = await gql(url, `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id handle } } }`, { input });
  expect(res.errors).toBeUndefined();
  return { id: res.data!.register.user.id as string, handle: input.handle, token: res.data!.register.accessToken as string };
}

beforeAll(async () => {
  stack = await startStack({ services: ['users', 'campaigns', 'gateway'] });
  url = stack.gatewayUrl;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

test('three players: profile and privacy, friends, a party, a block', async () => {
  const [ann, bob, cat] = [await register(), await register(), await register()];

  // profile + preferences, and privacy on user(id)
  const profile = await gql(
    url,
    `mutation { updateProfile(input: { displayName: "Ann", bio: "Rogue at heart", avatarUrl: "https://img.example.com/ann.png" }) { displayName }
                updatePreferences(input: { timezone: "Europe/Paris", language: "fr", llmTier: STANDARD }) { preferences { timezone llmTier } } }`,
    {},
    ann.token,
  );
  expect(profile.errors).toBeUndefined();
  expect(profile.data!.updatePreferences.preferences).toEqual({ timezone: 'Europe/Paris', llmTier: 'STANDARD' });
  const VIEW = `query ($id: ID!) { user(id: $id) { handle displayName bio preferences { timezone } friendStatus } }`;
  expect((await gql(url, VIEW, { id: ann.id }, bob.token)).data!.user).toEqual({
    handle: ann.handle,
    displayName: 'Ann',
    bio: 'Rogue at heart',
    preferences: null,
    friendStatus: 'NONE',
  });
  await gql(url, `mutation { updatePrivacy(input: { profileVisibility: FRIENDS }) { id } }`, {}, ann.token);
  expect((await gql(url, VIEW, { id: ann.id }, bob.token)).data!.user).toMatchObject({ handle: ann.handle, displayName: null, bio: null });

  // friends: bob asks, ann accepts; now bob sees the friends-only profile
  const sent = await gql(url, `mutation ($id: ID!) { sendFriendRequest(userId: $id) { status request { id } } }`, { id: ann.id }, bob.token);
  expect(sent.data!.sendFriendRequest.status).toBe('REQUEST_SENT');
  const incoming = await gql(url, `{ incomingFriendRequests { totalCount edges { node { id from { handle } } } } }`, {}, ann.token);
  expect(incoming.data!.incomingFriendRequests.edges[0].node.from.handle).toBe(bob.handle);
  const accepted = await gql(url, `mutation ($id: ID!) { acceptFriendRequest(requestId: $id) { handle } }`, { id: sent.data!.sendFriendRequest.request.id }, ann.token);
  expect(accepted.data!.acceptFriendRequest.handle).toBe(bob.handle);
  expect((await gql(url, VIEW, { id: ann.id }, bob.token)).data!.user).toMatchObject({ displayName: 'Ann', friendStatus: 'FRIENDS' });
  expect((await gql(url, VIEW, { id: ann.id }, cat.token)).data!.user.displayName).toBeNull();

  // a party: ann leads, bob joins; the party resolves members across the graph (User.campaigns from campaigns)
  const party = await gql(url, `mutation { createParty(input: { maxSize: 3 }) { id } }`, {}, ann.token);
  const partyId = party.data!.createParty.id as string;
  const invite = await gql(url, `mutation ($p: ID!, $u: ID!) { inviteToParty(partyId: $p, userId: $u) { id } }`, { p: partyId, u: bob.id }, ann.token);
  expect(invite.errors).toBeUndefined();
  const joined = await gql(url, `mutation ($id: ID!) { acceptPartyInvite(inviteId: $id) { size leader { handle } members { handle campaigns { id } } } }`, { id: invite.data!.inviteToParty.id }, bob.token);
  expect(joined.errors).toBeUndefined();
  expect(joined.data!.acceptPartyInvite).toEqual({ size: 2, leader: { handle: ann.handle }, members: [{ handle: ann.handle, campaigns: [] }, { handle: bob.handle, campaigns: [] }] });
  // cat is no friend of ann's: she cannot be invited
  expect(errorCode(await gql(url, `mutation ($p: ID!, $u: ID!) { inviteToParty(partyId: $p, userId: $u) { id } }`, { p: partyId, u: cat.id }, ann.token))).toBe('FORBIDDEN');
  expect(errorCode(await gql(url, `mutation ($p: ID!, $u: ID!) { kickFromParty(partyId: $p, userId: $u) { id } }`, { p: partyId, u: ann.id }, bob.token))).toBe('NOT_PARTY_LEADER');

  // cat blocks ann: ann cannot ask cat, cannot see cat's public profile, and cat's block list is hers alone
  await gql(url, `mutation { updateProfile(input: { displayName: "Cat" }) { id } }`, {}, cat.token);
  expect((await gql(url, VIEW, { id: cat.id }, ann.token)).data!.user.displayName).toBe('Cat');
  const blocked = await gql(url, `mutation ($id: ID!) { blockUser(userId: $id) { handle } }`, { id: ann.id }, cat.token);
  expect(blocked.data!.blockUser.handle).toBe(ann.handle);
  const ask = await gql(url, `mutation ($id: ID!) { sendFriendRequest(userId: $id) { status } }`, { id: cat.id }, ann.token);
  expect(ask.status).toBeLessThan(500);
  expect(errorCode(ask)).toBe('FORBIDDEN');
  expect((await gql(url, VIEW, { id: cat.id }, ann.token)).data!.user).toMatchObject({ handle: cat.handle, displayName: null });
  expect((await gql(url, `{ me { blockedUserIds } myBlockedUsers { totalCount } }`, {}, cat.token)).data).toEqual({
    me: { blockedUserIds: [ann.id] },
    myBlockedUsers: { totalCount: 1 },
  });
  const peek = await gql(url, `query ($id: ID!) { user(id: $id) { blockedUserIds } }`, { id: cat.id }, ann.token);
  expect(peek.data!.user.blockedUserIds).toBeNull();
  const admin = await signAccessToken(stack.keys, { userId: bob.id, roles: ['admin'] });
  expect((await gql(url, `query ($id: ID!) { user(id: $id) { blockedUserIds } }`, { id: cat.id }, admin)).data!.user.blockedUserIds).toEqual([ann.id]);

  // typed errors, never a 500
  const self = await gql(url, `mutation ($id: ID!) { blockUser(userId: $id) { id } }`, { id: cat.id }, cat.token);
  expect(errorCode(self)).toBe('BAD_USER_INPUT');
  const noToken = await gql(url, `mutation { createParty { id } }`);
  expect(errorCode(noToken)).toBe('UNAUTHENTICATED');
  const badUrl = await gql(url, `mutation { updateProfile(input: { avatarUrl: "http://img.example.com/x.png" }) { id } }`, {}, cat.token);
  expect(errorCode(badUrl)).toBe('BAD_USER_INPUT');
  expect(badUrl.errors![0]!.extensions!.field).toBe('avatarUrl');

  // the last member out disbands the party
  await gql(url, `mutation ($p: ID!) { leaveParty(partyId: $p) }`, { p: partyId }, ann.token);
  expect((await gql(url, `{ me { party { leader { handle } } } }`, {}, bob.token)).data!.me.party).toEqual({ leader: { handle: bob.handle } });
  await gql(url, `mutation ($p: ID!) { leaveParty(partyId: $p) }`, { p: partyId }, bob.token);
  expect((await gql(url, `query ($id: ID!) { party(id: $id) { id } }`, { id: partyId }, bob.token)).data!.party).toBeNull();
}, 60_000);
