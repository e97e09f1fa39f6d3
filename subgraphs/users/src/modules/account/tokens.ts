import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@startales/kit';
import { AccountToken, type AccountTokenPurpose } from './entities/account-token.entity.ts';
import { LINK_TOKEN } from './model.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Mints a link token in the caller's transaction; earlier unused tokens of that purpose stop working. */
export async function issueLinkToken(
  em: EntityManager,
  options: { userId: string; purpose: AccountTokenPurpose; email: string; ttlSeconds: number },
): Promise<string> {
  await em.nativeDelete(AccountToken, { userId: options.userId, purpose: options.purpose, usedAt: null });
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  em.create(AccountToken, {
    id: Bun.randomUUIDv7(),
    userId: options.userId,
    purpose: options.purpose,
    tokenHash: hashToken(token),
    email: options.email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + options.ttlSeconds * 1000),
    usedAt: null,
  });
  return token;
}

/** The live (unused, unexpired) token row, or null. Does not use it up. */
export async function findLinkToken(em: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<AccountToken | null> {
  if (!LINK_TOKEN.test(token)) return null;
  return em.findOne(AccountToken, { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { $gt: new Date() } });
}

/** Uses the token up; false when another request used it first (a conditional UPDATE: one winner). */
export async function consumeLinkToken(em: EntityManager, row: AccountToken): Promise<boolean> {
  const claimed = await em.nativeUpdate(AccountToken, { id: row.id, usedAt: null, expiresAt: { $gt: new Date() } }, { usedAt: new Date() });
  return claimed === 1;
}
