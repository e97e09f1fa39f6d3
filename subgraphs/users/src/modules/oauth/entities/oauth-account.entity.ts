import { defineEntity, p } from '@mikro-orm/core';

/**
 * A provider identity linked to a user: the provider's stable subject (Google `sub`, Discord user id, 64-bit
 * SteamID) signs that user in. One identity belongs to one user; a user links at most one identity per provider.
 */
export const OAuthAccountSchema = defineEntity({
  name: 'OAuthAccount',
  tableName: 'oauth_account',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    provider: p.string().length(16),
    subject: p.string().length(255),
    /** The provider's email at the last sign-in, when it said the email is verified. */
    email: p.string().length(254).nullable(),
    displayName: p.string().length(128).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
  },
  uniques: [
    { name: 'oauth_account_provider_subject_unique', properties: ['provider', 'subject'] },
    { name: 'oauth_account_user_provider_unique', properties: ['userId', 'provider'] },
  ],
});

export class OAuthAccount extends OAuthAccountSchema.class {}
OAuthAccountSchema.setClass(OAuthAccount);
