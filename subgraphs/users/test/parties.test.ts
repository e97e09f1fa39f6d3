/** Parties: membership rules, leadership, size, blocks, races and the domain events campaigns consume. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { befriend, code, createHarness, eventually, field, type Harness, type TestUser } from './social/harness.ts';
import { profileModule } from '../src/modules/profile/index.ts';
import { friendsModule } from '../src/modules/friends/index.ts';
import { blocksModule } from '../src/modules/blocks/index.ts';
import { partiesModule } from '../src/modules/parties/index.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ partyMaxSize: 6, partyDefaultSize: 3 });
});
afterAll(() => h?.cleanup());

const PARTY_FIELDS = `id size maxSize leader { id } members { id } invites { id to { id } }`;
const CREATE = `mutation ($input: CreatePartyInput) { createParty(input: $input) { ${PARTY_FIELDS} } }`;
const INVITE = `mutation ($p: ID!, $u: ID!) { inviteToParty(partyId: $p, userId: $u) { id party { id } from { id } to { id } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptPartyInvite(inviteId: $id) { ${PARTY_FIELDS} } }`;
const DECLINE = `mutation ($id: ID!) { declinePartyInvite(inviteId: $id) }`;
const CANCEL = `mutation ($id: ID!) { cancelPartyInvite(inviteId: $id) }`;
const LEAVE = `mutation ($p: ID!) { leaveParty(partyId: $p) }`;
const KICK = `mutation ($p: ID!, $u: ID!) { kickFromParty(partyId: $p, userId: $u) { ${PARTY_FIELDS} } }`;
const TRANSFER = `mutation ($p: ID!, $u: ID!) { transferPartyLeadership(partyId: $p, userId: $u) { ${PARTY_FIELDS} } }`;
const UPDATE = `mutation ($p: ID!, $input: UpdatePartyInput!) { updateParty(partyId: $p, input: $input) { maxSize } }`;
const DISBAND = `mutation ($p: ID!) { disbandParty(partyId: $p) }`;
const GET = `query ($id: ID!) { party(id: $id) { ${PARTY_FIELDS} } }`;

async function createParty(leader: TestUser, maxSize?: number): Promise<string> {
  const res = await h.post(CREATE, { input: maxSize ? { maxSize } : null }, leader.token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.createParty.id;
}

/** Leader invites `member` (befriending them first) and the member accepts. */
async function join(partyId: string, inviter: TestUser, member: TestUser): Promise<void> {
  await befriend(h, inviter, member);
  const invite = await h.post(INVITE, { p: partyId, u: member.id }, inviter.token);
  if (invite.errors) throw new Error(JSON.stringify(invite.errors));
  const accepted = await h.post(ACCEPT, { id: invite.data.inviteToParty.id }, member.token);
  if (accepted.errors) throw new Error(JSON.stringify(accepted.errors));
}

