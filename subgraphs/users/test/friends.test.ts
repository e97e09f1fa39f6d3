/** Friend requests and friendships, in process on a real database. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { FRIEND, befriend, code, createHarness, field, type Harness } from './social/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.cleanup());

const LISTS = `{
  incomingFriendRequests { totalCount edges { node { id from { id } } } }
  outgoingFriendRequests { totalCount edges { node { id to { id } } } }
  me { friends { totalCount edges { node { id } friendsSince } } }
}`;
const STATUS = `query ($id: ID!) { user(id: $id) { friendStatus } }`;
const PRIVACY = `mutation ($input: UpdatePrivacyInput!) { updatePrivacy(input: $input) { id } }`;
const status = async (viewer: { token: string }, id: string) => (await h.post(STATUS, { id }, viewer.token)).data.user.friendStatus;

describe('the request flow', () => {
  test('send → listed on both sides → accept → friends on both sides', async () => {
    const [a, b] = [await h.user(), await h.user()];
    const sent = await h.post(FRIEND.send, { id: b.id }, a.token);
    expect(sent.errors).toBeUndefined();
    expect(sent.data.sendFriendRequest).toMatchObject({ status: 'REQUEST_SENT', request: { from: { id: a.id }, to: { id: b.id } }, user: { id: b.id } });
    const requestId = sent.data.sendFriendRequest.request.id;

    expect(await status(a, b.id)).toBe('REQUEST_SENT');
    expect(await status(b, a.id)).toBe('REQUEST_RECEIVED');
    expect(await status(a, a.id)).toBe('SELF');
    const bLists = (await h.post(LISTS, {}, b.token)).data;
    expect(bLists.incomingFriendRequests).toEqual({ totalCount: 1, edges: [{ node: { id: requestId, from: { id: a.id } } }] });
    expect((await h.post(LISTS, {}, a.token)).data.outgoingFriendRequests.totalCount).toBe(1);

    const accepted = await h.post(FRIEND.accept, { id: requestId }, b.token);
    expect(accepted.data.acceptFriendRequest.id).toBe(a.id);
    for (const [me, other] of [[a, b], [b, a]] as const) {
      const lists = (await h.post(LISTS, {}, me.token)).data;
      expect(lists.incomingFriendRequests.totalCount + lists.outgoingFriendRequests.totalCount).toBe(0);
      expect(lists.me.friends.edges.map((e: any) => e.node.id)).toEqual([other.id]);
      expect(await status(me, other.id)).toBe('FRIENDS');
    }
    // accepting twice: the request is gone
    expect(code(await h.post(FRIEND.accept, { id: requestId }, b.token))).toBe('NOT_FOUND');
  });

  test('decline (recipient only) and cancel (sender only)', async () => {
    const [a, b] = [await h.user(), await h.user()];
    const r1 = (await h.post(FRIEND.send, { id: b.id }, a.token)).data.sendFriendRequest.request.id;
    expect(code(await h.post(FRIEND.decline, { id: r1 }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(FRIEND.accept, { id: r1 }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(FRIEND.cancel, { id: r1 }, b.token))).toBe('NOT_FOUND');
    expect((await h.post(FRIEND.decline, { id: r1 }, b.token)).data.declineFriendRequest).toBe(true);
    expect(await status(a, b.id)).toBe('NONE');

    const r2 = (await h.post(FRIEND.send, { id: b.id }, a.token)).data.sendFriendRequest.request.id;
    expect((await h.post(FRIEND.cancel, { id: r2 }, a.token)).data.cancelFriendRequest).toBe(true);
    expect(code(await h.post(FRIEND.accept, { id: r2 }, b.token))).toBe('NOT_FOUND');
    expect(code(await h.post(FRIEND.cancel, { id: r2 }, a.token))).toBe('NOT_FOUND');
  });

  test('removeFriend ends it on both sides; removing a non-friend is NOT_FOUND', async () => {
    const [a, b] = [await h.user(), await h.user()];
    await befriend(h, a, b);
    expect((await h.post(FRIEND.remove, { id: a.id }, b.token)).data.removeFriend).toBe(true);
    expect(await status(a, b.id)).toBe('NONE');
    expect(code(await h.post(FRIEND.remove, { id: a.id }, b.token))).toBe('NOT_FOUND');
    expect(await h.sql(`select * from users.friendship where user_id in (?, ?)`, [a.id, b.id])).toEqual([]);
  });
});

describe('duplicates and races', () => {
  test('a second request is CONFLICT; a request between friends is ALREADY_FRIENDS', async () => {
    const [a, b] = [await h.user(), await h.user()];
    await h.post(FRIEND.send, { id: b.id }, a.token);
    expect(code(await h.post(FRIEND.send, { id: b.id }, a.token))).toBe('CONFLICT');
    const incoming = (await h.post(LISTS, {}, b.token)).data.incomingFriendRequests.edges[0].node.id;
    await h.post(FRIEND.accept, { id: incoming }, b.token);
    expect(code(await h.post(FRIEND.send, { id: b.id }, a.token))).toBe('ALREADY_FRIENDS');
    expect(code(await h.post(FRIEND.send, { id: a.id }, b.token))).toBe('ALREADY_FRIENDS');
  });

  test('asking someone who already asked you makes you friends', async () => {
    const [a, b] = [await h.user(), await h.user()];
    await h.post(FRIEND.send, { id: b.id }, a.token);
    const back = await h.post(FRIEND.send, { id: a.id }, b.token);
    expect(back.data.sendFriendRequest).toMatchObject({ status: 'FRIENDS', request: null, user: { id: a.id } });
    expect(await status(a, b.id)).toBe('FRIENDS');
  });

  test('two users asking each other at the same moment end as one friendship, no duplicate rows', async () => {
    for (let i = 0; i < 5; i++) {
      const [a, b] = [await h.user(), await h.user()];
      const results = await Promise.all([h.post(FRIEND.send, { id: b.id }, a.token), h.post(FRIEND.send, { id: a.id }, b.token)]);
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
      expect(results.map((r) => r.data.sendFriendRequest.status).sort()).toEqual(['FRIENDS', 'REQUEST_SENT']);
      const rows = await h.sql(`select user_id, friend_id from users.friendship where user_id in (?, ?)`, [a.id, b.id]);
      expect(rows).toHaveLength(2);
      expect(await h.sql(`select id from users.friend_request where from_id in (?, ?)`, [a.id, b.id])).toEqual([]);
    }
  });

  test('accept racing cancel: exactly one wins', async () => {
    const [a, b] = [await h.user(), await h.user()];
    const id = (await h.post(FRIEND.send, { id: b.id }, a.token)).data.sendFriendRequest.request.id;
    const [accept, cancel] = await Promise.all([h.post(FRIEND.accept, { id }, b.token), h.post(FRIEND.cancel, { id }, a.token)]);
    expect([accept.errors, cancel.errors].filter(Boolean)).toHaveLength(1);
    const friends = await h.sql(`select id from users.friendship where user_id = ?`, [a.id]);
    expect(friends.length).toBe(accept.errors ? 0 : 1);
  });
});

describe('friend-request settings', () => {
  test('NOBODY refuses everyone (FORBIDDEN); their pending request still lets them be accepted', async () => {
    const [a, b] = [await h.user(), await h.user()];
    await h.post(PRIVACY, { input: { friendRequests: 'NOBODY' } }, b.token);
    const res = await h.post(FRIEND.send, { id: b.id }, a.token);
    expect(code(res)).toBe('FORBIDDEN');
    // b can still ask a
    expect((await h.post(FRIEND.send, { id: a.id }, b.token)).data.sendFriendRequest.status).toBe('REQUEST_SENT');
  });

  test('FRIENDS_OF_FRIENDS needs a friend in common', async () => {
    const [a, b, c] = [await h.user(), await h.user(), await h.user()];
    await h.post(PRIVACY, { input: { friendRequests: 'FRIENDS_OF_FRIENDS' } }, b.token);
    expect(code(await h.post(FRIEND.send, { id: b.id }, a.token))).toBe('FORBIDDEN');
    await befriend(h, a, c);
    await befriend(h, b, c);
    expect((await h.post(FRIEND.send, { id: b.id }, a.token)).data.sendFriendRequest.status).toBe('REQUEST_SENT');
  });
});

describe('bad input', () => {
  test('self, unknown and malformed ids; no token', async () => {
    const a = await h.user();
    const self = await h.post(FRIEND.send, { id: a.id }, a.token);
    expect(code(self)).toBe('BAD_USER_INPUT');
    expect(field(self)).toBe('userId');
    const unknown = await h.post(FRIEND.send, { id: Bun.randomUUIDv7() }, a.token);
    expect(code(unknown)).toBe('NOT_FOUND');
    expect(field(unknown)).toBe('userId');
    expect(code(await h.post(FRIEND.send, { id: 'nope' }, a.token))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(FRIEND.accept, { id: 'nope' }, a.token))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(FRIEND.decline, { id: Bun.randomUUIDv7() }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(FRIEND.remove, { id: a.id }, a.token))).toBe('BAD_USER_INPUT');
    for (const q of Object.values(FRIEND)) expect(code(await h.post(q, { id: a.id }))).toBe('UNAUTHENTICATED');
    expect(code(await h.post(`{ incomingFriendRequests { totalCount } }`))).toBe('UNAUTHENTICATED');
  });

  test('pagination: pages newest first with opaque cursors; bad first/after refused', async () => {
    const me = await h.user();
    const others = [await h.user(), await h.user(), await h.user()];
    for (const o of others) await befriend(h, me, o);
    const page = (args: string) => h.post(`{ me { friends(${args}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } } }`, {}, me.token);
    const p1 = (await page('first: 2')).data.me.friends;
    expect(p1.totalCount).toBe(3);
    expect(p1.edges.map((e: any) => e.node.id)).toEqual([others[2]!.id, others[1]!.id]);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await page(`first: 2, after: "${p1.pageInfo.endCursor}"`)).data.me.friends;
    expect(p2.edges.map((e: any) => e.node.id)).toEqual([others[0]!.id]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect(code(await page('first: 0'))).toBe('BAD_USER_INPUT');
    expect(code(await page('first: 101'))).toBe('BAD_USER_INPUT');
    const bad = await page('after: "garbage"');
    expect(code(bad)).toBe('BAD_USER_INPUT');
    expect(field(bad)).toBe('after');
  });
});
