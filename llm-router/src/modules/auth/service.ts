import { timingSafeEqual } from 'node:crypto';
import type { Orm } from '@startales/kit';
import { RouterError, RouterErrorCode } from '../../errors.ts';
import { VirtualKey } from '../../entities/index.ts';

/** Who is calling. Limits are per minute; 0 means unlimited. */
export interface Caller {
  kind: 'service' | 'key' | 'admin';
  /** `service`, `admin`, or the virtual key's id (rate limits and the ledger use it). */
  keyId: string;
  /** A virtual key's user: its calls are attributed to them. */
  userId?: string;
  rpm: number;
  tpm: number;
}

export interface AuthOptions {
  orm: Orm;
  serviceToken: string;
  adminToken: string;
  serviceLimits: { rpm: number; tpm: number };
  keyDefaults: { rpm: number; tpm: number };
  /** How long a looked-up virtual key is trusted before it is read again (revocations elsewhere take this long). */
  cacheTtlMs?: number;
}

export const KEY_PREFIX = 'sk-st-';

const sha256 = (value: string) => new Bun.CryptoHasher('sha256').update(value).digest();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** A new virtual key: 256 random bits, shown once. */
export function generateKey(): string {
  return KEY_PREFIX + Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}
export const hashKey = (key: string) => hex(sha256(key));

/** The presented credential: `Authorization: Bearer …` (OpenAI SDK) or `x-api-key` (Anthropic SDK). */
export function presentedToken(request: Request): string | undefined {
  const auth = request.headers.get('authorization');
  if (auth) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!match) throw new RouterError(RouterErrorCode.UNAUTHENTICATED, 'Authorization header must be "Bearer <token>"', 401);
    return match[1];
  }
  return request.headers.get('x-api-key') ?? undefined;
}

/**
 * Authenticates callers: the service token, the admin token (compared in constant time), or a virtual key
 * (looked up by hash, cached briefly so the hot path rarely touches the database).
 */
export function createAuth(options: AuthOptions) {
  const ttl = options.cacheTtlMs ?? 30_000;
  const serviceDigest = sha256(options.serviceToken);
  const adminDigest = sha256(options.adminToken);
  const service: Caller = { kind: 'service', keyId: 'service', ...options.serviceLimits };
  const admin: Caller = { kind: 'admin', keyId: 'admin', rpm: 0, tpm: 0 };
  const cache = new Map<string, { caller: Caller | null; expires: number }>();

  const lookup = async (hash: string): Promise<Caller | null> => {
    const now = Date.now();
    const hit = cache.get(hash);
    if (hit && hit.expires > now) return hit.caller;
    const row = await options.orm.em.fork().findOne(VirtualKey, { keyHash: hash });
    const caller: Caller | null =
      row && !row.revokedAt
        ? { kind: 'key', keyId: row.id, userId: row.userId, rpm: row.rpm ?? options.keyDefaults.rpm, tpm: row.tpm ?? options.keyDefaults.tpm }
        : null;
    if (cache.size >= 10_000) cache.delete(cache.keys().next().value!);
    // unknown keys are remembered briefly too, so a bad key cannot make every request hit the database
    cache.set(hash, { caller, expires: now + (caller ? ttl : Math.min(ttl, 5_000)) });
    return caller;
  };

  return {
    /** The caller of a request, or 401. */
    async authenticate(request: Request): Promise<Caller> {
      const token = presentedToken(request);
      if (!token) throw new RouterError(RouterErrorCode.UNAUTHENTICATED, 'Missing API key: send "Authorization: Bearer <key>"', 401);
      const digest = sha256(token);
      if (timingSafeEqual(digest, serviceDigest)) return service;
      if (timingSafeEqual(digest, adminDigest)) return admin;
      const caller = token.startsWith(KEY_PREFIX) ? await lookup(hex(digest)) : null;
      if (!caller) throw new RouterError(RouterErrorCode.UNAUTHENTICATED, 'Invalid API key', 401);
      return caller;
    },
    /** Forgets a key (after revocation) so this process refuses it at once. */
    forget(keyHash: string) {
      cache.delete(keyHash);
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;
