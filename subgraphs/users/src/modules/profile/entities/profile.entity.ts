import { defineEntity, p } from '@mikro-orm/core';

/**
 * A user's profile, preferences and privacy settings, one row per user (created on the first change; a user
 * without a row has the defaults). The handle lives on the account (`user_account`), not here.
 */
export const ProfileSchema = defineEntity({
  name: 'Profile',
  tableName: 'user_profile',
  properties: {
    userId: p.uuid().primary(),
    displayName: p.string().length(40).nullable(),
    avatarUrl: p.string().length(2048).nullable(),
    bio: p.string().length(500).nullable(),
    /** An IANA zone from `Intl.supportedValuesOf('timeZone')`. */
    timezone: p.string().length(64).nullable(),
    /** A canonical BCP-47 tag. */
    language: p.string().length(35).nullable(),
    /** PREMIUM / STANDARD / ECONOMY. */
    llmTier: p.string().length(16).nullable(),
    notifyFriendRequests: p.boolean().default(true),
    notifyPartyInvites: p.boolean().default(true),
    notifyCampaignUpdates: p.boolean().default(true),
    notifySessionReminders: p.boolean().default(true),
    /** Marketing mail is opt-in. */
    notifyProductNews: p.boolean().default(false),
    /** PUBLIC / FRIENDS / PRIVATE. */
    visibility: p.string().length(16).default('PUBLIC'),
    /** EVERYONE / FRIENDS_OF_FRIENDS / NOBODY. */
    friendRequestPolicy: p.string().length(24).default('EVERYONE'),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class Profile extends ProfileSchema.class {}
ProfileSchema.setClass(Profile);
