import { Role } from '@startales/contracts';
import { InputError, requireRole, toExportJson, type RequestContext } from '@startales/kit';
import type { UsersModule } from '../types.ts';
import { TrustedDocument } from './entities/trusted-document.entity.ts';
import { createTrustedDocumentService } from './service.ts';
import type { TrustedDocumentInput } from './model.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

/** Opaque cursors: base64url of the offset. */
const encodeCursor = (n: number) => Buffer.from(`o:${n}`).toString('base64url');
function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new InputError('Invalid cursor', 'after');
  return Number(m[1]) + 1;
}

/**
 * Trusted documents (persisted operations) registered per partner. The gateway looks one up with the partner's own
 * (key-exchanged) token through `myTrustedDocument`, so a key only ever runs documents its owner registered.
 */
export const documentsModule: UsersModule = {
  name: 'documents',
  typeDefs,
  entities: [TrustedDocument],
  gdpr: {
    async exportUser(em, userId) {
      const docs = await em.find(TrustedDocument, { ownerId: userId }, { orderBy: { createdAt: 'asc' } });
      return { trustedDocuments: toExportJson(docs.map(({ ownerId: _o, ...d }) => d)) };
    },
    async eraseUser(em, userId) {
      await em.nativeDelete(TrustedDocument, { ownerId: userId });
    },
  },
  createResolvers: () => {
    const service = createTrustedDocumentService();
    return {
      TrustedDocument: { id: (doc: TrustedDocument) => doc.hash },
      Query: {
        myTrustedDocuments: async (_: unknown, args: { first: number; after?: string | null }, ctx: RequestContext) => {
          const principal = requireRole(ctx.auth, Role.PARTNER);
          if (!Number.isInteger(args.first) || args.first < 1 || args.first > 100) throw new InputError('first must be 1–100', 'first');
          const offset = decodeCursor(args.after);
          const [page, total] = await service.list(ctx.em, principal.userId, offset, args.first);
          return {
            edges: page.map((node, i) => ({ cursor: encodeCursor(offset + i), node })),
            pageInfo: { hasNextPage: offset + page.length < total, endCursor: page.length ? encodeCursor(offset + page.length - 1) : null },
            totalCount: total,
          };
        },
        myTrustedDocument: (_: unknown, args: { id: string }, ctx: RequestContext) => service.find(ctx.em, requireRole(ctx.auth, Role.PARTNER), args.id),
      },
      Mutation: {
        registerTrustedDocuments: (_: unknown, args: { documents: TrustedDocumentInput[] }, ctx: RequestContext) =>
          service.register(ctx.em, requireRole(ctx.auth, Role.PARTNER), args.documents),
        removeTrustedDocument: (_: unknown, args: { id: string }, ctx: RequestContext) => service.remove(ctx.em, requireRole(ctx.auth, Role.PARTNER), args.id),
      },
    };
  },
};

export { createTrustedDocumentService };
