import type { EntityManager } from '@startales/kit';

/**
 * Serialises, until the transaction ends, everything billing does for one Stripe customer (or another key):
 * webhooks and mutations re-fetch from Stripe inside the lock, so the last write always holds the newest state.
 */
export async function lockKey(tx: EntityManager, key: string): Promise<void> {
  await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`billing:${key}`]);
}
