/** One-way blocks: effects on friendships, requests and party invites; the events and the federated field. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { FRIEND, befriend, code, createHarness, eventually, field, type Harness } from './social/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.cleanup());

const BLOCK = `mutation ($id: ID!) { blockUser(userId: $id) { id handle } }`;
const UNBLOCK = `mutation ($id: ID!) { unblockUser(userId: $id) { id } }`;
const BLOCKED_LIST = `{ myBlockedUsers { totalCount edges { node { id } blockedAt } } me { blockedUserIds } }`;

describe('blockUser', () => {
  test('ends the friendship and pending requests and invites; the blocked user can no longer reach the blocker', async () => {
    const [a, b, c] = [await h.user(), await h.user(), await h.user()];
    await befriend(h, a, b);
    await befriend(h, a, c);
    await h.post(FRIEND.send, { id: b.id }, c.token);
    const party = (await h.post(`mutation { createParty { id } }`, {}, a.token)).data.createParty.id;
    await h.post(`mutation ($p: ID!, $u: ID!) { inviteToParty(partyId: $p, userId: $u) { id } }`, { p: party, u: b.id }, a.token);

    const blocked = await h.post(BLOCK, { id: b.id }, a.token);
    expect(blocked.data.blockUser).toEqual({ id: b.id, handle: b.handle });
    expect(await h.sql(`select id from users.friendship where user_id = ? and friend_id = ?`, [a.id, b.id])).toEqual([]);
    expect(await h.sql(`select id from users.party_invite where invitee_id = ?`, [b.id])).toEqual([]);
    // unrelated relations stay
    expect(await h.sql(`select id from users.friendship where user_id = ? and friend_id = ?`, [a.id, c.id])).toHaveLength(1);
    expect(await h.sql(`select id from users.friend_request where from_id = ?`, [c.id])).toHaveLength(1);

    // the blocked user gets the same answer as "this player accepts no requests": the block is not revealed
    const fromB = await h.post(FRIEND.send, { id: a.id }, b.token);
    expect(code(fromB)).toBe('FORBIDDEN');
    expect(fromB.errors![0].message).toBe('This player is not accepting friend requests from you');
    // the blocker is told to unblock first
    const fromA = await h.post(FRIEND.send, { id: b.id }, a.token);
    expect(code(fromA)).toBe('FORBIDDEN');
    expect(fromA.errors![0].message).toContain('unblock');

    const list = (await h.post(BLOCKED_LIST, {}, a.token)).data;
    expect(list.myBlockedUsers.totalCount).toBe(1);
    expect(list.myBlockedUsers.edges[0].node.id).toBe(b.id);
    expect(list.me.blockedUserIds).toEqual([b.id]);
  });

  test('a pending request from the blocked user is dropped', async () => {
    const [a, b] = [await h.user(), await h.user()];
    await h.post(FRIEND.send, { id: a.id }, b.token);
    await h.post(BLOCK, { id: b.id }, a.token);
    expect((await h.post(`{ incomingFriendRequests { totalCount } }`, {}, a.token)).data.incomingFriendRequests.totalCount).toBe(0);
  });

  test('idempotent both ways; events domain.users.blocked / unblocked are published once per change', async () => {
    const [a, b] = [await h.user(), await h.user()];
    await h.post(BLOCK, { id: b.id }, a.token);
    const again = await h.post(BLOCK, { id: b.id }, a.token);
    expect(again.errors).toBeUndefined();
    expect(await h.sql(`select id from users.user_block where blocker_id = ?`, [a.id])).toHaveLength(1);
    await h.post(UNBLOCK, { id: b.id }, a.token);
    expect((await h.post(UNBLOCK, { id: b.id }, a.token)).errors).toBeUndefined();
    expect((await h.post(BLOCKED_LIST, {}, a.token)).data.me.blockedUserIds).toEqual([]);
    // unblocking does not restore anything, but requests work again
    expect((await h.post(FRIEND.send, { id: a.id }, b.token)).data.sendFriendRequest.status).toBe('REQUEST_SENT');

    const mine = (e: { data: { blockerId: string } }) => e.data.blockerId === a.id;
    const blockedEvents = await eventually(async () => {
      const found = (await h.events('users.blocked')).filter(mine);
      return found.length ? found : null;
    });
    const unblockedEvents = await eventually(async () => {
      const found = (await h.events('users.unblocked')).filter(mine);
      return found.length ? found : null;
    });
    expect(blockedEvents.map((e) => e.data)).toEqual([{ blockerId: a.id, blockedId: b.id, at: expect.any(String) }]);
    expect(unblockedEvents).toHaveLength(1);
    expect(blockedEvents[0]!.actor).toBe(a.id);
  });

  test('blockedUserIds is visible to the user and admins only', async () => {
    const [a, b] = [await h.user(), await h.user()];
    await h.post(BLOCK, { id: b.id }, a.token);
    const q = `query ($id: ID!) { user(id: $id) { blockedUserIds } }`;
    expect((await h.post(q, { id: a.id }, b.token)).data.user.blockedUserIds).toBeNull();
    const admin = await h.user({ roles: ['admin'] });
    expect((await h.post(q, { id: a.id }, admin.token)).data.user.blockedUserIds).toEqual([b.id]);
  });

  test('bad input: self, unknown, malformed, no token', async () => {
    const a = await h.user();
    for (const q of [BLOCK, UNBLOCK]) {
      const self = await h.post(q, { id: a.id }, a.token);
      expect(code(self)).toBe('BAD_USER_INPUT');
      expect(field(self)).toBe('userId');
      expect(code(await h.post(q, { id: Bun.randomUUIDv7() }, a.token))).toBe('NOT_FOUND');
      expect(code(await h.post(q, { id: '42' }, a.token))).toBe('BAD_USER_INPUT');
      expect(code(await h.post(q, { id: a.id }))).toBe('UNAUTHENTICATED');
    }
    expect(code(await h.post(`{ myBlockedUsers { totalCount } }`))).toBe('UNAUTHENTICATED');
  });

  test('block racing a friend request between the same two: never both a block and a pending request', async () => {
    for (let i = 0; i < 5; i++) {
      const [a, b] = [await h.user(), await h.user()];
      await Promise.all([h.post(BLOCK, { id: b.id }, a.token), h.post(FRIEND.send, { id: a.id }, b.token)]);
      expect(await h.sql(`select id from users.friend_request where from_id = ?`, [b.id])).toEqual([]);
    }
  });
});
