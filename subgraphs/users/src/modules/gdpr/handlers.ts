import { randomBytes } from 'node:crypto';
import { toExportJson, type GdprHandlers } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import { RefreshToken } from '../../entities/refresh-token.entity.ts';
import type { UsersGdprDeps, UsersModule } from '../types.ts';
import { DataExport, DataExportPart } from './entities/data-export.entity.ts';

/**
 * The users service's own answer to GDPR requests: the account and sessions, then each feature module's
 * `gdpr` handlers (their export under the module's name).
 */
export function createUsersGdprHandlers(modules: readonly UsersModule[], deps: UsersGdprDeps = {}): GdprHandlers {
  const handlers = modules.flatMap((m) => {
    const h = m.gdpr ?? m.createGdpr?.(deps);
    return h ? [{ name: m.name, h }] : [];
  });
  return {
    async exportUser(em, userId) {
      const user = await em.findOne(User, { id: userId });
      const sessions = await em.find(RefreshToken, { userId }, { orderBy: { createdAt: 'asc' } });
      const out: Record<string, unknown> = {
        user: user && { id: user.id, email: user.email, handle: user.handle, roles: user.roles, createdAt: user.createdAt.toISOString() },
        sessions: toExportJson(sessions.map(({ tokenHash: _t, ...s }) => s)),
      };
      for (const { name, h } of handlers) out[name] = await h.exportUser(em, userId);
      return out;
    },
    async eraseUser(em, userId) {
      for (const { h } of handlers) await h.eraseUser(em, userId);
      await em.nativeDelete(RefreshToken, { userId });
      const exports = await em.find(DataExport, { userId });
      if (exports.length) await em.nativeDelete(DataExportPart, { exportId: { $in: exports.map((e) => e.id) } });
      const user = await em.findOne(User, { id: userId });
      if (!user) return;
      // the row stays (other services' records point at the id) but nothing in it identifies the person
      const tag = userId.replace(/-/g, '').slice(-12);
      user.email = `erased-${tag}@erased.invalid`;
      user.handle = `erased_${tag}`;
      user.handleKey = `erased_${tag}`;
      user.passwordHash = await Bun.password.hash(randomBytes(24).toString('base64url'), { algorithm: 'argon2id' });
      user.roles = [];
    },
  };
}
