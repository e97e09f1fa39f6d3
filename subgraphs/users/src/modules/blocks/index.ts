import { requireUser, type RequestContext } from '@startales/kit';
import type { User } from '../../entities/user.entity.ts';
import type { UsersModule } from '../types.ts';
import { keysetPage, type PageArgs } from '../social/connection.ts';
import { forget } from '../social/memo.ts';
import { usersByIds } from '../social/users.ts';
import { profileAccess, seesSettings } from '../profile/privacy.ts';
import { Block } from './entities/block.entity.ts';
import { createBlocksService } from './service.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

/** One-way blocks: block/unblock, the caller's block list, and the block list as a federated field. */
export const blocksModule: UsersModule = {
  name: 'blocks',
  typeDefs,
  entities: [Block],
  gdpr: {
    async exportUser(em, userId) {
      const blocks = await em.find(Block, { blockerId: userId }, { orderBy: { id: 'asc' } });
      return { blockedUsers: blocks.map((b) => ({ userId: b.blockedId, blockedAt: b.createdAt.toISOString() })) };
    },
    // the erased account's own blocks, and other users' blocks of it (they point at an account that no longer acts)
    async eraseUser(em, userId) {
      await em.nativeDelete(Block, { $or: [{ blockerId: userId }, { blockedId: userId }] });
    },
  },
  createResolvers: ({ deps }) => {
    const service = createBlocksService({ afterCommit: deps.outbox.kick });
    return {
      Query: {
        myBlockedUsers: (_: unknown, args: PageArgs, ctx: RequestContext) =>
          keysetPage(ctx.em, Block, { blockerId: requireUser(ctx.auth).userId }, args, async (rows, cursor) => {
            const users = new Map((await usersByIds(ctx.em, rows.map((r) => r.blockedId))).map((u) => [u.id, u]));
            return rows
              .filter((r) => users.has(r.blockedId))
              .map((r) => ({ cursor: cursor(r), node: users.get(r.blockedId)!, blockedAt: r.createdAt }));
          }),
      },
      Mutation: {
        blockUser: async (_: unknown, args: { userId: string }, ctx: RequestContext) => {
          const user = await service.block(ctx.em, requireUser(ctx.auth).userId, args.userId);
          forget(ctx);
          return user;
        },
        unblockUser: async (_: unknown, args: { userId: string }, ctx: RequestContext) => {
          const user = await service.unblock(ctx.em, requireUser(ctx.auth).userId, args.userId);
          forget(ctx);
          return user;
        },
      },
      User: {
        blockedUserIds: async (user: User, _: unknown, ctx: RequestContext) =>
          seesSettings(await profileAccess(ctx, user.id)) ? service.blockedIds(ctx.em, user.id) : null,
      },
    };
  },
};
