import type { EntityManager, ObjectStorage, RetentionRule } from '@startales/kit';
import { CharacterImageStatus } from './entities/character-image.entity.ts';
import { characterPrefix } from './service.ts';

/** Attempts removed per round (each round lists the stored objects of the users it touches once). */
const ROWS_PER_ROUND = 200;

/**
 * Attempts that never became (or are no longer) a portrait: refused, failed, removed by the player, or left PENDING
 * by a crash (an attempt is in flight for minutes at most).
 */
const DEAD = [CharacterImageStatus.REJECTED, CharacterImageStatus.FAILED, CharacterImageStatus.REMOVED, CharacterImageStatus.PENDING];
/** Of those, the ones that may have left an object behind (a REJECTED attempt is refused before anything is stored). */
const MAY_HAVE_STORED: readonly string[] = [CharacterImageStatus.FAILED, CharacterImageStatus.REMOVED, CharacterImageStatus.PENDING];

interface Row {
  id: string;
  user_id: string;
  status: string;
  storage_key: string | null;
}

/**
 * The character-portrait attempts that are logs, not user data: REJECTED, FAILED, REMOVED and abandoned PENDING rows
 * whose last change (`updated_at`: the attempt, or the removal) is older than the log limit. Any object such an
 * attempt may have left in storage (a removal whose delete failed, a crash between storing and recording) is
 * deleted first, found under the user's prefix by the attempt's id; a storage failure fails the rule, so the rows
 * stay and the next run tries again. READY portraits — the chosen one and the rest of the player's gallery — are
 * user data: they stay while the account exists, and erasure removes them with everything under the prefix.
 */
export function characterImageRetention(storage: ObjectStorage | undefined): RetentionRule {
  return {
    name: 'character-images-dead',
    category: 'log',
    run: async (em: EntityManager, cutoff: Date) => {
      let total = 0;
      const statuses = DEAD.map(() => '?').join(', ');
      for (;;) {
        const rows = (await em.execute(
          `select id, user_id, status, storage_key from "users"."character_image" where status in (${statuses}) and updated_at < ? order by id limit ${ROWS_PER_ROUND}`,
          [...DEAD, cutoff],
          'all',
        )) as Row[];
        if (!rows.length) return total;
        if (storage) await deleteLeftovers(storage, rows.filter((r) => MAY_HAVE_STORED.includes(r.status) || r.storage_key));
        const ids = rows.map((r) => r.id);
        const res = (await em.execute(`delete from "users"."character_image" where id in (${ids.map(() => '?').join(', ')})`, ids, 'run')) as unknown as {
          affectedRows: number;
        };
        total += res.affectedRows;
        if (rows.length < ROWS_PER_ROUND) return total;
      }
    },
  };
}

/** Deletes every object of these attempts: `characters/<userId>/<id>.<ext>` (any extension), and a recorded key. */
async function deleteLeftovers(storage: ObjectStorage, rows: Row[]): Promise<void> {
  const byUser = new Map<string, Row[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  for (const [userId, attempts] of byUser) {
    const prefix = characterPrefix(userId);
    const ids = new Set(attempts.map((a) => a.id));
    const keys = new Set(attempts.flatMap((a) => (a.storage_key ? [a.storage_key] : [])));
    for (const key of await storage.list(prefix)) {
      const file = key.slice(prefix.length);
      const dot = file.indexOf('.');
      if (dot > 0 && ids.has(file.slice(0, dot))) keys.add(key);
    }
    for (const key of keys) await storage.delete(key);
  }
}
