import { defineEntity, p } from '@mikro-orm/core';

/**
 * An account created by an OAuth sign-in has no password, but `user_account.password_hash` is required: it gets
 * an argon2id hash of random bytes nobody knows (so password login fails like any wrong password), and that exact
 * hash is recorded here. While `user_account.password_hash` still equals it, the account has no usable password;
 * once any flow (e.g. password reset) sets a real one, the hashes differ and the account has a password again.
 */
export const OAuthPasswordMarkerSchema = defineEntity({
  name: 'OAuthPasswordMarker',
  tableName: 'oauth_password_marker',
  properties: {
    userId: p.uuid().primary(),
    passwordHash: p.string().length(255),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class OAuthPasswordMarker extends OAuthPasswordMarkerSchema.class {}
OAuthPasswordMarkerSchema.setClass(OAuthPasswordMarker);
