/**
 * Trust and safety vocabulary: what moderation publishes on `domain.moderation.*` and what users, campaigns and
 * gamehost enforce from it. Times are ISO-8601 strings; ids are UUIDs.
 */

/** What the automated checks (rules and the LLM classifier) and reports classify content into. */
export const ModerationCategory = {
  HARASSMENT: 'harassment',
  HATE: 'hate',
  SEXUAL: 'sexual',
  SEXUAL_MINORS: 'sexual/minors',
  SELF_HARM: 'self-harm',
  VIOLENCE: 'violence',
  ILLICIT: 'illicit',
  SPAM: 'spam',
} as const;
export type ModerationCategory = (typeof ModerationCategory)[keyof typeof ModerationCategory];
export const MODERATION_CATEGORIES: readonly ModerationCategory[] = Object.values(ModerationCategory);

/** The sanctions a moderator (or the escalation ladder) can impose on a player. */
export const ModerationActionType = {
  /** A recorded warning: no restriction. */
  WARN: 'WARN',
  /** The player may not post in `campaignId` (or anywhere when null) until `expiresAt`. */
  MUTE: 'MUTE',
  /** One of the player's messages (`content`) is removed; the content is also announced as `content_hidden`. */
  REMOVE_CONTENT: 'REMOVE_CONTENT',
  /** The player is removed from `campaignId` for good (no expiry). */
  KICK: 'KICK',
  /** The account may not sign in or refresh a session until `expiresAt`. */
  SUSPEND: 'SUSPEND',
  /** The account may never sign in again (no expiry). */
  BAN: 'BAN',
} as const;
export type ModerationActionType = (typeof ModerationActionType)[keyof typeof ModerationActionType];
export const MODERATION_ACTION_TYPES: readonly ModerationActionType[] = Object.values(ModerationActionType);

/** The content of a campaign moderation can point at: a message on the GAME stream, by its envelope id and sequence. */
export interface ModeratedContentRef {
  /** The GAME event's envelope id (ACTION_SUBMITTED for a player message, NARRATION_RECORDED for AI output). */
  readonly contentId: string;
  readonly campaignId: string;
  /** Its sequence on the GAME stream. */
  readonly seq: number;
  readonly kind: 'player_message' | 'ai_output';
}

/**
 * Payload of `domain.moderation.action`: a sanction took effect. Enforcement, by consumer:
 * - users: SUSPEND (until `expiresAt`) and BAN refuse sign-in and session refresh (ACCOUNT_SUSPENDED / ACCOUNT_BANNED);
 * - campaigns and gamehost: MUTE refuses the player's actions in `campaignId` (every campaign when null) while
 *   `startsAt <= now < expiresAt`; KICK removes the player from `campaignId`;
 * - REMOVE_CONTENT is also published as `domain.moderation.content_hidden` (hide `content`).
 * An action stays in force until `expiresAt` (null: no end) unless `domain.moderation.action_revoked` names it.
 */
export interface ModerationActionData {
  readonly actionId: string;
  readonly type: ModerationActionType;
  /** The sanctioned player. */
  readonly userId: string;
  /** MUTE (null: platform-wide) and KICK: the campaign it applies to. */
  readonly campaignId: string | null;
  /** REMOVE_CONTENT: the removed message. */
  readonly content: ModeratedContentRef | null;
  /** The policy broken (e.g. HARASSMENT, REPEATED_VIOLATIONS). */
  readonly policy: string;
  /** The statement of reasons shown to the player. */
  readonly statement: string;
  readonly startsAt: string;
  /** Null for WARN, REMOVE_CONTENT, KICK and BAN. */
  readonly expiresAt: string | null;
  /** Strikes this action added, and the player's active strikes after it. */
  readonly strikes: number;
  readonly activeStrikes: number;
  /** Set when the escalation ladder imposed it because of the action named here. */
  readonly escalatedFromId: string | null;
  readonly caseId: string | null;
}

/** Payload of `domain.moderation.action_revoked`: an action no longer applies (its appeal was granted). */
export interface ModerationActionRevokedData {
  readonly actionId: string;
  readonly type: ModerationActionType;
  readonly userId: string;
  readonly campaignId: string | null;
  readonly reason: 'appeal_granted';
  readonly revokedAt: string;
}

/**
 * Payload of `domain.moderation.content_hidden`: a message or an AI output must no longer be shown (gamehost and the
 * web app drop or mask it); `source` tells whether a rule, the classifier or a moderator hid it.
 */
export interface ContentHiddenData extends ModeratedContentRef {
  /** The player who wrote it (null for AI output). */
  readonly authorId: string | null;
  readonly categories: readonly ModerationCategory[];
  readonly source: 'rule' | 'classifier' | 'moderator';
  readonly caseId: string | null;
  readonly hiddenAt: string;
}

/** A classifier's score per category, 0 (certainly not) to 1 (certainly). */
export type CategoryScores = Record<ModerationCategory, number>;

/**
 * Reads an LLM classifier's answer (moderation's automated checks, users' portrait checks): the JSON object in the
 * text, its scores at the top level or under `scores`/`categories`, keyed by category (or with `_` for `/` and `-`),
 * numbers or numeric strings, clamped to 0–1; a category it does not score counts 0. Throws when the answer holds no
 * JSON object or scores no category at all.
 */
export function parseScores(content: string | null | undefined): CategoryScores {
  const match = /\{[\s\S]*\}/.exec(content ?? '');
  if (!match) throw new Error('classifier answer holds no JSON object');
  const parsed = JSON.parse(match[0]) as Record<string, unknown>;
  const source = (typeof parsed.scores === 'object' && parsed.scores) || (typeof parsed.categories === 'object' && parsed.categories) || parsed;
  const record = source as Record<string, unknown>;
  let found = 0;
  const scores = {} as CategoryScores;
  for (const category of MODERATION_CATEGORIES) {
    const raw = record[category] ?? record[category.replace(/[/-]/g, '_')];
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
    if (Number.isFinite(value)) found++;
    scores[category] = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  }
  if (found === 0) throw new Error('classifier answer scores no category');
  return scores;
}
