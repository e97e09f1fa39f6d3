import type { EntityManager } from '@startales/kit';
import { Friendship } from '../friends/entities/friendship.entity.ts';
import { Block } from '../blocks/entities/block.entity.ts';

/**
 * Relationship queries shared by the social modules. Everything that changes the relationship of two users
 * (friend requests, friendships, blocks) takes `lockPair` first, so those changes are serialized per pair and
 * requests crossing each other, accept-versus-block and the like resolve in one order.
 */

/** The two ids sorted: the same key whichever of the two acts. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** A transaction-scoped PostgreSQL advisory lock on `key` (released at commit/rollback). Call inside a transaction. */
export async function lockKey(tx: EntityManager, key: string): Promise<void> {
  await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
}

export const lockPair = (tx: EntityManager, a: string, b: string) => lockKey(tx, `social:${pairKey(a, b)}`);

/** `"schema"."table"` of an entity, for the few queries written in SQL. */
export function tableOf(em: EntityManager, entity: abstract new (...args: never[]) => object): string {
  const meta = em.getMetadata().find(entity);
  if (!meta) throw new Error(`no metadata for ${entity.name}`);
  const schema = meta.schema ?? em.config.get('schema');
  return schema ? `"${schema}"."${meta.tableName}"` : `"${meta.tableName}"`;
}

export async function areFriends(em: EntityManager, a: string, b: string): Promise<boolean> {
  return (await em.count(Friendship, { userId: a, friendId: b })) > 0;
}

/** True when `blockerId` blocks `blockedId`. */
export async function isBlocking(em: EntityManager, blockerId: string, blockedId: string): Promise<boolean> {
  return (await em.count(Block, { blockerId, blockedId })) > 0;
}

/** True when either of the two blocks the other. */
export async function blockedEither(em: EntityManager, a: string, b: string): Promise<boolean> {
  return (await em.count(Block, { $or: [{ blockerId: a, blockedId: b }, { blockerId: b, blockedId: a }] })) > 0;
}

/** True when `userId` and any of `others` block each other (in either direction). */
export async function blocksAny(em: EntityManager, userId: string, others: readonly string[]): Promise<boolean> {
  if (others.length === 0) return false;
  const ids = [...others];
  return (await em.count(Block, { $or: [{ blockerId: userId, blockedId: { $in: ids } }, { blockerId: { $in: ids }, blockedId: userId }] })) > 0;
}

/** True when the two have at least one friend in common. */
export async function hasMutualFriend(em: EntityManager, a: string, b: string): Promise<boolean> {
  const t = tableOf(em, Friendship);
  const rows = await em.execute<Array<{ found: boolean }>>(
    `select exists (select 1 from ${t} x join ${t} y on y.friend_id = x.friend_id where x.user_id = ? and y.user_id = ?) as found`,
    [a, b],
  );
  return rows[0]?.found === true;
}
