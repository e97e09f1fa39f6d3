import {
  DomainEvent,
  ErrorCode,
  type PartyCreatedData,
  type PartyDisbandedData,
  type PartyLeaderChangedData,
  type PartyMemberJoinedData,
  type PartyMemberLeftData,
} from '@startales/contracts';
import { AppError, ForbiddenError, InputError, enqueueDomainEvent, type EntityManager } from '@startales/kit';
import { areFriends, blocksAny, lockKey } from '../social/graph.ts';
import { conflict, notFound, parseId, selfTarget, targetUser, uniqueAsConflict } from '../social/errors.ts';
import { Party } from './entities/party.entity.ts';
import { PartyMember } from './entities/party-member.entity.ts';
import { PartyInvite } from './entities/party-invite.entity.ts';
import { validateMaxSize, type PartyLimits, type PartySizeInput } from './model.ts';

const noSuchParty = () => notFound('No such party (or you are not in it)', 'partyId');
const noSuchInvite = () => notFound('No such party invite', 'inviteId');
const partyFull = () => new AppError(ErrorCode.PARTY_FULL, 'The party is full', 409);
const alreadyInParty = () => new AppError(ErrorCode.ALREADY_IN_PARTY, 'You are already in a party: leave it first', 409);
const notLeader = () => new AppError(ErrorCode.NOT_PARTY_LEADER, 'Only the party leader can do this', 403);

/** Member ids of a party, in the order they joined (the first is the longest-standing). */
export async function memberIds(em: EntityManager, partyId: string): Promise<string[]> {
  const rows = await em.find(PartyMember, { partyId }, { orderBy: { joinedAt: 'asc', id: 'asc' } });
  return rows.map((m) => m.userId);
}

/** The party `userId` is in, or null. */
export async function partyOf(em: EntityManager, userId: string): Promise<Party | null> {
  const membership = await em.findOne(PartyMember, { userId });
  return membership ? em.findOne(Party, { id: membership.partyId }) : null;
}

const emit = <T>(tx: EntityManager, type: DomainEvent, data: T, actor: string) => void enqueueDomainEvent<T>(tx, type, data, actor);

/**
 * Removes `userId` from a locked party (in the caller's transaction); disbands it when nobody is left and hands
 * leadership to the longest-standing member when the leader left.
 */
export async function removeMember(
  tx: EntityManager,
  party: Party,
  members: string[],
  userId: string,
  reason: 'left' | 'kicked',
  actor: string,
): Promise<void> {
  await tx.nativeDelete(PartyMember, { partyId: party.id, userId });
  const remaining = members.filter((id) => id !== userId);
  emit<PartyMemberLeftData>(tx, DomainEvent.PARTY_MEMBER_LEFT, { partyId: party.id, userId, reason, memberIds: remaining }, actor);
  if (remaining.length === 0) {
    await tx.nativeDelete(PartyInvite, { partyId: party.id });
    tx.remove(party);
    emit<PartyDisbandedData>(tx, DomainEvent.PARTY_DISBANDED, { partyId: party.id, memberIds: [] }, actor);
    return;
  }
  if (party.leaderId === userId) {
    party.leaderId = remaining[0]!;
    emit<PartyLeaderChangedData>(tx, DomainEvent.PARTY_LEADER_CHANGED, { partyId: party.id, leaderId: party.leaderId, previousLeaderId: userId }, actor);
  }
}

/** Takes `userId` out of their party, if any (account erasure); in the caller's transaction. */
export async function leaveCurrentParty(tx: EntityManager, userId: string, actor: string): Promise<void> {
  const membership = await tx.findOne(PartyMember, { userId });
  if (!membership) return;
  await lockKey(tx, `party:${membership.partyId}`);
  const party = await tx.findOne(Party, { id: membership.partyId });
  if (party) await removeMember(tx, party, await memberIds(tx, party.id), userId, 'left', actor);
}

/**
 * Parties: create, invite (members invite their friends), accept/decline/cancel invites, leave, kick, transfer
 * leadership, resize, disband. A user is in at most one party (unique member row). Every change to a party
 * takes that party's advisory lock, so size checks and leader changes never race; membership changes are
 * published as domain events (`domain.users.party_*`) for campaigns.
 */
