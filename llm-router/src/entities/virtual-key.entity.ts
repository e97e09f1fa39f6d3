import { defineEntity, p } from '@mikro-orm/core';

/**
 * A per-user API key for the router. Only its SHA-256 is stored (the key is 256 random bits, so a fast hash
 * is enough); the key itself is shown once, when the admin API creates it. Calls made with it are attributed
 * to its user and limited by its own RPM/TPM (or the defaults).
 */
export const VirtualKeySchema = defineEntity({
  name: 'VirtualKey',
  tableName: 'virtual_key',
  properties: {
    id: p.uuid().primary(),
    keyHash: p.string().length(64).unique(),
    /** The key's first characters, to tell keys apart in listings. */
    prefix: p.string().length(16),
    userId: p.string().length(128).index(),
    name: p.string().length(100),
    /** Requests per minute; null = the router's default for keys. */
    rpm: p.integer().nullable(),
    /** Tokens per minute; null = the router's default for keys. */
    tpm: p.integer().nullable(),
    createdAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
  },
});

export class VirtualKey extends VirtualKeySchema.class {}
VirtualKeySchema.setClass(VirtualKey);
