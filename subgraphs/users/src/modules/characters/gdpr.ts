import { toExportJson, type GdprHandlers, type ObjectStorage } from '@startales/kit';
import { CharacterImage } from './entities/character-image.entity.ts';
import { characterImageUrl, characterPrefix } from './service.ts';

/**
 * GDPR for character portraits: the export lists every attempt (description, outcome, and the URL of each image
 * still served); erasure deletes every stored object under the user's prefix (also ones no row points at any
 * more) and then the rows. A storage failure fails the erasure, so the consumer retries it.
 */
export function createCharactersGdpr(deps: { storage?: ObjectStorage; mediaBaseUrl: string }): GdprHandlers {
  return {
    async exportUser(em, userId) {
      const rows = await em.find(CharacterImage, { userId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      const json = toExportJson(rows.map(({ userId: _u, storageKey: _k, error: _e, ...row }) => row));
      return { characterImages: json.map((row, i) => ({ ...row, url: characterImageUrl(deps.mediaBaseUrl, rows[i]!) })) };
    },
    async eraseUser(em, userId) {
      if (deps.storage) {
        const keys = new Set(await deps.storage.list(characterPrefix(userId)));
        for (const row of await em.find(CharacterImage, { userId, storageKey: { $ne: null } }, { fields: ['storageKey'] })) keys.add(row.storageKey!);
        for (const key of keys) await deps.storage.delete(key);
      }
      await em.nativeDelete(CharacterImage, { userId });
    },
  };
}