export function createPartiesService(options: { limits: PartyLimits; afterCommit: () => void }) {
  const { limits } = options;

  /** Locks the party and loads it with its members; NOT_FOUND unless `userId` is a member. */
  async function lockAsMember(tx: EntityManager, partyId: string, userId: string) {
    await lockKey(tx, `party:${partyId}`);
    const party = await tx.findOne(Party, { id: partyId });
    if (!party) throw noSuchParty();
    const members = await memberIds(tx, partyId);
    if (!members.includes(userId)) throw noSuchParty();
    return { party, members };
  }

  async function lockAsLeader(tx: EntityManager, partyId: string, userId: string) {
    const locked = await lockAsMember(tx, partyId, userId);
    if (locked.party.leaderId !== userId) throw notLeader();
    return locked;
  }

  /** Runs `work` in a transaction and publishes its events after the commit. */
  async function commit<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>, duplicate?: () => AppError): Promise<T> {
    const run = () => em.transactional(work);
    const result = duplicate ? await uniqueAsConflict(run, duplicate().message, duplicate().code) : await run();
    options.afterCommit();
    return result;
  }

  return {
    async create(em: EntityManager, userId: string, input: PartySizeInput | null | undefined): Promise<Party> {
      const maxSize = validateMaxSize(input?.maxSize, limits);
      if (await em.count(PartyMember, { userId })) throw alreadyInParty();
      return commit(
        em,
        async (tx) => {
          const now = new Date();
          const party = tx.create(Party, { id: Bun.randomUUIDv7(), leaderId: userId, maxSize, createdAt: now });
          tx.create(PartyMember, { id: Bun.randomUUIDv7(), partyId: party.id, userId, joinedAt: now });
          emit<PartyCreatedData>(tx, DomainEvent.PARTY_CREATED, { partyId: party.id, leaderId: userId, maxSize, memberIds: [userId] }, userId);
          return party;
        },
        alreadyInParty,
      );
    },

    /** Leader only; the new size may not be below the current member count. */
    async resize(em: EntityManager, userId: string, rawPartyId: unknown, input: PartySizeInput): Promise<Party> {
      const partyId = parseId(rawPartyId, 'partyId');
      if (!input || input.maxSize == null) throw new InputError('maxSize is required', 'maxSize');
      const maxSize = validateMaxSize(input.maxSize, limits);
      return commit(em, async (tx) => {
        const { party, members } = await lockAsLeader(tx, partyId, userId);
        if (maxSize < members.length) throw new InputError(`The party has ${members.length} members: maxSize cannot be lower`, 'maxSize');
        party.maxSize = maxSize;
        return party;
      });
    },

    /** Any member may invite one of their friends who blocks nobody in the party (and whom nobody there blocks). */
    async invite(em: EntityManager, userId: string, rawPartyId: unknown, rawUserId: unknown): Promise<PartyInvite> {
      const partyId = parseId(rawPartyId, 'partyId');
      const invitee = await targetUser(em, userId, rawUserId);
      return commit(
        em,
        async (tx) => {
          const { party, members } = await lockAsMember(tx, partyId, userId);
          if (members.includes(invitee.id)) throw conflict('This player is already in the party');
          if (members.length >= party.maxSize) throw partyFull();
          if (!(await areFriends(tx, userId, invitee.id))) throw new ForbiddenError('You can only invite your friends');
          if (await blocksAny(tx, invitee.id, members)) throw new ForbiddenError('This player cannot join this party');
          if (await tx.count(PartyInvite, { partyId, inviteeId: invitee.id })) throw conflict('This player is already invited');
          return tx.create(PartyInvite, { id: Bun.randomUUIDv7(), partyId, inviterId: userId, inviteeId: invitee.id, createdAt: new Date() });
        },
        () => conflict('This player is already invited'),
      );
    },

    /** Joins the party of an invite addressed to `userId`. */
    async accept(em: EntityManager, userId: string, rawInviteId: unknown): Promise<Party> {
      const inviteId = parseId(rawInviteId, 'inviteId');
      const invite = await em.findOne(PartyInvite, { id: inviteId, inviteeId: userId });
      if (!invite) throw noSuchInvite();
      const partyId = invite.partyId;
      return commit(
        em,
        async (tx) => {
          await lockKey(tx, `party:${partyId}`);
          const party = await tx.findOne(Party, { id: partyId });
          if (!party) throw noSuchInvite();
          if (await tx.count(PartyMember, { userId })) throw alreadyInParty();
          const members = await memberIds(tx, partyId);
          if (members.length >= party.maxSize) throw partyFull();
          if (await blocksAny(tx, userId, members)) throw new ForbiddenError('You cannot join this party');
          if ((await tx.nativeDelete(PartyInvite, { id: inviteId, inviteeId: userId })) !== 1) throw noSuchInvite();
          tx.create(PartyMember, { id: Bun.randomUUIDv7(), partyId, userId, joinedAt: new Date() });
          emit<PartyMemberJoinedData>(tx, DomainEvent.PARTY_MEMBER_JOINED, { partyId, userId, memberIds: [...members, userId] }, userId);
          return party;
        },
        alreadyInParty,
      );
    },

    async decline(em: EntityManager, userId: string, rawInviteId: unknown): Promise<boolean> {
      const inviteId = parseId(rawInviteId, 'inviteId');
      if ((await em.nativeDelete(PartyInvite, { id: inviteId, inviteeId: userId })) !== 1) throw noSuchInvite();
      return true;
    },

    /** The inviter or the party leader withdraws an invite. */
    async cancel(em: EntityManager, userId: string, rawInviteId: unknown): Promise<boolean> {
      const inviteId = parseId(rawInviteId, 'inviteId');
      const invite = await em.findOne(PartyInvite, { id: inviteId });
      if (!invite) throw noSuchInvite();
      const party = await em.findOne(Party, { id: invite.partyId });
      if (invite.inviterId !== userId && party?.leaderId !== userId) throw noSuchInvite();
      if ((await em.nativeDelete(PartyInvite, { id: inviteId })) !== 1) throw noSuchInvite();
      return true;
    },

    async leave(em: EntityManager, userId: string, rawPartyId: unknown): Promise<boolean> {
      const partyId = parseId(rawPartyId, 'partyId');
      return commit(em, async (tx) => {
        const { party, members } = await lockAsMember(tx, partyId, userId);
        await removeMember(tx, party, members, userId, 'left', userId);
        return true;
      });
    },

    async kick(em: EntityManager, userId: string, rawPartyId: unknown, rawUserId: unknown): Promise<Party> {
      const partyId = parseId(rawPartyId, 'partyId');
      const targetId = parseId(rawUserId, 'userId');
      if (targetId === userId) throw selfTarget('userId');
      return commit(em, async (tx) => {
        const { party, members } = await lockAsLeader(tx, partyId, userId);
        if (!members.includes(targetId)) throw notFound('This user is not in the party', 'userId');
        await removeMember(tx, party, members, targetId, 'kicked', userId);
        return party;
      });
    },

    async transferLeadership(em: EntityManager, userId: string, rawPartyId: unknown, rawUserId: unknown): Promise<Party> {
      const partyId = parseId(rawPartyId, 'partyId');
      const targetId = parseId(rawUserId, 'userId');
      if (targetId === userId) throw selfTarget('userId');
      return commit(em, async (tx) => {
        const { party, members } = await lockAsLeader(tx, partyId, userId);
        if (!members.includes(targetId)) throw notFound('This user is not in the party', 'userId');
        party.leaderId = targetId;
        emit<PartyLeaderChangedData>(tx, DomainEvent.PARTY_LEADER_CHANGED, { partyId, leaderId: targetId, previousLeaderId: userId }, userId);
        return party;
      });
    },

    async disband(em: EntityManager, userId: string, rawPartyId: unknown): Promise<boolean> {
      const partyId = parseId(rawPartyId, 'partyId');
      return commit(em, async (tx) => {
        const { party, members } = await lockAsLeader(tx, partyId, userId);
        await tx.nativeDelete(PartyMember, { partyId });
        await tx.nativeDelete(PartyInvite, { partyId });
        tx.remove(party);
        emit<PartyDisbandedData>(tx, DomainEvent.PARTY_DISBANDED, { partyId, memberIds: members }, userId);
        return true;
      });
    },
  };
}

export type PartiesService = ReturnType<typeof createPartiesService>;
