import { ErrorCode } from '@startales/contracts';
import { ForbiddenError, type EntityManager } from '@startales/kit';
import type { User } from '../../entities/user.entity.ts';
import { Profile } from '../profile/entities/profile.entity.ts';
import { FriendRequestPolicy } from '../profile/model.ts';
import { areFriends, hasMutualFriend, isBlocking, lockPair, pairKey } from '../social/graph.ts';
import { conflict, notFound, parseId, selfTarget, targetUser, uniqueAsConflict } from '../social/errors.ts';
import { Friendship } from './entities/friendship.entity.ts';
import { FriendRequest } from './entities/friend-request.entity.ts';

/** How two users relate, from the first one's point of view. */
export const FriendStatus = {
  SELF: 'SELF',
  NONE: 'NONE',
  FRIENDS: 'FRIENDS',
  REQUEST_SENT: 'REQUEST_SENT',
  REQUEST_RECEIVED: 'REQUEST_RECEIVED',
} as const;
export type FriendStatus = (typeof FriendStatus)[keyof typeof FriendStatus];

export interface SendResult {
  /** REQUEST_SENT, or FRIENDS when the other user had already asked (their request was accepted). */
  status: typeof FriendStatus.REQUEST_SENT | typeof FriendStatus.FRIENDS;
  request: FriendRequest | null;
  user: User;
}

// The same answer for "blocked by them" and "their setting refuses you": a block is never revealed.
const notAccepting = () => new ForbiddenError('This player is not accepting friend requests from you');

/** Creates both directions of a friendship. */
export function befriend(tx: EntityManager, a: string, b: string): void {
  const createdAt = new Date();
  tx.create(Friendship, { id: Bun.randomUUIDv7(), userId: a, friendId: b, createdAt });
  tx.create(Friendship, { id: Bun.randomUUIDv7(), userId: b, friendId: a, createdAt });
}

/** Deletes both directions of a friendship; the number of rows removed (0 or 2). */
export function unfriend(tx: EntityManager, a: string, b: string): Promise<number> {
  return tx.nativeDelete(Friendship, { $or: [{ userId: a, friendId: b }, { userId: b, friendId: a }] });
}

/** The body of `send`, inside its transaction, with the pair locked. */
async function sendLocked(tx: EntityManager, fromId: string, target: User): Promise<SendResult> {
  const toId = target.id;
  if (await areFriends(tx, fromId, toId)) throw conflict('You are already friends', ErrorCode.ALREADY_FRIENDS);
  if (await isBlocking(tx, fromId, toId)) throw new ForbiddenError('You block this player: unblock them first');
  if (await isBlocking(tx, toId, fromId)) throw notAccepting();
  const pending = await tx.findOne(FriendRequest, { pairKey: pairKey(fromId, toId) });
  if (pending?.fromId === fromId) throw conflict('You already sent this player a friend request');
  if (pending) {
    // they asked first: this is a yes (their request needs no policy check)
    tx.remove(pending);
    befriend(tx, fromId, toId);
    return { status: FriendStatus.FRIENDS, request: null, user: target };
  }
  const policy = (await tx.findOne(Profile, { userId: toId }))?.friendRequestPolicy ?? FriendRequestPolicy.EVERYONE;
  if (policy === FriendRequestPolicy.NOBODY) throw notAccepting();
  if (policy === FriendRequestPolicy.FRIENDS_OF_FRIENDS && !(await hasMutualFriend(tx, fromId, toId))) throw notAccepting();
  const request = tx.create(FriendRequest, { id: Bun.randomUUIDv7(), fromId, toId, pairKey: pairKey(fromId, toId), createdAt: new Date() });
  return { status: FriendStatus.REQUEST_SENT, request, user: target };
}

/**
 * Friend requests and friendships. Every change to a pair takes the pair's advisory lock first (see
 * social/graph.ts), and the tables' unique constraints back that up, so no interleaving produces duplicates:
 * two users asking each other at once end as friends (the second request accepts the first).
 */
export function createFriendsService() {
  return {
    async send(em: EntityManager, fromId: string, rawUserId: unknown): Promise<SendResult> {
      const target = await targetUser(em, fromId, rawUserId);
      const run = () =>
        em.transactional(async (tx) => {
          await lockPair(tx, fromId, target.id);
          return sendLocked(tx, fromId, target);
        });
      return uniqueAsConflict(run, 'A friend request or friendship between you already exists');
    },

    /** Accepts a request addressed to `userId`; returns the new friend's id. */
    async accept(em: EntityManager, userId: string, rawRequestId: unknown): Promise<string> {
      const id = parseId(rawRequestId, 'requestId');
      const request = await em.findOne(FriendRequest, { id, toId: userId });
      if (!request) throw notFound('No such friend request', 'requestId');
      const fromId = request.fromId;
      const run = () =>
        em.transactional(async (tx) => {
          await lockPair(tx, fromId, userId);
          // gone if it was cancelled, declined or the pair blocked meanwhile
          if ((await tx.nativeDelete(FriendRequest, { id, toId: userId })) !== 1) throw notFound('No such friend request', 'requestId');
          befriend(tx, fromId, userId);
        });
      await uniqueAsConflict(run, 'You are already friends', ErrorCode.ALREADY_FRIENDS);
      return fromId;
    },

    async decline(em: EntityManager, userId: string, rawRequestId: unknown): Promise<boolean> {
      const id = parseId(rawRequestId, 'requestId');
      if ((await em.nativeDelete(FriendRequest, { id, toId: userId })) !== 1) throw notFound('No such friend request', 'requestId');
      return true;
    },

    async cancel(em: EntityManager, userId: string, rawRequestId: unknown): Promise<boolean> {
      const id = parseId(rawRequestId, 'requestId');
      if ((await em.nativeDelete(FriendRequest, { id, fromId: userId })) !== 1) throw notFound('No such friend request', 'requestId');
      return true;
    },

    async remove(em: EntityManager, userId: string, rawFriendId: unknown): Promise<boolean> {
      const friendId = parseId(rawFriendId, 'userId');
      if (friendId === userId) throw selfTarget('userId');
      await em.transactional(async (tx) => {
        await lockPair(tx, userId, friendId);
        if ((await unfriend(tx, userId, friendId)) === 0) throw notFound('You are not friends with this user', 'userId');
      });
      return true;
    },

    async status(em: EntityManager, viewerId: string, userId: string): Promise<FriendStatus> {
      if (viewerId === userId) return FriendStatus.SELF;
      if (await areFriends(em, viewerId, userId)) return FriendStatus.FRIENDS;
      const pending = await em.findOne(FriendRequest, { pairKey: pairKey(viewerId, userId) });
      if (!pending) return FriendStatus.NONE;
      return pending.fromId === viewerId ? FriendStatus.REQUEST_SENT : FriendStatus.REQUEST_RECEIVED;
    },
  };
}

export type FriendsService = ReturnType<typeof createFriendsService>;
