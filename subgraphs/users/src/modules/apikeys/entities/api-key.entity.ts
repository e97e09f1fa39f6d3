import { defineEntity, p } from '@mikro-orm/core';

/** A partner API key. Only its SHA-256 is stored; `prefix` lets the owner recognise it in lists. */
export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.uuid().primary(),
    ownerId: p.uuid().index(),
    name: p.string().length(80),
    prefix: p.string().length(16),
    keyHash: p.string().length(64).unique(),
    scopes: p.array(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});

export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
