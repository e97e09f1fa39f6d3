import { Role } from '@startales/contracts';
import { InputError, requireRole, toExportJson, type RequestContext } from '@startales/kit';
import type { UsersModule } from '../types.ts';
import { ApiKey } from './entities/api-key.entity.ts';
import { createApiKeyService } from './service.ts';
import type { CreateApiKeyInput } from './model.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque cursors: base64url of the offset. */
const encodeCursor = (n: number) => Buffer.from(`o:${n}`).toString('base64url');
function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new InputError('Invalid cursor', 'after');
  return Number(m[1]) + 1;
}

/** Partner API keys: GraphQL management plus the key → access token exchange the gateway calls. */
export const apiKeysModule: UsersModule = {
  name: 'apikeys',
  typeDefs,
  entities: [ApiKey],
  gdpr: {
    async exportUser(em, userId) {
      const keys = await em.find(ApiKey, { ownerId: userId }, { orderBy: { createdAt: 'asc' } });
      return { apiKeys: toExportJson(keys.map(({ keyHash: _h, ...k }) => k)) };
    },
    async eraseUser(em, userId) {
      await em.nativeDelete(ApiKey, { ownerId: userId });
    },
  },
  createResolvers: ({ deps }) => {
    const service = createApiKeyService({ keys: deps.keys });
    return {
      Query: {
        myApiKeys: async (_: unknown, args: { first: number; after?: string | null }, ctx: RequestContext) => {
          const principal = requireRole(ctx.auth, Role.PARTNER);
          if (!Number.isInteger(args.first) || args.first < 1 || args.first > 100) throw new InputError('first must be 1–100', 'first');
          const offset = decodeCursor(args.after);
          const all = await service.list(ctx.em, principal.userId);
          const page = all.slice(offset, offset + args.first);
          return {
            edges: page.map((node, i) => ({ cursor: encodeCursor(offset + i), node })),
            pageInfo: { hasNextPage: offset + args.first < all.length, endCursor: page.length ? encodeCursor(offset + page.length - 1) : null },
            totalCount: all.length,
          };
        },
      },
      Mutation: {
        createApiKey: (_: unknown, args: { input: CreateApiKeyInput }, ctx: RequestContext) =>
          service.create(ctx.em, requireRole(ctx.auth, Role.PARTNER), args.input),
        revokeApiKey: (_: unknown, args: { id: string }, ctx: RequestContext) => {
          const principal = requireRole(ctx.auth, Role.PARTNER);
          if (!UUID.test(args.id)) throw new InputError('id is not a valid key id', 'id');
          return service.revoke(ctx.em, principal, args.id);
        },
      },
    };
  },
};

export { createApiKeyService };
