import { defineEntity, p } from '@mikro-orm/core';

/** A single-use recovery code (80 random bits), stored only as its SHA-256. */
export const MfaRecoveryCodeSchema = defineEntity({
  name: 'MfaRecoveryCode',
  tableName: 'mfa_recovery_code',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    codeHash: p.string().length(64).unique(),
    createdAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
});

export class MfaRecoveryCode extends MfaRecoveryCodeSchema.class {}
MfaRecoveryCodeSchema.setClass(MfaRecoveryCode);
