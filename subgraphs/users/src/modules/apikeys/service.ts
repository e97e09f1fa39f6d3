import { createHash, randomBytes } from 'node:crypto';
import { ErrorCode, Role } from '@startales/contracts';
import { AppError, AuthError, InputError, NotFoundError, type EntityManager, type Principal } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import type { SigningKeys } from '../auth/keys.ts';
import { ApiKey } from './entities/api-key.entity.ts';
import { API_KEY_PREFIX, MAX_KEYS_PER_OWNER, validateCreateApiKey, type CreateApiKeyInput } from './model.ts';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
/** Access tokens minted for a key are short: a revoked key stops working within this many seconds. */
export const API_KEY_TOKEN_TTL_SECONDS = 300;
/** lastUsedAt is written at most this often per key (the hot path stays read-only). */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Partner API keys: created by partners, shown once, stored hashed, scoped, revocable. */
export function createApiKeyService(options: { keys: SigningKeys }) {
  return {
    async create(em: EntityManager, owner: Principal, raw: CreateApiKeyInput) {
      if (owner.apiKeyId) throw new AppError(ErrorCode.FORBIDDEN, 'An API key cannot create API keys', 403);
      const input = validateCreateApiKey(raw);
      const active = await em.count(ApiKey, { ownerId: owner.userId, revokedAt: null });
      if (active >= MAX_KEYS_PER_OWNER) throw new InputError(`at most ${MAX_KEYS_PER_OWNER} active keys; revoke one first`, 'name');
      const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const key = em.create(ApiKey, {
        id: Bun.randomUUIDv7(),
        ownerId: owner.userId,
        name: input.name,
        prefix: secret.slice(0, 12),
        keyHash: hashKey(secret),
        scopes: input.scopes,
        createdAt: new Date(),
        expiresAt: input.expiresAt ?? null,
        lastUsedAt: null,
        revokedAt: null,
      });
      await em.flush();
      return { apiKey: key, secret };
    },

    async revoke(em: EntityManager, owner: Principal, id: string): Promise<ApiKey> {
      const key = await em.findOne(ApiKey, { id });
      const isAdmin = owner.roles.includes(Role.ADMIN);
      if (!key || (key.ownerId !== owner.userId && !isAdmin)) throw new NotFoundError('No such API key');
      key.revokedAt ??= new Date();
      await em.flush();
      return key;
    },

    list(em: EntityManager, ownerId: string): Promise<ApiKey[]> {
      return em.find(ApiKey, { ownerId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    },

    /**
     * Exchanges a key for a short-lived access token carrying the partner role and the key's scopes.
     * Unknown, revoked and expired keys fail alike.
     */
    async exchange(em: EntityManager, secret: string) {
      const invalid = () => new AuthError('Invalid API key', ErrorCode.INVALID_TOKEN);
      if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 100) throw invalid();
      const key = await em.findOne(ApiKey, { keyHash: hashKey(secret) });
      const now = Date.now();
      if (!key || key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= now)) throw invalid();
      const owner = await em.findOne(User, { id: key.ownerId });
      if (!owner || !owner.roles.includes(Role.PARTNER)) throw invalid();
      if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: new Date(now) });
      }
      const ttl = key.expiresAt ? Math.min(API_KEY_TOKEN_TTL_SECONDS, Math.floor((key.expiresAt.getTime() - now) / 1000)) : API_KEY_TOKEN_TTL_SECONDS;
      const { token, expiresAt } = await options.keys.signAccessToken({
        userId: owner.id,
        handle: owner.handle,
        roles: [Role.PARTNER],
        scopes: key.scopes,
        apiKeyId: key.id,
        ttlSeconds: Math.max(1, ttl),
      });
      return { accessToken: token, expiresAt: expiresAt.toISOString(), scopes: key.scopes };
    },
  };
}
export type ApiKeyService = ReturnType<typeof createApiKeyService>;
