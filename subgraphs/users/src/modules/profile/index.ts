import { requireUser, NotFoundError, toExportJson, type RequestContext } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import type { UsersModule } from '../types.ts';
import { forget, memo } from '../social/memo.ts';
import { Profile } from './entities/profile.entity.ts';
import { createProfileService, loadProfile } from './service.ts';
import { profileAccess, seesDetails, seesSettings } from './privacy.ts';
import type { UpdatePreferencesInput, UpdatePrivacyInput, UpdateProfileInput } from './model.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

/** The profile row of a user, once per request. */
const profileOf = (ctx: RequestContext, userId: string) => memo(ctx, `profile:${userId}`, () => loadProfile(ctx.em, userId));

/** A profile-detail field, resolved only when the caller may see the profile's details. */
const detail =
  <K extends 'displayName' | 'avatarUrl' | 'bio'>(key: K) =>
  async (user: User, _: unknown, ctx: RequestContext) =>
    seesDetails(await profileAccess(ctx, user.id)) ? (await profileOf(ctx, user.id))[key] : null;

/** Profiles (display name, avatar, bio), preferences, privacy settings and handle changes. */
export const profileModule: UsersModule = {
  name: 'profile',
  typeDefs,
  entities: [Profile],
  gdpr: {
    async exportUser(em, userId) {
      const profile = await em.findOne(Profile, { userId });
      return { profile: profile ? toExportJson([profile])[0] : null };
    },
    async eraseUser(em, userId) {
      await em.nativeDelete(Profile, { userId });
    },
  },
  createResolvers: ({ deps }) => {
    const service = createProfileService({ afterCommit: deps.outbox.kick });
    /** Runs a mutation for the signed-in user and returns their (fresh) account. */
    const mutate = async (ctx: RequestContext, change: (userId: string) => Promise<unknown>) => {
      const principal = requireUser(ctx.auth);
      await change(principal.userId);
      forget(ctx);
      const user = await ctx.em.findOne(User, { id: principal.userId });
      if (!user) throw new NotFoundError('Your account no longer exists');
      return user;
    };
    return {
      Mutation: {
        updateProfile: (_: unknown, args: { input: UpdateProfileInput }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.updateProfile(ctx.em, id, args.input)),
        updatePreferences: (_: unknown, args: { input: UpdatePreferencesInput }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.updatePreferences(ctx.em, id, args.input)),
        updatePrivacy: (_: unknown, args: { input: UpdatePrivacyInput }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.updatePrivacy(ctx.em, id, args.input)),
        changeHandle: (_: unknown, args: { handle: string }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.changeHandle(ctx.em, id, args.handle)),
      },
      User: {
        displayName: detail('displayName'),
        avatarUrl: detail('avatarUrl'),
        bio: detail('bio'),
        preferences: async (user: User, _: unknown, ctx: RequestContext) => {
          if (!seesSettings(await profileAccess(ctx, user.id))) return null;
          const p = await profileOf(ctx, user.id);
          return {
            timezone: p.timezone,
            language: p.language,
            llmTier: p.llmTier,
            notifications: {
              friendRequests: p.notifyFriendRequests,
              partyInvites: p.notifyPartyInvites,
              campaignUpdates: p.notifyCampaignUpdates,
              sessionReminders: p.notifySessionReminders,
              productNews: p.notifyProductNews,
            },
          };
        },
        privacy: async (user: User, _: unknown, ctx: RequestContext) => {
          if (!seesSettings(await profileAccess(ctx, user.id))) return null;
          const p = await profileOf(ctx, user.id);
          return { profileVisibility: p.visibility, friendRequests: p.friendRequestPolicy };
        },
      },
    };
  },
};
