import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ErrorCode } from '@startales/contracts';
import { AppError, InputError, type EntityManager, type Principal } from '@startales/kit';
import { TrustedDocument } from './entities/trusted-document.entity.ts';
import { DOCUMENT_ID, MAX_DOCUMENTS_PER_OWNER, validateDocuments, type TrustedDocumentInput } from './model.ts';

/** Partners' trusted documents: registered with a partner session, looked up by the gateway for the partner's keys. */
export function createTrustedDocumentService() {
  return {
    async register(em: EntityManager, owner: Principal, inputs: TrustedDocumentInput[]): Promise<TrustedDocument[]> {
      // under a trusted-documents policy a key could only register documents it can already run: keep it a session act
      if (owner.apiKeyId) throw new AppError(ErrorCode.FORBIDDEN, 'Register trusted documents signed in, not with an API key', 403);
      const docs = validateDocuments(inputs);
      const hashes = [...new Set(docs.map((d) => d.hash))];
      const existing = await em.find(TrustedDocument, { ownerId: owner.userId, hash: { $in: hashes } });
      const byHash = new Map(existing.map((d) => [d.hash, d]));
      const fresh = docs.filter((d, i) => !byHash.has(d.hash) && docs.findIndex((o) => o.hash === d.hash) === i);
      if (fresh.length) {
        const held = await em.count(TrustedDocument, { ownerId: owner.userId });
        if (held + fresh.length > MAX_DOCUMENTS_PER_OWNER) {
          throw new InputError(`at most ${MAX_DOCUMENTS_PER_OWNER} trusted documents; remove some first`, 'documents');
        }
        const now = new Date();
        for (const d of fresh) {
          byHash.set(d.hash, em.create(TrustedDocument, { id: Bun.randomUUIDv7(), ownerId: owner.userId, hash: d.hash, name: d.name ?? null, body: d.body, createdAt: now }));
        }
        try {
          await em.flush();
        } catch (error) {
          // a concurrent registration of the same body won the unique (owner, hash): the caller may simply retry
          if (error instanceof UniqueConstraintViolationException) throw new AppError(ErrorCode.CONFLICT, 'A document was registered concurrently; retry', 409);
          throw error;
        }
      }
      return docs.map((d) => byHash.get(d.hash)!);
    },

    async remove(em: EntityManager, owner: Principal, id: string): Promise<boolean> {
      if (owner.apiKeyId) throw new AppError(ErrorCode.FORBIDDEN, 'Remove trusted documents signed in, not with an API key', 403);
      if (!DOCUMENT_ID.test(id)) throw new InputError('id must be a SHA-256 hex digest', 'id');
      return (await em.nativeDelete(TrustedDocument, { ownerId: owner.userId, hash: id })) > 0;
    },

    find(em: EntityManager, owner: Principal, id: string): Promise<TrustedDocument | null> {
      if (!DOCUMENT_ID.test(id)) return Promise.resolve(null);
      return em.findOne(TrustedDocument, { ownerId: owner.userId, hash: id });
    },

    list(em: EntityManager, ownerId: string, offset: number, limit: number) {
      return em.findAndCount(TrustedDocument, { ownerId }, { orderBy: { createdAt: 'desc', id: 'desc' }, offset, limit });
    },
  };
}
export type TrustedDocumentService = ReturnType<typeof createTrustedDocumentService>;
