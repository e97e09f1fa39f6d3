import { defineEntity, p } from '@mikro-orm/core';

/**
 * A user's TOTP factor (RFC 6238). Pending until confirmed with a code; `secret` is sealed (AES-256-GCM when a key is
 * configured, see totp.ts). `lastUsedStep` is the newest 30-second step a code was accepted for: no code is accepted
 * twice, nor an older one.
 */
export const MfaTotpSchema = defineEntity({
  name: 'MfaTotp',
  tableName: 'mfa_totp',
  properties: {
    userId: p.uuid().primary(),
    secret: p.string().length(255),
    createdAt: p.datetime(),
    confirmedAt: p.datetime().nullable(),
    lastUsedStep: p.integer().nullable(),
  },
});

export class MfaTotp extends MfaTotpSchema.class {}
MfaTotpSchema.setClass(MfaTotp);
