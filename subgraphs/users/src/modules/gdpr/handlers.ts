import { randomBytes } from 'node:crypto';
import { toExportJson, type GdprHandlers } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import { RefreshToken } from '../../entities/refresh-token.entity.ts';
import type { UsersModule } from '../types.ts';
import { DataExport, DataExportPart } from './entities/data-export.entity.ts';

/**
 * The users service's own answer to GDPR requests: the account and sessions, then each feature module's
 * `gdpr` handlers (their export under the module's name).
 */
export function createUsersGdprHandlers(modules: readonly UsersModule[]): GdprHandlers {
  return {
    async exportUser(em, userId) {
      const user = await em.findOne(User, { id: userId });
      const sessions = await em.find(RefreshToken, { userId }, { orderBy: { createdAt: 'asc' } });
      const out: Record<string, unknown> = {
        user: user && { id: user.id, email: user.email, handle: user.handle, roles: user.roles, createdAt: user.createdAt.toISOString() },
        sessions: toExportJson(sessions.map(({ tokenHash: _t, ...s }) => s)),
      };
      for (const m of modules) if (m.gdpr) out[m.name] = await m.gdpr.exportUser(em, userId);
      return out;
    },
    async eraseUser(em, userId) {
      for (const m of modules) if (m.gdpr) await m.gdpr.eraseUser(em, userId);
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
