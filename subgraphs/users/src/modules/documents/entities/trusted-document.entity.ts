import { defineEntity, p } from '@mikro-orm/core';

/**
 * A GraphQL document a partner registered for its API keys (a trusted document / persisted operation). `hash` is the
 * SHA-256 (hex) of `body`; the gateway resolves `extensions.persistedQuery.sha256Hash` / `documentId` to it.
 */
export const TrustedDocumentSchema = defineEntity({
  name: 'TrustedDocument',
  tableName: 'trusted_document',
  uniques: [{ properties: ['ownerId', 'hash'] }],
  properties: {
    id: p.uuid().primary(),
    ownerId: p.uuid().index(),
    hash: p.string().length(64),
    name: p.string().length(120).nullable(),
    body: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class TrustedDocument extends TrustedDocumentSchema.class {}
TrustedDocumentSchema.setClass(TrustedDocument);
