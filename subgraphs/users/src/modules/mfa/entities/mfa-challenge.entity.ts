import { defineEntity, p } from '@mikro-orm/core';

/**
 * A sign-in waiting for its second factor: the `mfaToken` of MFA_REQUIRED (stored as its SHA-256). Short-lived,
 * yields at most one session, and dies after a few wrong codes.
 */
export const MfaChallengeSchema = defineEntity({
  name: 'MfaChallenge',
  tableName: 'mfa_challenge',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    tokenHash: p.string().length(64).unique(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    failedAttempts: p.integer().default(0),
  },
});

export class MfaChallenge extends MfaChallengeSchema.class {}
MfaChallengeSchema.setClass(MfaChallenge);
