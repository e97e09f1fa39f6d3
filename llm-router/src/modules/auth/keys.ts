import type { Orm } from '@startales/kit';
import { badRequest, RouterError, RouterErrorCode } from '../../errors.ts';
import { VirtualKey } from '../../entities/index.ts';
import { generateKey, hashKey, type Auth } from './service.ts';

export interface KeyView {
  id: string;
  prefix: string;
  userId: string;
  name: string;
  rpm: number | null;
  tpm: number | null;
  createdAt: string;
  revokedAt: string | null;
}

const view = (k: VirtualKey): KeyView => ({
  id: k.id,
  prefix: k.prefix,
  userId: k.userId,
  name: k.name,
  rpm: k.rpm ?? null,
  tpm: k.tpm ?? null,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
});

const USER_ID = /^[\w.:@-]{1,128}$/;
const limit = (value: unknown, name: string): number | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw badRequest(`${name} must be a non-negative integer (0 = unlimited)`, name);
  return value;
};

/** The admin side of virtual keys: create (the key is returned once), list, revoke. */
export function createKeyService(orm: Orm, auth: Auth, hooks: { revoked?: (keyHash: string) => void } = {}) {
  return {
    async create(body: unknown): Promise<KeyView & { key: string }> {
      const input = (body ?? {}) as Record<string, unknown>;
      if (typeof input.userId !== 'string' || !USER_ID.test(input.userId)) throw badRequest('userId must be 1-128 letters, digits or ._:@-', 'userId');
      if (input.name !== undefined && (typeof input.name !== 'string' || input.name.length > 100)) throw badRequest('name must be a string of at most 100 characters', 'name');
      const key = generateKey();
      const em = orm.em.fork();
      const row = em.create(VirtualKey, {
        id: Bun.randomUUIDv7(),
        keyHash: hashKey(key),
        prefix: key.slice(0, 12),
        userId: input.userId,
        name: (input.name as string | undefined) ?? '',
        rpm: limit(input.rpm, 'rpm'),
        tpm: limit(input.tpm, 'tpm'),
        createdAt: new Date(),
        revokedAt: null,
      });
      await em.flush();
      return { ...view(row), key };
    },

    async list(userId: string | null): Promise<KeyView[]> {
      const rows = await orm.em.fork().find(VirtualKey, userId ? { userId } : {}, { orderBy: { createdAt: 'asc' }, limit: 1000 });
      return rows.map(view);
    },

    async revoke(id: string): Promise<KeyView> {
      const em = orm.em.fork();
      const row = /^[0-9a-f-]{36}$/i.test(id) ? await em.findOne(VirtualKey, { id }) : null;
      if (!row) throw new RouterError(RouterErrorCode.NOT_FOUND, `No key ${id}`, 404);
      row.revokedAt ??= new Date();
      await em.flush();
      auth.forget(row.keyHash);
      // the other router processes forget it too (they would otherwise trust their cache for up to 30 s)
      hooks.revoked?.(row.keyHash);
      return view(row);
    },
  };
}
export type KeyService = ReturnType<typeof createKeyService>;
