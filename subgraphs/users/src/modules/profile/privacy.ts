import { Role } from '@startales/contracts';
import type { RequestContext } from '@startales/kit';
import { Profile } from './entities/profile.entity.ts';
import { Friendship } from '../friends/entities/friendship.entity.ts';
import { Block } from '../blocks/entities/block.entity.ts';
import { tableOf } from '../social/graph.ts';
import { memo } from '../social/memo.ts';
import { ProfileVisibility } from './model.ts';

/**
 * What a viewer may see of a user, decided once per (viewer, user) per request:
 * - `owner`: the user themself (or the account a sign-in response is for) and admins: everything, settings included;
 * - `staff`: moderators: the profile details (they review bios and avatars), not settings;
 * - `details`: display name, avatar, bio, friends list, party: PUBLIC profiles, or FRIENDS ones to friends;
 * - `basic`: id and handle only: PRIVATE profiles, FRIENDS profiles to non-friends, anyone the user blocks,
 *   and callers without a token.
 */
export type Access = 'owner' | 'staff' | 'details' | 'basic';

/** The user a request acts for: the token's subject, or the account a sign-in mutation just authenticated. */
export function viewerId(ctx: RequestContext): string | null {
  return ctx.auth.principal?.userId ?? ctx.sessionUserId ?? null;
}

export function profileAccess(ctx: RequestContext, userId: string): Promise<Access> {
  const principal = ctx.auth.principal;
  if (ctx.sessionUserId === userId || principal?.userId === userId || principal?.roles.includes(Role.ADMIN)) return Promise.resolve('owner');
  if (!principal) return Promise.resolve('basic');
  if (principal.roles.includes(Role.MODERATOR)) return Promise.resolve('staff');
  const viewer = principal.userId;
  return memo(ctx, `access:${userId}`, async () => {
    const rows = await ctx.em.execute<Array<{ visibility: string | null; blocked: boolean; friends: boolean }>>(
      `select (select visibility from ${tableOf(ctx.em, Profile)} where user_id = ?) as visibility,
              exists (select 1 from ${tableOf(ctx.em, Block)} where blocker_id = ? and blocked_id = ?) as blocked,
              exists (select 1 from ${tableOf(ctx.em, Friendship)} where user_id = ? and friend_id = ?) as friends`,
      [userId, userId, viewer, userId, viewer],
    );
    const row = rows[0]!;
    if (row.blocked) return 'basic';
    const visibility = row.visibility ?? ProfileVisibility.PUBLIC;
    if (visibility === ProfileVisibility.PUBLIC) return 'details';
    if (visibility === ProfileVisibility.FRIENDS && row.friends) return 'details';
    return 'basic';
  });
}

export const seesDetails = (access: Access) => access !== 'basic';
export const seesSettings = (access: Access) => access === 'owner';
