import type { EntityManager } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';

/** Loads users by id, returned in the order of `ids` (missing ones dropped). */
export async function usersByIds(em: EntityManager, ids: readonly string[]): Promise<User[]> {
  if (ids.length === 0) return [];
  const rows = await em.find(User, { id: { $in: [...new Set(ids)] } });
  const byId = new Map(rows.map((u) => [u.id, u]));
  return ids.map((id) => byId.get(id)).filter((u): u is User => !!u);
}
