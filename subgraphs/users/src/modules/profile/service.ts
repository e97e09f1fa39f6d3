import { DomainEvent, ErrorCode, type UserHandleChangedData } from '@startales/contracts';
import { AppError, InputError, enqueueDomainEvent, isUniqueViolation, type EntityManager } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import { validateHandle } from '../auth/model.ts';
import { findUserOrFail } from '../social/errors.ts';
import { Profile } from './entities/profile.entity.ts';
import {
  validateAvatarUrl,
  validateBio,
  validateDisplayName,
  validateFriendRequestPolicy,
  validateLanguage,
  validateLlmTier,
  validateTimezone,
  validateVisibility,
  type NotificationSettingsInput,
  type UpdatePreferencesInput,
  type UpdatePrivacyInput,
  type UpdateProfileInput,
} from './model.ts';

/** A user's profile row, or an unsaved one holding the defaults (what every user has before changing anything). */
export async function loadProfile(em: EntityManager, userId: string): Promise<Profile> {
  return (await em.findOne(Profile, { userId })) ?? defaults(em, userId);
}

function defaults(em: EntityManager, userId: string): Profile {
  const profile = new Profile();
  em.assign(profile, {
    userId,
    displayName: null,
    avatarUrl: null,
    bio: null,
    timezone: null,
    language: null,
    llmTier: null,
    notifyFriendRequests: true,
    notifyPartyInvites: true,
    notifyCampaignUpdates: true,
    notifySessionReminders: true,
    notifyProductNews: false,
    visibility: 'PUBLIC',
    friendRequestPolicy: 'EVERYONE',
    updatedAt: new Date(),
  });
  return profile;
}

/** The managed profile row of `userId`, inserted with the defaults when there is none (safe under concurrency). */
async function ensureProfile(em: EntityManager, userId: string): Promise<Profile> {
  const existing = await em.findOne(Profile, { userId });
  if (existing) return existing;
  const fork = em.fork();
  try {
    fork.persist(defaults(fork, userId));
    await fork.flush();
  } catch (error) {
    // a concurrent first update inserted it: use theirs
    if (!isUniqueViolation(error)) throw error;
  }
  return em.findOneOrFail(Profile, { userId });
}

const has = <T extends object>(input: T, key: keyof T) => Object.prototype.hasOwnProperty.call(input, key);

function requireObject(input: unknown, field: string): void {
  if (!input || typeof input !== 'object') throw new InputError(`${field} is required`, field);
}

/** Profile, preferences, privacy settings and handle changes. No HTTP in here. */
export function createProfileService(options: { afterCommit: () => void }) {
  return {
    loadProfile,

    /** Absent fields stay as they are; null (or blank) clears. */
    async updateProfile(em: EntityManager, userId: string, input: UpdateProfileInput): Promise<Profile> {
      requireObject(input, 'input');
      const changes: Partial<Profile> = {};
      if (has(input, 'displayName')) changes.displayName = validateDisplayName(input.displayName ?? null);
      if (has(input, 'avatarUrl')) changes.avatarUrl = validateAvatarUrl(input.avatarUrl ?? null);
      if (has(input, 'bio')) changes.bio = validateBio(input.bio ?? null);
      const profile = await ensureProfile(em, userId);
      em.assign(profile, changes);
      await em.flush();
      return profile;
    },

    async updatePreferences(em: EntityManager, userId: string, input: UpdatePreferencesInput): Promise<Profile> {
      requireObject(input, 'input');
      const changes: Partial<Profile> = {};
      if (has(input, 'timezone')) changes.timezone = validateTimezone(input.timezone ?? null);
      if (has(input, 'language')) changes.language = validateLanguage(input.language ?? null);
      if (has(input, 'llmTier')) changes.llmTier = validateLlmTier(input.llmTier ?? null);
      if (has(input, 'notifications')) Object.assign(changes, notificationChanges(input.notifications));
      const profile = await ensureProfile(em, userId);
      em.assign(profile, changes);
      await em.flush();
      return profile;
    },

    async updatePrivacy(em: EntityManager, userId: string, input: UpdatePrivacyInput): Promise<Profile> {
      requireObject(input, 'input');
      const changes: Partial<Profile> = {};
      if (has(input, 'profileVisibility')) {
        if (input.profileVisibility == null) throw new InputError('profileVisibility cannot be null', 'profileVisibility');
        changes.visibility = validateVisibility(input.profileVisibility);
      }
      if (has(input, 'friendRequests')) {
        if (input.friendRequests == null) throw new InputError('friendRequests cannot be null', 'friendRequests');
        changes.friendRequestPolicy = validateFriendRequestPolicy(input.friendRequests);
      }
      const profile = await ensureProfile(em, userId);
      em.assign(profile, changes);
      await em.flush();
      return profile;
    },

    /**
     * Changes the handle (unique regardless of case, reserved words refused). A change of case only is allowed.
     * Publishes `domain.users.handle_changed`. Access tokens carry the old handle until they are refreshed.
     */
    async changeHandle(em: EntityManager, userId: string, raw: unknown): Promise<User> {
      if (typeof raw !== 'string') throw new InputError('handle is required', 'handle');
      const handle = validateHandle(raw);
      const current = await findUserOrFail(em, userId, 'handle');
      if (current.handle === handle) return current;
      try {
        const user = await em.transactional(async (tx) => {
          const user = await tx.findOneOrFail(User, { id: userId });
          const previousHandle = user.handle;
          user.handle = handle;
          user.handleKey = handle.toLowerCase();
          enqueueDomainEvent<UserHandleChangedData>(tx, DomainEvent.USER_HANDLE_CHANGED, { userId, handle, previousHandle }, userId);
          return user;
        });
        options.afterCommit();
        em.assign(current, { handle: user.handle, handleKey: user.handleKey });
        return current;
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError(ErrorCode.HANDLE_TAKEN, 'That handle is taken', 409, { field: 'handle' });
        throw error;
      }
    },
  };
}

const NOTIFICATION_COLUMNS = {
  friendRequests: 'notifyFriendRequests',
  partyInvites: 'notifyPartyInvites',
  campaignUpdates: 'notifyCampaignUpdates',
  sessionReminders: 'notifySessionReminders',
  productNews: 'notifyProductNews',
} as const satisfies Record<keyof NotificationSettingsInput, keyof Profile>;

function notificationChanges(input: NotificationSettingsInput | null | undefined): Partial<Profile> {
  if (input == null) throw new InputError('notifications cannot be null (leave it out to keep the settings)', 'notifications');
  const changes: Partial<Record<keyof Profile, boolean>> = {};
  for (const [key, column] of Object.entries(NOTIFICATION_COLUMNS) as Array<[keyof NotificationSettingsInput, keyof Profile]>) {
    if (!has(input, key)) continue;
    const value = input[key];
    if (typeof value !== 'boolean') throw new InputError(`notifications.${key} must be true or false`, `notifications.${key}`);
    changes[column] = value;
  }
  return changes as Partial<Profile>;
}

export type ProfileService = ReturnType<typeof createProfileService>;
