import { LLM_TIERS, type LlmTier } from '@startales/contracts';
import { InputError } from '@startales/kit';

/** Who sees a profile's details (display name, avatar, bio, friends, party). */
export const ProfileVisibility = { PUBLIC: 'PUBLIC', FRIENDS: 'FRIENDS', PRIVATE: 'PRIVATE' } as const;
export type ProfileVisibility = (typeof ProfileVisibility)[keyof typeof ProfileVisibility];

/** Who may send a user a friend request. */
export const FriendRequestPolicy = { EVERYONE: 'EVERYONE', FRIENDS_OF_FRIENDS: 'FRIENDS_OF_FRIENDS', NOBODY: 'NOBODY' } as const;
export type FriendRequestPolicy = (typeof FriendRequestPolicy)[keyof typeof FriendRequestPolicy];

export const DISPLAY_NAME_MAX = 40;
export const BIO_MAX = 500;
export const AVATAR_URL_MAX = 2048;
export const LANGUAGE_TAG_MAX = 35;

/** `undefined` = leave unchanged, `null` = clear. */
export interface UpdateProfileInput {
  displayName?: string | null;
  avatarUrl?: string | null;
  bio?: string | null;
}

export interface NotificationSettingsInput {
  friendRequests?: boolean | null;
  partyInvites?: boolean | null;
  campaignUpdates?: boolean | null;
  sessionReminders?: boolean | null;
  productNews?: boolean | null;
}

export interface UpdatePreferencesInput {
  timezone?: string | null;
  language?: string | null;
  llmTier?: string | null;
  notifications?: NotificationSettingsInput | null;
}

export interface UpdatePrivacyInput {
  profileVisibility?: string | null;
  friendRequests?: string | null;
}

const codePoints = (s: string) => [...s].length;
// C0/C1 controls and the bidirectional overrides/isolates that let a name or bio render as something else
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** 1–40 characters, no control characters; blank or null clears it. */
export function validateDisplayName(raw: string | null): string | null {
  if (raw === null) return null;
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '') return null;
  if (CONTROL.test(name)) throw new InputError('Display name contains characters that are not allowed', 'displayName');
  if (codePoints(name) > DISPLAY_NAME_MAX) throw new InputError(`Display name must be at most ${DISPLAY_NAME_MAX} characters`, 'displayName');
  return name;
}

/** At most 500 characters; line breaks allowed, other control characters not; blank or null clears it. */
export function validateBio(raw: string | null): string | null {
  if (raw === null) return null;
  const bio = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (bio === '') return null;
  if (CONTROL_EXCEPT_NEWLINE.test(bio)) throw new InputError('Bio contains characters that are not allowed', 'bio');
  if (codePoints(bio) > BIO_MAX) throw new InputError(`Bio must be at most ${BIO_MAX} characters`, 'bio');
  return bio;
}

/**
 * An absolute https URL with a host name, no credentials, at most 2048 characters; null or blank clears it.
 * Clients load it directly (the server never fetches it).
 */
export function validateAvatarUrl(raw: string | null): string | null {
  if (raw === null || raw.trim() === '') return null;
  const bad = (why: string) => new InputError(`Avatar URL ${why}`, 'avatarUrl');
  const value = raw.trim();
  if (value.length > AVATAR_URL_MAX) throw bad(`must be at most ${AVATAR_URL_MAX} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('is not a valid URL');
  }
  if (url.protocol !== 'https:') throw bad('must use https');
  if (url.username || url.password) throw bad('must not contain credentials');
  const host = url.hostname;
  if (!host.includes('.') || host.startsWith('[') || /^[\d.]+$/.test(host) || /(^|\.)localhost$/i.test(host)) {
    throw bad('must point to a public host name');
  }
  const normalized = url.toString();
  if (normalized.length > AVATAR_URL_MAX) throw bad(`must be at most ${AVATAR_URL_MAX} characters`);
  return normalized;
}

const TIME_ZONES = new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));

/** An IANA time zone known to this runtime (`Intl.supportedValuesOf('timeZone')`), returned in canonical case. */
export function validateTimezone(raw: string | null): string | null {
  if (raw === null) return null;
  const zone = TIME_ZONES.get(raw.trim().toLowerCase());
  if (!zone) throw new InputError('Unknown time zone: use an IANA name such as Europe/Berlin', 'timezone');
  return zone;
}

/** A well-formed BCP-47 language tag (e.g. en, en-US, zh-Hant-TW), returned canonicalised. */
export function validateLanguage(raw: string | null): string | null {
  if (raw === null) return null;
  const tag = raw.trim();
  if (tag === '' || tag.length > LANGUAGE_TAG_MAX) throw new InputError('Language must be a BCP-47 tag such as en or pt-BR', 'language');
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical || canonical.length > LANGUAGE_TAG_MAX) throw new RangeError('empty');
    return canonical;
  } catch {
    throw new InputError('Language must be a BCP-47 tag such as en or pt-BR', 'language');
  }
}

export function validateLlmTier(raw: string | null): LlmTier | null {
  if (raw === null) return null;
  if (!(LLM_TIERS as readonly string[]).includes(raw)) throw new InputError(`LLM tier must be one of ${LLM_TIERS.join(', ')}`, 'llmTier');
  return raw as LlmTier;
}

export function validateVisibility(raw: string): ProfileVisibility {
  if (!Object.values(ProfileVisibility).includes(raw as ProfileVisibility)) throw new InputError('Unknown profile visibility', 'profileVisibility');
  return raw as ProfileVisibility;
}

export function validateFriendRequestPolicy(raw: string): FriendRequestPolicy {
  if (!Object.values(FriendRequestPolicy).includes(raw as FriendRequestPolicy)) throw new InputError('Unknown friend request setting', 'friendRequests');
  return raw as FriendRequestPolicy;
}
