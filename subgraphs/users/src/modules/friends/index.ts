import { requireUser, toExportJson, type RequestContext } from '@startales/kit';
import type { User } from '../../entities/user.entity.ts';
import type { UsersModule } from '../types.ts';
import { findUserOrFail } from '../social/errors.ts';
import { keysetPage, type PageArgs } from '../social/connection.ts';
import { forget, memo } from '../social/memo.ts';
import { usersByIds } from '../social/users.ts';
import { profileAccess, seesDetails, viewerId } from '../profile/privacy.ts';
import { Friendship } from './entities/friendship.entity.ts';
import { FriendRequest } from './entities/friend-request.entity.ts';
import { createFriendsService } from './service.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

/** Friend requests (send, accept, decline, cancel), friendships (list, remove) and the caller's relation to a user. */
export const friendsModule: UsersModule = {
  name: 'friends',
  typeDefs,
  entities: [Friendship, FriendRequest],
  gdpr: {
    async exportUser(em, userId) {
      const friends = await em.find(Friendship, { userId }, { orderBy: { id: 'asc' } });
      const requests = await em.find(FriendRequest, { $or: [{ fromId: userId }, { toId: userId }] }, { orderBy: { id: 'asc' } });
      return {
        friends: friends.map((f) => ({ userId: f.friendId, since: f.createdAt.toISOString() })),
        pendingRequests: toExportJson(requests.map(({ pairKey: _k, ...r }) => r)),
      };
    },
    async eraseUser(em, userId) {
      await em.nativeDelete(Friendship, { $or: [{ userId }, { friendId: userId }] });
      await em.nativeDelete(FriendRequest, { $or: [{ fromId: userId }, { toId: userId }] });
    },
  },
  createResolvers: () => {
    const service = createFriendsService();

    const requestPage = (ctx: RequestContext, where: Record<string, unknown>, args: PageArgs) =>
      keysetPage(ctx.em, FriendRequest, where, args, async (rows, cursor) => rows.map((node) => ({ cursor: cursor(node), node })));

    const user = (ctx: RequestContext, id: string) => memo(ctx, `user:${id}`, () => findUserOrFail(ctx.em, id, 'id'));

    return {
      Query: {
        incomingFriendRequests: (_: unknown, args: PageArgs, ctx: RequestContext) =>
          requestPage(ctx, { toId: requireUser(ctx.auth).userId }, args),
        outgoingFriendRequests: (_: unknown, args: PageArgs, ctx: RequestContext) =>
          requestPage(ctx, { fromId: requireUser(ctx.auth).userId }, args),
      },
      Mutation: {
        sendFriendRequest: async (_: unknown, args: { userId: string }, ctx: RequestContext) => {
          const result = await service.send(ctx.em, requireUser(ctx.auth).userId, args.userId);
          forget(ctx);
          return result;
        },
        acceptFriendRequest: async (_: unknown, args: { requestId: string }, ctx: RequestContext) => {
          const friendId = await service.accept(ctx.em, requireUser(ctx.auth).userId, args.requestId);
          forget(ctx);
          return findUserOrFail(ctx.em, friendId, 'requestId');
        },
        declineFriendRequest: (_: unknown, args: { requestId: string }, ctx: RequestContext) =>
          service.decline(ctx.em, requireUser(ctx.auth).userId, args.requestId),
        cancelFriendRequest: (_: unknown, args: { requestId: string }, ctx: RequestContext) =>
          service.cancel(ctx.em, requireUser(ctx.auth).userId, args.requestId),
        removeFriend: async (_: unknown, args: { userId: string }, ctx: RequestContext) => {
          const done = await service.remove(ctx.em, requireUser(ctx.auth).userId, args.userId);
          forget(ctx);
          return done;
        },
      },
      FriendRequest: {
        from: (r: FriendRequest, _: unknown, ctx: RequestContext) => user(ctx, r.fromId),
        to: (r: FriendRequest, _: unknown, ctx: RequestContext) => user(ctx, r.toId),
      },
      User: {
        friends: async (owner: User, args: PageArgs, ctx: RequestContext) => {
          if (!seesDetails(await profileAccess(ctx, owner.id))) return null;
          return keysetPage(ctx.em, Friendship, { userId: owner.id }, args, async (rows, cursor) => {
            const friends = new Map((await usersByIds(ctx.em, rows.map((r) => r.friendId))).map((u) => [u.id, u]));
            return rows
              .filter((r) => friends.has(r.friendId))
              .map((r) => ({ cursor: cursor(r), node: friends.get(r.friendId)!, friendsSince: r.createdAt }));
          });
        },
        friendStatus: (target: User, _: unknown, ctx: RequestContext) => {
          const viewer = viewerId(ctx);
          return viewer ? memo(ctx, `status:${target.id}`, () => service.status(ctx.em, viewer, target.id)) : null;
        },
      },
    };
  },
};