describe('the party flow', () => {
  test('create → invite a friend → accept → members, User.party, events', async () => {
    const [leader, friend] = [await h.user(), await h.user()];
    const created = await h.post(CREATE, {}, leader.token);
    expect(created.data.createParty).toMatchObject({ size: 1, maxSize: 3, leader: { id: leader.id }, members: [{ id: leader.id }], invites: [] });
    const partyId = created.data.createParty.id;

    await befriend(h, leader, friend);
    const invite = await h.post(INVITE, { p: partyId, u: friend.id }, leader.token);
    expect(invite.data.inviteToParty).toMatchObject({ party: { id: partyId }, from: { id: leader.id }, to: { id: friend.id } });
    const inviteId = invite.data.inviteToParty.id;

    // the invitee sees the invite and the party; a stranger sees neither
    const mine = await h.post(`{ myPartyInvites { totalCount edges { node { id party { leader { id } } } } } }`, {}, friend.token);
    expect(mine.data.myPartyInvites).toEqual({ totalCount: 1, edges: [{ node: { id: inviteId, party: { leader: { id: leader.id } } } }] });
    expect((await h.post(GET, { id: partyId }, friend.token)).data.party.invites).toEqual([]);
    const stranger = await h.user();
    expect((await h.post(GET, { id: partyId }, stranger.token)).data.party).toBeNull();

    const accepted = await h.post(ACCEPT, { id: inviteId }, friend.token);
    expect(accepted.data.acceptPartyInvite).toMatchObject({ size: 2, members: [{ id: leader.id }, { id: friend.id }], invites: [] });
    const me = await h.post(`{ me { party { id leader { id } } } }`, {}, friend.token);
    expect(me.data.me.party).toEqual({ id: partyId, leader: { id: leader.id } });

    const events = await eventually(async () => {
      const created = (await h.events('users.party_created')).filter((e) => e.data.partyId === partyId);
      const joined = (await h.events('users.party_member_joined')).filter((e) => e.data.partyId === partyId);
      return created.length && joined.length ? { created, joined } : null;
    });
    expect(events.created[0]!.data).toEqual({ partyId, leaderId: leader.id, maxSize: 3, memberIds: [leader.id] });
    expect(events.joined[0]!.data).toEqual({ partyId, userId: friend.id, memberIds: [leader.id, friend.id] });
  });

  test('decline and cancel', async () => {
    const [leader, a, b] = [await h.user(), await h.user(), await h.user()];
    const partyId = await createParty(leader);
    await befriend(h, leader, a);
    await befriend(h, leader, b);
    const ia = (await h.post(INVITE, { p: partyId, u: a.id }, leader.token)).data.inviteToParty.id;
    const ib = (await h.post(INVITE, { p: partyId, u: b.id }, leader.token)).data.inviteToParty.id;
    expect(code(await h.post(DECLINE, { id: ia }, leader.token))).toBe('NOT_FOUND');
    expect((await h.post(DECLINE, { id: ia }, a.token)).data.declinePartyInvite).toBe(true);
    expect(code(await h.post(ACCEPT, { id: ia }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(CANCEL, { id: ib }, b.token))).toBe('NOT_FOUND');
    expect((await h.post(CANCEL, { id: ib }, leader.token)).data.cancelPartyInvite).toBe(true);
    expect(code(await h.post(ACCEPT, { id: ib }, b.token))).toBe('NOT_FOUND');
  });

  test('leadership: transfer, the leader leaving hands it on, the last one out disbands', async () => {
    const [l, m1, m2] = [await h.user(), await h.user(), await h.user()];
    const partyId = await createParty(l);
    await join(partyId, l, m1);
    await join(partyId, l, m2);

    expect(code(await h.post(KICK, { p: partyId, u: m2.id }, m1.token))).toBe('NOT_PARTY_LEADER');
    expect(code(await h.post(TRANSFER, { p: partyId, u: l.id }, m1.token))).toBe('NOT_PARTY_LEADER');
    const transferred = await h.post(TRANSFER, { p: partyId, u: m1.id }, l.token);
    expect(transferred.data.transferPartyLeadership.leader.id).toBe(m1.id);

    // the leader (m1) leaves: the longest-standing member (l) leads
    expect((await h.post(LEAVE, { p: partyId }, m1.token)).data.leaveParty).toBe(true);
    expect((await h.post(GET, { id: partyId }, l.token)).data.party).toMatchObject({ leader: { id: l.id }, members: [{ id: l.id }, { id: m2.id }] });
    const kicked = await h.post(KICK, { p: partyId, u: m2.id }, l.token);
    expect(kicked.data.kickFromParty.members).toEqual([{ id: l.id }]);
    expect((await h.post(`{ me { party { id } } }`, {}, m2.token)).data.me.party).toBeNull();
    expect((await h.post(LEAVE, { p: partyId }, l.token)).data.leaveParty).toBe(true);
    expect(await h.sql(`select id from users.party where id = ?`, [partyId])).toEqual([]);

    const left = await eventually(async () => {
      const found = (await h.events('users.party_member_left')).filter((e) => e.data.partyId === partyId);
      return found.length === 3 ? found : null;
    });
    expect(left.map((e) => [e.data.userId, e.data.reason, e.data.memberIds])).toEqual([
      [m1.id, 'left', [l.id, m2.id]],
      [m2.id, 'kicked', [l.id]],
      [l.id, 'left', []],
    ]);
    const disbanded = await eventually(async () => (await h.events('users.party_disbanded')).find((e) => e.data.partyId === partyId));
    expect(disbanded.data).toEqual({ partyId, memberIds: [] });
    const leaders = (await h.events('users.party_leader_changed')).filter((e) => e.data.partyId === partyId).map((e) => e.data.leaderId);
    expect(leaders).toEqual([m1.id, l.id]);
  });

  test('disbandParty (leader only) removes everyone', async () => {
    const [l, m] = [await h.user(), await h.user()];
    const partyId = await createParty(l);
    await join(partyId, l, m);
    expect(code(await h.post(DISBAND, { p: partyId }, m.token))).toBe('NOT_PARTY_LEADER');
    expect((await h.post(DISBAND, { p: partyId }, l.token)).data.disbandParty).toBe(true);
    expect((await h.post(`{ me { party { id } } }`, {}, m.token)).data.me.party).toBeNull();
    expect((await h.post(GET, { id: partyId }, l.token)).data.party).toBeNull();
    // free to start another
    expect((await h.post(CREATE, {}, m.token)).errors).toBeUndefined();
  });
});

describe('rules', () => {
  test('one party at a time', async () => {
    const [a, b] = [await h.user(), await h.user()];
    await createParty(a);
    expect(code(await h.post(CREATE, {}, a.token))).toBe('ALREADY_IN_PARTY');
    const pb = await createParty(b);
    await befriend(h, b, a);
    const invite = (await h.post(INVITE, { p: pb, u: a.id }, b.token)).data.inviteToParty.id;
    expect(code(await h.post(ACCEPT, { id: invite }, a.token))).toBe('ALREADY_IN_PARTY');
  });

  test('only friends can be invited; members and duplicates are CONFLICT', async () => {
    const [l, friend, stranger] = [await h.user(), await h.user(), await h.user()];
    const partyId = await createParty(l);
    expect(code(await h.post(INVITE, { p: partyId, u: stranger.id }, l.token))).toBe('FORBIDDEN');
    await befriend(h, l, friend);
    await h.post(INVITE, { p: partyId, u: friend.id }, l.token);
    expect(code(await h.post(INVITE, { p: partyId, u: friend.id }, l.token))).toBe('CONFLICT');
    // a non-member cannot invite into someone else's party
    await befriend(h, stranger, friend);
    expect(code(await h.post(INVITE, { p: partyId, u: friend.id }, stranger.token))).toBe('NOT_FOUND');
  });

  test('max size: bounds, PARTY_FULL on invite and on accept, resize not below the member count', async () => {
    const [l, a, b] = [await h.user(), await h.user(), await h.user()];
    for (const maxSize of [1, 7, 0, -3]) {
      const res = await h.post(CREATE, { input: { maxSize } }, l.token);
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(field(res)).toBe('maxSize');
    }
    const partyId = await createParty(l, 2);
    await befriend(h, l, a);
    await befriend(h, l, b);
    const ia = (await h.post(INVITE, { p: partyId, u: a.id }, l.token)).data.inviteToParty.id;
    const ib = (await h.post(INVITE, { p: partyId, u: b.id }, l.token)).data.inviteToParty.id;
    expect((await h.post(ACCEPT, { id: ia }, a.token)).errors).toBeUndefined();
    expect(code(await h.post(ACCEPT, { id: ib }, b.token))).toBe('PARTY_FULL');
    const c = await h.user();
    await befriend(h, l, c);
    expect(code(await h.post(INVITE, { p: partyId, u: c.id }, l.token))).toBe('PARTY_FULL');

    expect((await h.post(UPDATE, { p: partyId, input: { maxSize: 3 } }, l.token)).data.updateParty.maxSize).toBe(3);
    expect(code(await h.post(UPDATE, { p: partyId, input: { maxSize: 4 } }, a.token))).toBe('NOT_PARTY_LEADER');
    expect((await h.post(ACCEPT, { id: ib }, b.token)).errors).toBeUndefined();
    const lower = await h.post(UPDATE, { p: partyId, input: { maxSize: 2 } }, l.token);
    expect(code(lower)).toBe('BAD_USER_INPUT');
    expect(field(lower)).toBe('maxSize');
  });

  test('two players accepting the last slot at once: one joins, the other gets PARTY_FULL', async () => {
    for (let i = 0; i < 3; i++) {
      const [l, a, b] = [await h.user(), await h.user(), await h.user()];
      const partyId = await createParty(l, 2);
      await befriend(h, l, a);
      await befriend(h, l, b);
      const ia = (await h.post(INVITE, { p: partyId, u: a.id }, l.token)).data.inviteToParty.id;
      const ib = (await h.post(INVITE, { p: partyId, u: b.id }, l.token)).data.inviteToParty.id;
      const results = await Promise.all([h.post(ACCEPT, { id: ia }, a.token), h.post(ACCEPT, { id: ib }, b.token)]);
      expect(results.map(code).sort()).toEqual(['PARTY_FULL', undefined] as never);
      expect(await h.sql(`select id from users.party_member where party_id = ?`, [partyId])).toHaveLength(2);
    }
  });

  test('blocks keep players apart: no invite, no join with someone who blocks you (or whom you block)', async () => {
    const [l, m, x] = [await h.user(), await h.user(), await h.user()];
    const partyId = await createParty(l);
    await join(partyId, l, m);
    await befriend(h, l, x);
    // m blocks x: x cannot be invited into a party m is in
    await h.post(`mutation ($id: ID!) { blockUser(userId: $id) { id } }`, { id: x.id }, m.token);
    expect(code(await h.post(INVITE, { p: partyId, u: x.id }, l.token))).toBe('FORBIDDEN');
    await h.post(`mutation ($id: ID!) { unblockUser(userId: $id) { id } }`, { id: x.id }, m.token);
    const invite = (await h.post(INVITE, { p: partyId, u: x.id }, l.token)).data.inviteToParty.id;
    // x blocks m after being invited: the invite to m's party is dropped
    await h.post(`mutation ($id: ID!) { blockUser(userId: $id) { id } }`, { id: m.id }, x.token);
    expect(code(await h.post(ACCEPT, { id: invite }, x.token))).toBe('NOT_FOUND');
  });

  test('bad input and auth on every mutation', async () => {
    const a = await h.user();
    const partyId = await createParty(a);
    const someone = Bun.randomUUIDv7();
    expect(code(await h.post(INVITE, { p: partyId, u: a.id }, a.token))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(INVITE, { p: partyId, u: someone }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(INVITE, { p: 'x', u: someone }, a.token))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(INVITE, { p: someone, u: (await h.user()).id }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(KICK, { p: partyId, u: a.id }, a.token))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(KICK, { p: partyId, u: someone }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(TRANSFER, { p: partyId, u: a.id }, a.token))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(TRANSFER, { p: partyId, u: someone }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(LEAVE, { p: someone }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(LEAVE, { p: 'nope' }, a.token))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(ACCEPT, { id: 'nope' }, a.token))).toBe('BAD_USER_INPUT');
    expect(code(await h.post(DECLINE, { id: someone }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(CANCEL, { id: someone }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(DISBAND, { p: someone }, a.token))).toBe('NOT_FOUND');
    expect(code(await h.post(UPDATE, { p: partyId, input: { maxSize: 99 } }, a.token))).toBe('BAD_USER_INPUT');
    expect((await h.post(GET, { id: 'not-an-id' }, a.token)).data.party).toBeNull();
    for (const [q, vars] of [
      [CREATE, {}],
      [INVITE, { p: partyId, u: someone }],
      [ACCEPT, { id: someone }],
      [DECLINE, { id: someone }],
      [CANCEL, { id: someone }],
      [LEAVE, { p: partyId }],
      [KICK, { p: partyId, u: someone }],
      [TRANSFER, { p: partyId, u: someone }],
      [UPDATE, { p: partyId, input: { maxSize: 3 } }],
      [DISBAND, { p: partyId }],
      [GET, { id: partyId }],
    ] as const) {
      expect(code(await h.post(q, vars))).toBe('UNAUTHENTICATED');
    }
  });

  test('the Party entity resolves for other subgraphs by id', async () => {
    const a = await h.user();
    const partyId = await createParty(a);
    const res = await h.post(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Party { id size leader { id handle } } } }`,
      { r: [{ __typename: 'Party', id: partyId }, { __typename: 'Party', id: Bun.randomUUIDv7() }] },
      a.token,
    );
    expect(res.data._entities).toEqual([{ id: partyId, size: 1, leader: { id: a.id, handle: a.handle } }, null]);
  });
});

describe('GDPR handlers of the social modules', () => {
  const social = [profileModule, friendsModule, blocksModule, partiesModule];

  test('export lists what each module holds; erasure removes it and hands party leadership on', async () => {
    const [leader, member, other] = [await h.user(), await h.user(), await h.user()];
    await h.post(`mutation { updateProfile(input: { displayName: "Leader Person", bio: "about me" }) { id } }`, {}, leader.token);
    const partyId = await createParty(leader);
    await join(partyId, leader, member);
    await h.post(`mutation ($id: ID!) { blockUser(userId: $id) { id } }`, { id: other.id }, leader.token);
    await h.post(`mutation ($id: ID!) { sendFriendRequest(userId: $id) { status } }`, { id: leader.id }, (await h.user()).token);

    const exported = await h.env.deps.orm.em.fork().transactional(async (em) => {
      const out: Record<string, any> = {};
      for (const m of social) out[m.name] = await m.gdpr!.exportUser(em, leader.id);
      return out;
    });
    expect(exported.profile.profile).toMatchObject({ userId: leader.id, displayName: 'Leader Person', bio: 'about me' });
    expect(exported.friends.friends).toEqual([{ userId: member.id, since: expect.any(String) }]);
    expect(exported.friends.pendingRequests).toHaveLength(1);
    expect(exported.blocks.blockedUsers).toEqual([{ userId: other.id, blockedAt: expect.any(String) }]);
    expect(exported.parties.party).toMatchObject({ partyId, leader: true });

    await h.env.deps.orm.em.fork().transactional(async (em) => {
      for (const m of social) await m.gdpr!.eraseUser(em, leader.id);
    });
    for (const [table, column] of [
      ['user_profile', 'user_id'],
      ['friendship', 'user_id'],
      ['friendship', 'friend_id'],
      ['friend_request', 'to_id'],
      ['user_block', 'blocker_id'],
      ['party_member', 'user_id'],
    ]) {
      expect(await h.sql(`select 1 from users.${table} where ${column} = ?`, [leader.id])).toEqual([]);
    }
    expect((await h.post(GET, { id: partyId }, member.token)).data.party).toMatchObject({ leader: { id: member.id }, members: [{ id: member.id }] });
    // erasing again changes nothing (the consumer may redeliver)
    await h.env.deps.orm.em.fork().transactional(async (em) => {
      for (const m of social) await m.gdpr!.eraseUser(em, leader.id);
    });
  });
});
