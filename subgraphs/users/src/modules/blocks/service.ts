import { DomainEvent, type UserBlockData } from '@startales/contracts';
import { enqueueDomainEvent, type EntityManager } from '@startales/kit';
import type { User } from '../../entities/user.entity.ts';
import { FriendRequest } from '../friends/entities/friend-request.entity.ts';
import { unfriend } from '../friends/service.ts';
import { PartyInvite } from '../parties/entities/party-invite.entity.ts';
import { PartyMember } from '../parties/entities/party-member.entity.ts';
import { lockPair, pairKey } from '../social/graph.ts';
import { targetUser, uniqueAsConflict } from '../social/errors.ts';
import { Block } from './entities/block.entity.ts';

/**
 * One-way blocks. Blocking ends the friendship, deletes pending friend requests between the two and pending
 * party invites that would bring them together, and publishes `domain.users.blocked` so every service that
 * matches or groups players can keep them apart. Both mutations are idempotent.
 */
export function createBlocksService(options: { afterCommit: () => void }) {
  /** Pending invites that would put `a` and `b` in one party: between them, or to a party the other is in. */
  async function dropInvitesBetween(tx: EntityManager, a: string, b: string): Promise<void> {
    const memberships = await tx.find(PartyMember, { userId: { $in: [a, b] } });
    const partyOf = new Map(memberships.map((m) => [m.userId, m.partyId]));
    const or: Array<Record<string, unknown>> = [
      { inviterId: a, inviteeId: b },
      { inviterId: b, inviteeId: a },
    ];
    if (partyOf.has(a)) or.push({ partyId: partyOf.get(a), inviteeId: b });
    if (partyOf.has(b)) or.push({ partyId: partyOf.get(b), inviteeId: a });
    await tx.nativeDelete(PartyInvite, { $or: or } as never);
  }

  return {
    async block(em: EntityManager, blockerId: string, rawUserId: unknown): Promise<User> {
      const target = await targetUser(em, blockerId, rawUserId);
      const blockedId = target.id;
      const created = await uniqueAsConflict(
        () =>
          em.transactional(async (tx) => {
            await lockPair(tx, blockerId, blockedId);
            if ((await tx.count(Block, { blockerId, blockedId })) > 0) return false;
            const at = new Date();
            tx.create(Block, { id: Bun.randomUUIDv7(), blockerId, blockedId, createdAt: at });
            await unfriend(tx, blockerId, blockedId);
            await tx.nativeDelete(FriendRequest, { pairKey: pairKey(blockerId, blockedId) });
            await dropInvitesBetween(tx, blockerId, blockedId);
            enqueueDomainEvent<UserBlockData>(tx, DomainEvent.USER_BLOCKED, { blockerId, blockedId, at: at.toISOString() }, blockerId);
            return true;
          }),
        'This user is already blocked',
      );
      if (created) options.afterCommit();
      return target;
    },

    async unblock(em: EntityManager, blockerId: string, rawUserId: unknown): Promise<User> {
      const target = await targetUser(em, blockerId, rawUserId);
      const blockedId = target.id;
      const removed = await em.transactional(async (tx) => {
        await lockPair(tx, blockerId, blockedId);
        if ((await tx.nativeDelete(Block, { blockerId, blockedId })) === 0) return false;
        enqueueDomainEvent<UserBlockData>(tx, DomainEvent.USER_UNBLOCKED, { blockerId, blockedId, at: new Date().toISOString() }, blockerId);
        return true;
      });
      if (removed) options.afterCommit();
      return target;
    },

    /** Ids of the users `blockerId` blocks, newest block first. */
    async blockedIds(em: EntityManager, blockerId: string): Promise<string[]> {
      const rows = await em.find(Block, { blockerId }, { orderBy: { id: 'desc' }, fields: ['blockedId'] });
      return rows.map((r) => r.blockedId);
    },
  };
}

export type BlocksService = ReturnType<typeof createBlocksService>;
