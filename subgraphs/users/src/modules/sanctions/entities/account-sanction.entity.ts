import { defineEntity, p } from '@mikro-orm/core';

export const SANCTION_TYPES = ['SUSPEND', 'BAN'] as const;
export type SanctionType = (typeof SANCTION_TYPES)[number];

/**
 * users' projection of moderation's suspensions and bans (`domain.moderation.action` / `action_revoked`), keyed by
 * the moderation action id. In force while `startsAt <= now < expiresAt` (no expiry: a ban) and not revoked.
 */
export const AccountSanctionSchema = defineEntity({
  name: 'AccountSanction',
  tableName: 'account_sanction',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    type: p.enum([...SANCTION_TYPES]),
    policy: p.string().length(40),
    /** The statement of reasons moderation showed the player (told again at sign-in). */
    reason: p.text(),
    startsAt: p.datetime(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    receivedAt: p.datetime(),
  },
});

export class AccountSanction extends AccountSanctionSchema.class {}
AccountSanctionSchema.setClass(AccountSanction);
