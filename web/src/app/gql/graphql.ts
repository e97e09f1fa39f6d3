/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ActionInput = {
  /** Client-chosen UUID: a retried submit with the same id is the same action (published once). */
  actionId: string | number;
  /** 1–2000 characters, no control characters. */
  text: string;
};

/** A premium add-on to a plan: ADVANCED_AI (GPT-4-class and Claude game masters), PRIORITY_SCHEDULING (first pick of session slots). */
export type AddOnCode =
  | 'ADVANCED_AI'
  | 'PRIORITY_SCHEDULING';

export type BillingInterval =
  | 'MONTH'
  | 'YEAR';

/** How hard the game master plays the world. */
export type CampaignDifficulty =
  | 'BRUTAL'
  | 'EASY'
  | 'HARD'
  | 'NORMAL';

export type CampaignFilter = {
  difficulty?: CampaignDifficulty | null | undefined;
  /** BCP-47 tag; matches the primary language (pt finds pt and pt-BR). */
  language?: string | null | undefined;
  lengthWeeks?: number | null | undefined;
  llmTier?: LlmTier | null | undefined;
  /** At least this many free seats (default 1). */
  minSeatsLeft?: number | null | undefined;
  mode?: CampaignMode | null | undefined;
  /** First session at or after this instant. */
  startsAfter?: string | null | undefined;
  /** First session at or before this instant. */
  startsBefore?: string | null | undefined;
};

export type CampaignInvitationStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'PENDING'
  | 'REVOKED';

/** How a campaign is played: weekly sessions over 4/12/24 weeks, or one 24-hour one-shot. */
export type CampaignMode =
  | 'ONE_SHOT'
  | 'WEEKLY';

/** Weekly: weekday, time and timezone. One-shot: only timezone. */
export type CampaignScheduleInput = {
  /** Local wall-clock time HH:MM (24 h). */
  time?: string | null | undefined;
  /** IANA time zone, e.g. Europe/Berlin. */
  timezone: string;
  weekday?: Weekday | null | undefined;
};

/**
 * The lifecycle: DRAFT → REGISTRATION (players join; seats are held until paid) → MATCHING (joins close; free seats
 * are filled from the waitlist and the matchmaking pool) → SCHEDULED (enough paid seats; gamehost takes over) →
 * RUNNING (first session started) → COMPLETED; any state before COMPLETED → CANCELLED (paid seats refunded).
 * Any other step fails with ILLEGAL_TRANSITION (extensions.from, extensions.to).
 */
export type CampaignStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'DRAFT'
  | 'MATCHING'
  | 'REGISTRATION'
  | 'RUNNING'
  | 'SCHEDULED';

/** PUBLIC campaigns are listed in openCampaigns and matched; INVITE_ONLY ones take invited players only. */
export type CampaignVisibility =
  | 'INVITE_ONLY'
  | 'PUBLIC';

export type CreateCampaignInput = {
  /** Default NORMAL. */
  difficulty?: CampaignDifficulty | null | undefined;
  /** BCP-47 tag, default en. */
  language?: string | null | undefined;
  /** 4, 12 or 24. */
  lengthWeeks: number;
  llmTier: LlmTier;
  /** 2–50. */
  maxPlayers: number;
  mode: CampaignMode;
  /** 1–40. */
  playHoursPerWeek: number;
  /** Weekly slot; absent: startsAt's weekday and time in UTC. */
  schedule?: CampaignScheduleInput | null | undefined;
  /** Generated when absent. 1–64 letters, digits, - or _. */
  seed?: string | null | undefined;
  /** Weekly: 30–480 minutes (default playHoursPerWeek × 60, within that range). One-shot: 1440 or absent. */
  sessionMinutes?: number | null | undefined;
  /** Weekly: the first session is the first scheduled slot at or after this instant. One-shot: the 24-hour window starts here. */
  startsAt: string;
  title: string;
  /** Default PUBLIC. */
  visibility?: CampaignVisibility | null | undefined;
};

export type CreatePartyInput = {
  /** 2 up to the deployment's cap (8 by default); 4 by default. */
  maxSize?: number | null | undefined;
};

export type DataExportStatus =
  | 'DOWNLOADED'
  | 'EXPIRED'
  /** Services are still assembling their parts. */
  | 'PENDING'
  /** The archive can be downloaded (once) from the URL given when it was requested. */
  | 'READY';

export type DeleteMyAccountInput = {
  /** Type your current handle to confirm. */
  confirmHandle: string;
};

/** Who may send this user a friend request. */
export type FriendRequestPolicy =
  | 'EVERYONE'
  /** Players who share at least one friend with this user. */
  | 'FRIENDS_OF_FRIENDS'
  | 'NOBODY';

/** How a user relates to the caller. */
export type FriendStatus =
  | 'FRIENDS'
  | 'NONE'
  /** This user asked the caller; pending. */
  | 'REQUEST_RECEIVED'
  /** The caller asked this user; pending. */
  | 'REQUEST_SENT'
  /** The caller themself. */
  | 'SELF';

export type InvoiceStatus =
  | 'DRAFT'
  | 'OPEN'
  | 'PAID'
  | 'UNCOLLECTIBLE'
  | 'VOID';

export type LlmCostDimension =
  | 'CAMPAIGN'
  | 'DAY'
  | 'MODEL'
  | 'PROVIDER'
  | 'PURPOSE'
  | 'TIER'
  | 'USER';

export type LlmCostFilter = {
  campaignId?: string | number | null | undefined;
  /** Full model ids, e.g. openai/gpt-4o. */
  models?: Array<string> | null | undefined;
  providers?: Array<string> | null | undefined;
  purposes?: Array<string> | null | undefined;
  tiers?: Array<string> | null | undefined;
  userId?: string | number | null | undefined;
};

/** Which class of AI game master narrates: PREMIUM (GPT-4 class, Claude), STANDARD (Gemini, Grok), ECONOMY (Ollama). */
export type LlmTier =
  | 'ECONOMY'
  | 'PREMIUM'
  | 'STANDARD';

export type LoginInput = {
  email: string;
  password: string;
};

export type ModerationActionType =
  /** No sign-in, ever (admins only). */
  | 'BAN'
  /** Removed from the campaign. */
  | 'KICK'
  /** No posting in the campaign (or anywhere) until it expires. */
  | 'MUTE'
  /** One of the player's messages is removed. */
  | 'REMOVE_CONTENT'
  /** No sign-in until it expires. */
  | 'SUSPEND'
  | 'WARN';

export type ModerationAppealDecision =
  | 'DENY'
  /** Lift the action (domain.moderation.action_revoked); its strikes no longer count. */
  | 'GRANT';

export type ModerationAppealStatus =
  | 'DENIED'
  | 'GRANTED'
  | 'PENDING';

export type ModerationAuditFilter = {
  action?: string | null | undefined;
  actorId?: string | number | null | undefined;
  targetId?: string | number | null | undefined;
};

export type ModerationCaseStatus =
  | 'DISMISSED'
  | 'OPEN'
  | 'RESOLVED';

/** What the automated checks classify content into. */
export type ModerationCategory =
  | 'HARASSMENT'
  | 'HATE'
  | 'ILLICIT'
  | 'SELF_HARM'
  | 'SEXUAL'
  | 'SEXUAL_MINORS'
  | 'SPAM'
  | 'VIOLENCE';

export type ModerationContentKind =
  | 'AI_OUTPUT'
  | 'PLAYER_MESSAGE';

export type ModerationFlagSource =
  | 'CLASSIFIER'
  | 'RULE';

/** The community rule an action enforces. */
export type ModerationPolicy =
  | 'CHEATING'
  | 'CHILD_SAFETY'
  | 'HARASSMENT'
  | 'HATE_SPEECH'
  | 'ILLEGAL_ACTIVITY'
  | 'IMPERSONATION'
  | 'OTHER'
  /** Imposed by the escalation ladder when strikes add up (not chosen by moderators). */
  | 'REPEATED_VIOLATIONS'
  | 'SELF_HARM'
  | 'SEXUAL_CONTENT'
  | 'SPAM'
  | 'VIOLENCE';

export type ModerationQueueFilter = {
  assigneeId?: string | number | null | undefined;
  /** Default OPEN. */
  status?: ModerationCaseStatus | null | undefined;
  tiers?: Array<ModerationTier> | null | undefined;
  /** Only cases nobody is assigned to. */
  unassigned?: boolean | null | undefined;
};

/** T0 automatic, T1 moderator, T2 staff, T3 legal/urgent. Only admins close T2 and T3 cases. */
export type ModerationTier =
  | 'T0'
  | 'T1'
  | 'T2'
  | 'T3';

/** Absent fields stay unchanged. */
export type NotificationSettingsInput = {
  campaignUpdates?: boolean | null | undefined;
  friendRequests?: boolean | null | undefined;
  partyInvites?: boolean | null | undefined;
  productNews?: boolean | null | undefined;
  sessionReminders?: boolean | null | undefined;
};

export type OAuthCompleteInput = {
  /** The query string the provider redirected back with, as received (`window.location.search`): `code=…&state=…`, or for Steam `state=…&openid.mode=id_res&…`. */
  params: string;
  provider: OAuthProvider;
};

/** Identity providers a player can sign in with and link to an account. */
export type OAuthProvider =
  | 'DISCORD'
  | 'GOOGLE'
  | 'STEAM';

export type OAuthStartInput = {
  /** true: link the provider to the signed-in account (needs an access token; finish with linkOAuthAccount). Default: sign in (finish with oauthComplete). */
  link?: boolean | null | undefined;
  provider: OAuthProvider;
  /** Where the provider sends the browser back: an absolute http(s) URL on an allowed origin, with no query or fragment. */
  redirectUri: string;
};

export type PaymentKind =
  /** One seat of a campaign, bought through Checkout. */
  | 'SEAT'
  /** The payment of a subscription invoice. */
  | 'SUBSCRIPTION';

export type PaymentStatus =
  | 'CANCELED'
  | 'FAILED'
  | 'PROCESSING'
  | 'SUCCEEDED';

/** A subscription plan. */
export type PlanCode =
  | 'ADVENTURER'
  | 'HERO';

/** Who sees a profile's details (display name, avatar, bio, friends, party). Id and handle are always visible. */
export type ProfileVisibility =
  /** Friends only. */
  | 'FRIENDS'
  /** Nobody but the user (and admins). */
  | 'PRIVATE'
  /** Every signed-in player (except players this user blocks). */
  | 'PUBLIC';

export type ProseStatus =
  /** Not written yet (llm-router is asked after creation, and again later while it is unavailable). */
  | 'PENDING'
  /** Written once and stored; never rewritten. */
  | 'WRITTEN';

export type QuoteInput = {
  /** 4, 12 or 24. */
  lengthWeeks: number;
  llmTier: LlmTier;
  /** 1–40. */
  playHoursPerWeek: number;
  /** 2–50. */
  players: number;
};

export type RegisterInput = {
  email: string;
  /** 3–24 letters, digits or underscores. */
  handle: string;
  /** At least 10 characters. */
  password: string;
};

export type RegistrationSource =
  | 'INVITATION'
  | 'JOIN'
  | 'MATCHMAKING'
  | 'PARTY';

export type RegistrationStatus =
  | 'CANCELLED'
  /** A seat is held until paid (holdExpiresAt). */
  | 'HELD'
  | 'LEFT'
  | 'PAID'
  | 'REFUNDED'
  /** The hold expired, or the campaign was scheduled before it was paid. */
  | 'RELEASED'
  /** In line for a seat; promoted in waitlist order when seats free. */
  | 'WAITLISTED';

/** Why a player reports something: the category of the problem. */
export type ReportReason =
  | 'CHEATING'
  | 'HARASSMENT'
  | 'HATE'
  /** Real-world crimes: scams, drugs, weapons. */
  | 'ILLICIT'
  | 'INAPPROPRIATE_NAME'
  | 'OTHER'
  | 'SELF_HARM'
  | 'SEXUAL_CONTENT'
  /** Sexual content involving minors (handled as legal/urgent, tier T3). */
  | 'SEXUAL_MINORS'
  | 'SPAM'
  /** Threats of real-world violence. */
  | 'VIOLENCE';

export type ReportStatus =
  | 'ACTIONED'
  | 'DISMISSED'
  | 'IN_REVIEW'
  | 'OPEN';

/** What a report (and a case) is about. */
export type ReportSubjectType =
  /** The AI game master's narration (a GAME event, by its id). */
  | 'AI_OUTPUT'
  | 'CAMPAIGN'
  /** A player's message in a campaign (a GAME event, by its id). */
  | 'MESSAGE'
  | 'USER';

export type ReportUserInput = {
  /** Up to 2000 characters. */
  details?: string | null | undefined;
  reason: ReportReason;
  userId: string | number;
};

/** Platform roles. Admins hold every permission. */
export type Role =
  | 'ADMIN'
  | 'FINANCE'
  | 'MODERATOR'
  | 'PARTNER'
  | 'PLAYER';

/** Stripe's subscription status. */
export type SubscriptionStatus =
  | 'ACTIVE'
  | 'CANCELED'
  | 'INCOMPLETE'
  | 'INCOMPLETE_EXPIRED'
  | 'PAST_DUE'
  | 'PAUSED'
  | 'TRIALING'
  | 'UNPAID';

export type TakeModerationActionInput = {
  /** KICK: required; MUTE: optional (none: everywhere). */
  campaignId?: string | number | null | undefined;
  /** Resolves the case too (unless resolveCase is false). */
  caseId?: string | number | null | undefined;
  /** REMOVE_CONTENT: the message (GAME event id). */
  contentId?: string | number | null | undefined;
  /** MUTE (1 min–90 days) and SUSPEND (1 hour–365 days) only. */
  durationMinutes?: number | null | undefined;
  policy: ModerationPolicy;
  resolveCase?: boolean | null | undefined;
  /** 20–2000 characters, shown to the player. */
  statement: string;
  type: ModerationActionType;
  userId: string | number;
};

/** Absent fields stay unchanged; null clears timezone, language and llmTier. */
export type UpdatePreferencesInput = {
  /** A BCP-47 language tag. */
  language?: string | null | undefined;
  llmTier?: LlmTier | null | undefined;
  notifications?: NotificationSettingsInput | null | undefined;
  /** An IANA time zone name (Intl.supportedValuesOf('timeZone')). */
  timezone?: string | null | undefined;
};

/** Absent fields stay unchanged. */
export type UpdatePrivacyInput = {
  friendRequests?: FriendRequestPolicy | null | undefined;
  profileVisibility?: ProfileVisibility | null | undefined;
};

/** Absent fields stay unchanged; null or blank clears. */
export type UpdateProfileInput = {
  /** An https URL on a public host, at most 2048 characters. */
  avatarUrl?: string | null | undefined;
  /** At most 500 characters; line breaks allowed. */
  bio?: string | null | undefined;
  /** 1–40 characters. */
  displayName?: string | null | undefined;
};

export type UsageChargeStatus =
  /** Could not be reported (too old for Stripe's meter). */
  | 'FAILED'
  /** Recorded; not yet reported to Stripe. */
  | 'PENDING'
  /** Reported to Stripe as a meter event; billed on the next usage invoice. */
  | 'REPORTED';

export type Weekday =
  | 'FRIDAY'
  | 'MONDAY'
  | 'SATURDAY'
  | 'SUNDAY'
  | 'THURSDAY'
  | 'TUESDAY'
  | 'WEDNESDAY';

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { oauthProviders: Array<OAuthProvider>, me: { id: string, handle: string, email: string | null, emailVerified: boolean | null, roles: Array<Role>, createdAt: string, displayName: string | null, avatarUrl: string | null, bio: string | null, mfaEnabled: boolean | null, mfaRecoveryCodesRemaining: number | null, linkedAccounts: Array<{ provider: OAuthProvider, displayName: string | null, email: string | null, linkedAt: string, lastUsedAt: string | null }> | null, preferences: { timezone: string | null, language: string | null, llmTier: LlmTier | null, notifications: { friendRequests: boolean, partyInvites: boolean, campaignUpdates: boolean, sessionReminders: boolean, productNews: boolean } } | null, privacy: { profileVisibility: ProfileVisibility, friendRequests: FriendRequestPolicy } | null } };

export type UpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type UpdateProfileMutation = { updateProfile: { id: string, displayName: string | null, avatarUrl: string | null, bio: string | null } };

export type UpdatePreferencesMutationVariables = Exact<{
  input: UpdatePreferencesInput;
}>;


export type UpdatePreferencesMutation = { updatePreferences: { id: string, preferences: { timezone: string | null, language: string | null, llmTier: LlmTier | null, notifications: { friendRequests: boolean, partyInvites: boolean, campaignUpdates: boolean, sessionReminders: boolean, productNews: boolean } } | null } };

export type UpdatePrivacyMutationVariables = Exact<{
  input: UpdatePrivacyInput;
}>;


export type UpdatePrivacyMutation = { updatePrivacy: { id: string, privacy: { profileVisibility: ProfileVisibility, friendRequests: FriendRequestPolicy } | null } };

export type ChangeHandleMutationVariables = Exact<{
  handle: string;
}>;


export type ChangeHandleMutation = { changeHandle: { id: string, handle: string } };

export type EnrollMfaMutationVariables = Exact<{ [key: string]: never; }>;


export type EnrollMfaMutation = { enrollMfa: { secret: string, otpauthUri: string, issuer: string, expiresAt: string } };

export type ConfirmMfaMutationVariables = Exact<{
  code: string;
}>;


export type ConfirmMfaMutation = { confirmMfa: { recoveryCodes: Array<string>, session: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { id: string, handle: string, roles: Array<Role>, emailVerified: boolean | null, displayName: string | null } } } };

export type DisableMfaMutationVariables = Exact<{
  code: string;
}>;


export type DisableMfaMutation = { disableMfa: boolean };

export type UnlinkOAuthMutationVariables = Exact<{
  provider: OAuthProvider;
}>;


export type UnlinkOAuthMutation = { unlinkOAuthAccount: Array<{ provider: OAuthProvider }> };

export type ExportMyDataMutationVariables = Exact<{ [key: string]: never; }>;


export type ExportMyDataMutation = { exportMyData: { id: string, status: DataExportStatus, requestedAt: string, readyAt: string | null, expiresAt: string, downloadUrl: string | null } };

export type MyDataExportsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyDataExportsQuery = { myDataExports: Array<{ id: string, status: DataExportStatus, requestedAt: string, readyAt: string | null, expiresAt: string }> };

export type DeleteMyAccountMutationVariables = Exact<{
  input: DeleteMyAccountInput;
}>;


export type DeleteMyAccountMutation = { deleteMyAccount: boolean };

export type MyModerationActionsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyModerationActionsQuery = { myModerationActions: { edges: Array<{ node: { id: string, type: ModerationActionType, policy: ModerationPolicy, statement: string, startsAt: string, expiresAt: string | null, active: boolean, canAppeal: boolean, appealableUntil: string, appeal: { id: string, status: ModerationAppealStatus, decisionNote: string | null } | null } }> } };

export type AppealActionMutationVariables = Exact<{
  actionId: string | number;
  statement: string;
}>;


export type AppealActionMutation = { appealModerationAction: { id: string, status: ModerationAppealStatus } };

export type PlatformStatsQueryVariables = Exact<{ [key: string]: never; }>;


export type PlatformStatsQuery = { platformStats: { users: number, campaigns: number } };

export type ModerationQueueQueryVariables = Exact<{
  filter?: ModerationQueueFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type ModerationQueueQuery = { moderationQueue: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, status: ModerationCaseStatus, tier: ModerationTier, subjectType: ReportSubjectType, subjectId: string, categories: Array<ModerationCategory>, reportCount: number, flagCount: number, overdue: boolean, slaDueAt: string, openedAt: string, user: { id: string, handle: string } | null, assignee: { id: string, handle: string } | null } }> } };

export type ModerationCaseQueryVariables = Exact<{
  id: string | number;
}>;


export type ModerationCaseQuery = { moderationCase: { id: string, status: ModerationCaseStatus, tier: ModerationTier, subjectType: ReportSubjectType, subjectId: string, categories: Array<ModerationCategory>, reportCount: number, flagCount: number, overdue: boolean, slaDueAt: string, openedAt: string, updatedAt: string, closedAt: string | null, resolution: string | null, user: { id: string, handle: string, displayName: string | null } | null, campaign: { id: string, title: string } | null, assignee: { id: string, handle: string } | null, closedBy: { id: string, handle: string } | null, content: { id: string, kind: ModerationContentKind, text: string, occurredAt: string, hidden: boolean, author: { id: string, handle: string } | null } | null, reports: Array<{ id: string, reason: ReportReason, details: string, status: ReportStatus, createdAt: string, reporter: { id: string, handle: string }, evidence: { capturedAt: string, sequence: number | null, items: Array<{ id: string, kind: ModerationContentKind, text: string, occurredAt: string, author: { handle: string } | null }> } | null }>, flags: Array<{ id: string, source: ModerationFlagSource, category: ModerationCategory, score: number | null, hid: boolean, createdAt: string }>, notes: Array<{ id: string, body: string, createdAt: string, author: { id: string, handle: string } }>, actions: Array<{ id: string, type: ModerationActionType, policy: ModerationPolicy, statement: string, startsAt: string, expiresAt: string | null, active: boolean, createdAt: string, moderator: { id: string, handle: string } | null }> } | null };

export type TakeModerationActionMutationVariables = Exact<{
  input: TakeModerationActionInput;
}>;


export type TakeModerationActionMutation = { takeModerationAction: { id: string, type: ModerationActionType, active: boolean, expiresAt: string | null } };

export type AssignCaseMutationVariables = Exact<{
  id: string | number;
}>;


export type AssignCaseMutation = { assignModerationCase: { id: string, assignee: { id: string, handle: string } | null } };

export type DismissCaseMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type DismissCaseMutation = { dismissModerationCase: { id: string, status: ModerationCaseStatus } };

export type AddCaseNoteMutationVariables = Exact<{
  caseId: string | number;
  body: string;
}>;


export type AddCaseNoteMutation = { addModerationCaseNote: { id: string } };

export type SetCaseTierMutationVariables = Exact<{
  id: string | number;
  tier: ModerationTier;
  reason: string;
}>;


export type SetCaseTierMutation = { setModerationCaseTier: { id: string, tier: ModerationTier } };

export type AdminUserQueryVariables = Exact<{
  id: string | number;
}>;


export type AdminUserQuery = { user: { id: string, handle: string, email: string | null, emailVerified: boolean | null, roles: Array<Role>, createdAt: string, mfaEnabled: boolean | null, displayName: string | null, strikes: { active: number, total: number, nextDecayAt: string | null, nextPenalty: { atStrikes: number, type: ModerationActionType, durationMinutes: number | null } | null } | null, moderationActions: { edges: Array<{ node: { id: string, type: ModerationActionType, policy: ModerationPolicy, statement: string, active: boolean, startsAt: string, expiresAt: string | null, createdAt: string, moderator: { handle: string } | null } }> } | null, reports: Array<{ id: string, reason: ReportReason, status: ReportStatus, createdAt: string, reporter: { handle: string } }> | null } | null };

export type SetUserRolesMutationVariables = Exact<{
  userId: string | number;
  roles: Array<Role> | Role;
}>;


export type SetUserRolesMutation = { setUserRoles: { id: string, roles: Array<Role> } };

export type ModerationAuditLogQueryVariables = Exact<{
  filter?: ModerationAuditFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type ModerationAuditLogQuery = { moderationAuditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, action: string, actor: string, targetType: string, targetId: string, before: string | null, after: string | null, createdAt: string, actorUser: { handle: string } | null } }> } };

export type AccountAuditLogQueryVariables = Exact<{
  targetUserId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type AccountAuditLogQuery = { accountAuditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, action: string, actor: string, targetType: string, targetId: string, before: string | null, after: string | null, createdAt: string, actorUser: { handle: string } | null, targetUser: { handle: string } | null } }> } };

export type ModerationAppealsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModerationAppealsQuery = { moderationAppeals: { totalCount: number, edges: Array<{ node: { id: string, statement: string, status: ModerationAppealStatus, createdAt: string, action: { id: string, type: ModerationActionType, policy: ModerationPolicy, statement: string, user: { id: string, handle: string } } } }> } };

export type DecideAppealMutationVariables = Exact<{
  id: string | number;
  decision: ModerationAppealDecision;
  note: string;
}>;


export type DecideAppealMutation = { decideModerationAppeal: { id: string, status: ModerationAppealStatus } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { id: string, handle: string, roles: Array<Role>, emailVerified: boolean | null, displayName: string | null } } };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type RegisterMutation = { register: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { id: string, handle: string, roles: Array<Role>, emailVerified: boolean | null, displayName: string | null } } };

export type RefreshSessionMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshSessionMutation = { refreshSession: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { id: string, handle: string, roles: Array<Role>, emailVerified: boolean | null, displayName: string | null } } };

export type VerifyMfaMutationVariables = Exact<{
  mfaToken: string;
  code: string;
}>;


export type VerifyMfaMutation = { verifyMfa: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { id: string, handle: string, roles: Array<Role>, emailVerified: boolean | null, displayName: string | null } } };

export type LogoutMutationVariables = Exact<{
  refreshToken: string;
}>;


export type LogoutMutation = { logout: boolean };

export type VerifyEmailMutationVariables = Exact<{
  token: string;
}>;


export type VerifyEmailMutation = { verifyEmail: boolean };

export type ResendVerificationMutationVariables = Exact<{ [key: string]: never; }>;


export type ResendVerificationMutation = { resendVerificationEmail: boolean };

export type RequestPasswordResetMutationVariables = Exact<{
  email: string;
}>;


export type RequestPasswordResetMutation = { requestPasswordReset: boolean };

export type ResetPasswordMutationVariables = Exact<{
  token: string;
  newPassword: string;
}>;


export type ResetPasswordMutation = { resetPassword: boolean };

export type OAuthProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type OAuthProvidersQuery = { oauthProviders: Array<OAuthProvider> };

export type OAuthStartMutationVariables = Exact<{
  input: OAuthStartInput;
}>;


export type OAuthStartMutation = { oauthStart: { authorizationUrl: string, state: string, expiresAt: string } };

export type OAuthCompleteMutationVariables = Exact<{
  input: OAuthCompleteInput;
}>;


export type OAuthCompleteMutation = { oauthComplete: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { id: string, handle: string, roles: Array<Role>, emailVerified: boolean | null, displayName: string | null } } };

export type LinkOAuthMutationVariables = Exact<{
  input: OAuthCompleteInput;
}>;


export type LinkOAuthMutation = { linkOAuthAccount: { provider: OAuthProvider, displayName: string | null, email: string | null, linkedAt: string } };

export type BillingHistoryQueryVariables = Exact<{ [key: string]: never; }>;


export type BillingHistoryQuery = { me: { id: string, subscription: { id: string, plan: PlanCode, interval: BillingInterval, addOns: Array<AddOnCode>, status: SubscriptionStatus, currentPeriodEnd: string | null, cancelAtPeriodEnd: boolean, monthlyAmountCents: number } | null, payments: { totalCount: number, edges: Array<{ node: { id: string, kind: PaymentKind, status: PaymentStatus, amountCents: number, refundedCents: number, currency: string, createdAt: string, paidAt: string | null, failureMessage: string | null, campaign: { id: string, title: string } | null, refunds: Array<{ id: string, amountCents: number, status: string, createdAt: string }> } }> }, invoices: { totalCount: number, edges: Array<{ node: { id: string, number: string | null, status: InvoiceStatus, currency: string, totalCents: number, amountPaidCents: number, periodStart: string, periodEnd: string, hostedInvoiceUrl: string | null, createdAt: string } }> }, usageCharges: { totalCount: number, totalOverageMicros: number, pendingOverageMicros: number, edges: Array<{ node: { id: string, costMicros: number, overageMicros: number, status: UsageChargeStatus, occurredAt: string, campaign: { id: string, title: string } } }> } } };

export type BillingPortalMutationVariables = Exact<{ [key: string]: never; }>;


export type BillingPortalMutation = { createBillingPortalSession: { url: string } };

export type CheckoutRegistrationsQueryVariables = Exact<{ [key: string]: never; }>;


export type CheckoutRegistrationsQuery = { myRegistrations: Array<{ id: string, status: RegistrationStatus, paidAt: string | null, campaign: { id: string, title: string } }> };

export type OpenCampaignsQueryVariables = Exact<{
  filter?: CampaignFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OpenCampaignsQuery = { openCampaigns: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, mode: CampaignMode, difficulty: CampaignDifficulty, lengthWeeks: number, playHoursPerWeek: number, llmTier: LlmTier, maxPlayers: number, seatsLeft: number, seatsTaken: number, language: string, startsAt: string, schedule: { weekday: Weekday | null, time: string | null, timezone: string }, price: { perPlayerCents: number, currency: string }, owner: { id: string, handle: string } } }> } };

export type CampaignQueryVariables = Exact<{
  id: string | number;
}>;


export type CampaignQuery = { campaign: { id: string, title: string, seed: string, mode: CampaignMode, difficulty: CampaignDifficulty, lengthWeeks: number, playHoursPerWeek: number, sessionMinutes: number, llmTier: LlmTier, maxPlayers: number, language: string, visibility: CampaignVisibility, startsAt: string, endsAt: string | null, status: CampaignStatus, seatsTaken: number, seatsLeft: number, currentSession: number | null, cancelReason: string | null, createdAt: string, schedule: { weekday: Weekday | null, time: string | null, timezone: string }, sessions: Array<{ index: number, startsAt: string, endsAt: string }>, price: { perPlayerCents: number, totalCents: number, currency: string, priceBook: string }, owner: { id: string, handle: string, displayName: string | null }, prose: { status: ProseStatus, text: string | null }, skeleton: { backstory: { setting: string, threat: string, hook: string }, objectives: Array<{ id: string, act: number, text: string }>, npcs: Array<{ id: string, name: string, role: string }> }, myRegistration: { id: string, status: RegistrationStatus, waitlistPosition: number | null, holdExpiresAt: string | null, paidAt: string | null, source: RegistrationSource } | null, roster: Array<{ id: string, status: RegistrationStatus, player: { id: string, handle: string, displayName: string | null } }>, waitlist: Array<{ id: string, waitlistPosition: number | null, player: { id: string, handle: string } }> | null } | null, me: { id: string, roles: Array<Role>, party: { id: string, size: number, leader: { id: string } } | null } };

export type CreateCampaignMutationVariables = Exact<{
  input: CreateCampaignInput;
}>;


export type CreateCampaignMutation = { createCampaign: { id: string, title: string, status: CampaignStatus } };

export type JoinCampaignMutationVariables = Exact<{
  campaignId: string | number;
}>;


export type JoinCampaignMutation = { joinCampaign: { id: string, status: RegistrationStatus, waitlistPosition: number | null, holdExpiresAt: string | null } };

export type JoinCampaignWithPartyMutationVariables = Exact<{
  campaignId: string | number;
  partyId: string | number;
}>;


export type JoinCampaignWithPartyMutation = { joinCampaignWithParty: Array<{ id: string, status: RegistrationStatus, waitlistPosition: number | null }> };

export type LeaveCampaignMutationVariables = Exact<{
  campaignId: string | number;
}>;


export type LeaveCampaignMutation = { leaveCampaign: { id: string, status: RegistrationStatus } };

export type OpenRegistrationMutationVariables = Exact<{
  campaignId: string | number;
}>;


export type OpenRegistrationMutation = { openRegistration: { id: string, status: CampaignStatus } };

export type StartMatchingMutationVariables = Exact<{
  campaignId: string | number;
}>;


export type StartMatchingMutation = { startMatching: { id: string, status: CampaignStatus } };

export type ScheduleCampaignMutationVariables = Exact<{
  campaignId: string | number;
}>;


export type ScheduleCampaignMutation = { scheduleCampaign: { id: string, status: CampaignStatus } };

export type CancelCampaignMutationVariables = Exact<{
  campaignId: string | number;
  reason?: string | null | undefined;
}>;


export type CancelCampaignMutation = { cancelCampaign: { id: string, status: CampaignStatus } };

export type CheckoutSeatMutationVariables = Exact<{
  campaignId: string | number;
}>;


export type CheckoutSeatMutation = { checkoutSeat: { id: string, url: string, amountCents: number, currency: string, expiresAt: string } };

export type MyCampaignsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCampaignsQuery = { myCampaigns: Array<{ id: string, title: string, status: CampaignStatus, startsAt: string, seatsTaken: number, maxPlayers: number, llmTier: LlmTier, mode: CampaignMode }>, myRegistrations: Array<{ id: string, status: RegistrationStatus, waitlistPosition: number | null, holdExpiresAt: string | null, paidAt: string | null, campaign: { id: string, title: string, status: CampaignStatus, startsAt: string, mode: CampaignMode, llmTier: LlmTier } }>, myCampaignInvitations: Array<{ id: string, createdAt: string, inviter: { id: string, handle: string }, campaign: { id: string, title: string, startsAt: string } }>, me: { id: string, gameHistory: { totalCount: number, edges: Array<{ node: { id: string, title: string, status: CampaignStatus, endsAt: string | null } }> } | null } };

export type AcceptInvitationMutationVariables = Exact<{
  invitationId: string | number;
}>;


export type AcceptInvitationMutation = { acceptCampaignInvitation: { id: string, status: RegistrationStatus } };

export type DeclineInvitationMutationVariables = Exact<{
  invitationId: string | number;
}>;


export type DeclineInvitationMutation = { declineCampaignInvitation: { id: string, status: CampaignInvitationStatus } };

export type SubmitActionMutationVariables = Exact<{
  campaignId: string | number;
  action: ActionInput;
}>;


export type SubmitActionMutation = { submitAction: { actionId: string, eventId: string, duplicate: boolean, submittedAt: string } };

export type LiveCampaignQueryVariables = Exact<{
  id: string | number;
}>;


export type LiveCampaignQuery = { campaign: { id: string, title: string, status: CampaignStatus, currentSession: number | null, sessions: Array<{ index: number, startsAt: string, endsAt: string }>, myRegistration: { status: RegistrationStatus } | null, owner: { id: string } } | null, me: { id: string, handle: string } };

export type LlmSpendSeriesQueryVariables = Exact<{
  from: string;
  to: string;
  groupBy?: Array<LlmCostDimension> | LlmCostDimension | null | undefined;
  filter?: LlmCostFilter | null | undefined;
}>;


export type LlmSpendSeriesQuery = { analytics: { generatedAt: string, llmCost: { from: string, to: string, totalCount: number, totals: { calls: number, errors: number, costMicros: number, inputTokens: number, cachedInputTokens: number, cacheWriteTokens: number, outputTokens: number, reasoningTokens: number, images: number }, edges: Array<{ node: { day: string | null, provider: string | null, model: string | null, tier: string | null, purpose: string | null, usage: { costMicros: number, calls: number } } }> } } };

export type LlmTopSpendersQueryVariables = Exact<{
  from: string;
  to: string;
  filter?: LlmCostFilter | null | undefined;
}>;


export type LlmTopSpendersQuery = { analytics: { campaigns: { edges: Array<{ node: { campaignId: string | null, campaign: { id: string, title: string } | null, usage: { costMicros: number, calls: number } } }> }, users: { edges: Array<{ node: { userId: string | null, user: { id: string, handle: string } | null, usage: { costMicros: number, calls: number } } }> } } };

export type LlmMarginsQueryVariables = Exact<{
  filter?: LlmCostFilter | null | undefined;
}>;


export type LlmMarginsQuery = { analytics: { llmSpendForecast: { month: string, asOf: string, daysElapsed: number, daysInMonth: number, actualMicros: number, projectedRemainingMicros: number, forecastMicros: number, trendDays: number, slopeMicrosPerDay: number, method: string }, campaignMargins: { totalCount: number, totals: { revenueCents: number, refundCents: number, netRevenueCents: number, llmCostMicros: number, grossMarginBp: number | null }, edges: Array<{ node: { campaignId: string, netRevenueCents: number, llmCostMicros: number, llmCalls: number, grossMarginMicros: number, grossMarginBp: number | null, campaign: { id: string, title: string } } }> } } };

export type LlmCostExportQueryVariables = Exact<{
  from: string;
  to: string;
  filter?: LlmCostFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type LlmCostExportQuery = { analytics: { llmCost: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { day: string | null, provider: string | null, model: string | null, tier: string | null, purpose: string | null, usage: { calls: number, errors: number, costMicros: number, inputTokens: number, cachedInputTokens: number, cacheWriteTokens: number, outputTokens: number, reasoningTokens: number, images: number } } }> } } };

export type QuoteQueryVariables = Exact<{
  input: QuoteInput;
}>;


export type QuoteQuery = { quote: { perPlayerCents: number, totalCents: number, currency: string, priceBook: string } };

export type PriceBookQueryVariables = Exact<{ [key: string]: never; }>;


export type PriceBookQuery = { priceBook: { id: string, effectiveFrom: string, currency: string, plans: Array<{ plan: PlanCode, interval: BillingInterval, amountCents: number, monthlyEquivalentCents: number, discountBp: number }>, addOns: Array<{ addOn: AddOnCode, interval: BillingInterval, amountCents: number }> } };

export type PricingMatrixQueryVariables = Exact<{ [key: string]: never; }>;


export type PricingMatrixQuery = { premium4: { perPlayerCents: number, currency: string, priceBook: string }, premium12: { perPlayerCents: number, currency: string, priceBook: string }, premium24: { perPlayerCents: number, currency: string, priceBook: string }, standard4: { perPlayerCents: number, currency: string, priceBook: string }, standard12: { perPlayerCents: number, currency: string, priceBook: string }, standard24: { perPlayerCents: number, currency: string, priceBook: string }, economy4: { perPlayerCents: number, currency: string, priceBook: string }, economy12: { perPlayerCents: number, currency: string, priceBook: string }, economy24: { perPlayerCents: number, currency: string, priceBook: string }, priceBook: { id: string, currency: string, plans: Array<{ plan: PlanCode, interval: BillingInterval, amountCents: number, monthlyEquivalentCents: number, discountBp: number }> } };

export type FriendsQueryVariables = Exact<{ [key: string]: never; }>;


export type FriendsQuery = { me: { id: string, friends: { totalCount: number, edges: Array<{ friendsSince: string, node: { id: string, handle: string, displayName: string | null, avatarUrl: string | null } }> } | null, party: { id: string } | null }, incomingFriendRequests: { totalCount: number, edges: Array<{ node: { id: string, createdAt: string, from: { id: string, handle: string, displayName: string | null } } }> }, outgoingFriendRequests: { totalCount: number, edges: Array<{ node: { id: string, createdAt: string, to: { id: string, handle: string, displayName: string | null } } }> } };

export type PlayerQueryVariables = Exact<{
  id: string | number;
}>;


export type PlayerQuery = { user: { id: string, handle: string, displayName: string | null, avatarUrl: string | null, bio: string | null, createdAt: string, friendStatus: FriendStatus | null, party: { id: string, size: number, maxSize: number, leader: { id: string, handle: string } } | null } | null, me: { id: string, blockedUserIds: Array<string> | null, party: { id: string, leader: { id: string } } | null } };

export type SendFriendRequestMutationVariables = Exact<{
  userId: string | number;
}>;


export type SendFriendRequestMutation = { sendFriendRequest: { status: FriendStatus, request: { id: string } | null, user: { id: string, friendStatus: FriendStatus | null } } };

export type AcceptFriendRequestMutationVariables = Exact<{
  requestId: string | number;
}>;


export type AcceptFriendRequestMutation = { acceptFriendRequest: { id: string, friendStatus: FriendStatus | null } };

export type DeclineFriendRequestMutationVariables = Exact<{
  requestId: string | number;
}>;


export type DeclineFriendRequestMutation = { declineFriendRequest: boolean };

export type CancelFriendRequestMutationVariables = Exact<{
  requestId: string | number;
}>;


export type CancelFriendRequestMutation = { cancelFriendRequest: boolean };

export type RemoveFriendMutationVariables = Exact<{
  userId: string | number;
}>;


export type RemoveFriendMutation = { removeFriend: boolean };

export type BlockUserMutationVariables = Exact<{
  userId: string | number;
}>;


export type BlockUserMutation = { blockUser: { id: string } };

export type UnblockUserMutationVariables = Exact<{
  userId: string | number;
}>;


export type UnblockUserMutation = { unblockUser: { id: string } };

export type ReportUserMutationVariables = Exact<{
  input: ReportUserInput;
}>;


export type ReportUserMutation = { reportUser: { id: string, status: ReportStatus, createdAt: string } };

export type MyPartyQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPartyQuery = { me: { id: string, party: { id: string, size: number, maxSize: number, createdAt: string, leader: { id: string, handle: string }, members: Array<{ id: string, handle: string, displayName: string | null }>, invites: Array<{ id: string, createdAt: string, to: { id: string, handle: string }, from: { id: string, handle: string } }> } | null, friends: { edges: Array<{ node: { id: string, handle: string, displayName: string | null } }> } | null }, myPartyInvites: { edges: Array<{ node: { id: string, createdAt: string, from: { id: string, handle: string }, party: { id: string, size: number, maxSize: number, leader: { id: string, handle: string } } } }> } };

export type CreatePartyMutationVariables = Exact<{
  input?: CreatePartyInput | null | undefined;
}>;


export type CreatePartyMutation = { createParty: { id: string } };

export type InviteToPartyMutationVariables = Exact<{
  partyId: string | number;
  userId: string | number;
}>;


export type InviteToPartyMutation = { inviteToParty: { id: string } };

export type AcceptPartyInviteMutationVariables = Exact<{
  inviteId: string | number;
}>;


export type AcceptPartyInviteMutation = { acceptPartyInvite: { id: string } };

export type DeclinePartyInviteMutationVariables = Exact<{
  inviteId: string | number;
}>;


export type DeclinePartyInviteMutation = { declinePartyInvite: boolean };

export type CancelPartyInviteMutationVariables = Exact<{
  inviteId: string | number;
}>;


export type CancelPartyInviteMutation = { cancelPartyInvite: boolean };

export type LeavePartyMutationVariables = Exact<{
  partyId: string | number;
}>;


export type LeavePartyMutation = { leaveParty: boolean };

export type KickFromPartyMutationVariables = Exact<{
  partyId: string | number;
  userId: string | number;
}>;


export type KickFromPartyMutation = { kickFromParty: { id: string } };

export type TransferPartyLeadershipMutationVariables = Exact<{
  partyId: string | number;
  userId: string | number;
}>;


export type TransferPartyLeadershipMutation = { transferPartyLeadership: { id: string } };

export type DisbandPartyMutationVariables = Exact<{
  partyId: string | number;
}>;


export type DisbandPartyMutation = { disbandParty: boolean };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    handle
    email
    emailVerified
    roles
    createdAt
    displayName
    avatarUrl
    bio
    mfaEnabled
    mfaRecoveryCodesRemaining
    linkedAccounts {
      provider
      displayName
      email
      linkedAt
      lastUsedAt
    }
    preferences {
      timezone
      language
      llmTier
      notifications {
        friendRequests
        partyInvites
        campaignUpdates
        sessionReminders
        productNews
      }
    }
    privacy {
      profileVisibility
      friendRequests
    }
  }
  oauthProviders
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const UpdateProfileDocument = new TypedDocumentString(`
    mutation UpdateProfile($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    id
    displayName
    avatarUrl
    bio
  }
}
    `) as unknown as TypedDocumentString<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const UpdatePreferencesDocument = new TypedDocumentString(`
    mutation UpdatePreferences($input: UpdatePreferencesInput!) {
  updatePreferences(input: $input) {
    id
    preferences {
      timezone
      language
      llmTier
      notifications {
        friendRequests
        partyInvites
        campaignUpdates
        sessionReminders
        productNews
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UpdatePreferencesMutation, UpdatePreferencesMutationVariables>;
export const UpdatePrivacyDocument = new TypedDocumentString(`
    mutation UpdatePrivacy($input: UpdatePrivacyInput!) {
  updatePrivacy(input: $input) {
    id
    privacy {
      profileVisibility
      friendRequests
    }
  }
}
    `) as unknown as TypedDocumentString<UpdatePrivacyMutation, UpdatePrivacyMutationVariables>;
export const ChangeHandleDocument = new TypedDocumentString(`
    mutation ChangeHandle($handle: String!) {
  changeHandle(handle: $handle) {
    id
    handle
  }
}
    `) as unknown as TypedDocumentString<ChangeHandleMutation, ChangeHandleMutationVariables>;
export const EnrollMfaDocument = new TypedDocumentString(`
    mutation EnrollMfa {
  enrollMfa {
    secret
    otpauthUri
    issuer
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<EnrollMfaMutation, EnrollMfaMutationVariables>;
export const ConfirmMfaDocument = new TypedDocumentString(`
    mutation ConfirmMfa($code: String!) {
  confirmMfa(code: $code) {
    recoveryCodes
    session {
      accessToken
      accessTokenExpiresAt
      refreshToken
      user {
        id
        handle
        roles
        emailVerified
        displayName
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConfirmMfaMutation, ConfirmMfaMutationVariables>;
export const DisableMfaDocument = new TypedDocumentString(`
    mutation DisableMfa($code: String!) {
  disableMfa(code: $code)
}
    `) as unknown as TypedDocumentString<DisableMfaMutation, DisableMfaMutationVariables>;
export const UnlinkOAuthDocument = new TypedDocumentString(`
    mutation UnlinkOAuth($provider: OAuthProvider!) {
  unlinkOAuthAccount(provider: $provider) {
    provider
  }
}
    `) as unknown as TypedDocumentString<UnlinkOAuthMutation, UnlinkOAuthMutationVariables>;
export const ExportMyDataDocument = new TypedDocumentString(`
    mutation ExportMyData {
  exportMyData {
    id
    status
    requestedAt
    readyAt
    expiresAt
    downloadUrl
  }
}
    `) as unknown as TypedDocumentString<ExportMyDataMutation, ExportMyDataMutationVariables>;
export const MyDataExportsDocument = new TypedDocumentString(`
    query MyDataExports {
  myDataExports {
    id
    status
    requestedAt
    readyAt
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<MyDataExportsQuery, MyDataExportsQueryVariables>;
export const DeleteMyAccountDocument = new TypedDocumentString(`
    mutation DeleteMyAccount($input: DeleteMyAccountInput!) {
  deleteMyAccount(input: $input)
}
    `) as unknown as TypedDocumentString<DeleteMyAccountMutation, DeleteMyAccountMutationVariables>;
export const MyModerationActionsDocument = new TypedDocumentString(`
    query MyModerationActions {
  myModerationActions(first: 25) {
    edges {
      node {
        id
        type
        policy
        statement
        startsAt
        expiresAt
        active
        canAppeal
        appealableUntil
        appeal {
          id
          status
          decisionNote
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MyModerationActionsQuery, MyModerationActionsQueryVariables>;
export const AppealActionDocument = new TypedDocumentString(`
    mutation AppealAction($actionId: ID!, $statement: String!) {
  appealModerationAction(actionId: $actionId, statement: $statement) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<AppealActionMutation, AppealActionMutationVariables>;
export const PlatformStatsDocument = new TypedDocumentString(`
    query PlatformStats {
  platformStats {
    users
    campaigns
  }
}
    `) as unknown as TypedDocumentString<PlatformStatsQuery, PlatformStatsQueryVariables>;
export const ModerationQueueDocument = new TypedDocumentString(`
    query ModerationQueue($filter: ModerationQueueFilter, $after: String) {
  moderationQueue(filter: $filter, first: 25, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        status
        tier
        subjectType
        subjectId
        categories
        reportCount
        flagCount
        overdue
        slaDueAt
        openedAt
        user {
          id
          handle
        }
        assignee {
          id
          handle
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ModerationQueueQuery, ModerationQueueQueryVariables>;
export const ModerationCaseDocument = new TypedDocumentString(`
    query ModerationCase($id: ID!) {
  moderationCase(id: $id) {
    id
    status
    tier
    subjectType
    subjectId
    categories
    reportCount
    flagCount
    overdue
    slaDueAt
    openedAt
    updatedAt
    closedAt
    resolution
    user {
      id
      handle
      displayName
    }
    campaign {
      id
      title
    }
    assignee {
      id
      handle
    }
    closedBy {
      id
      handle
    }
    content {
      id
      kind
      text
      occurredAt
      hidden
      author {
        id
        handle
      }
    }
    reports {
      id
      reason
      details
      status
      createdAt
      reporter {
        id
        handle
      }
      evidence {
        capturedAt
        sequence
        items {
          id
          kind
          text
          occurredAt
          author {
            handle
          }
        }
      }
    }
    flags {
      id
      source
      category
      score
      hid
      createdAt
    }
    notes {
      id
      body
      createdAt
      author {
        id
        handle
      }
    }
    actions {
      id
      type
      policy
      statement
      startsAt
      expiresAt
      active
      createdAt
      moderator {
        id
        handle
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ModerationCaseQuery, ModerationCaseQueryVariables>;
export const TakeModerationActionDocument = new TypedDocumentString(`
    mutation TakeModerationAction($input: TakeModerationActionInput!) {
  takeModerationAction(input: $input) {
    id
    type
    active
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<TakeModerationActionMutation, TakeModerationActionMutationVariables>;
export const AssignCaseDocument = new TypedDocumentString(`
    mutation AssignCase($id: ID!) {
  assignModerationCase(id: $id) {
    id
    assignee {
      id
      handle
    }
  }
}
    `) as unknown as TypedDocumentString<AssignCaseMutation, AssignCaseMutationVariables>;
export const DismissCaseDocument = new TypedDocumentString(`
    mutation DismissCase($id: ID!, $reason: String!) {
  dismissModerationCase(id: $id, reason: $reason) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DismissCaseMutation, DismissCaseMutationVariables>;
export const AddCaseNoteDocument = new TypedDocumentString(`
    mutation AddCaseNote($caseId: ID!, $body: String!) {
  addModerationCaseNote(caseId: $caseId, body: $body) {
    id
  }
}
    `) as unknown as TypedDocumentString<AddCaseNoteMutation, AddCaseNoteMutationVariables>;
export const SetCaseTierDocument = new TypedDocumentString(`
    mutation SetCaseTier($id: ID!, $tier: ModerationTier!, $reason: String!) {
  setModerationCaseTier(id: $id, tier: $tier, reason: $reason) {
    id
    tier
  }
}
    `) as unknown as TypedDocumentString<SetCaseTierMutation, SetCaseTierMutationVariables>;
export const AdminUserDocument = new TypedDocumentString(`
    query AdminUser($id: ID!) {
  user(id: $id) {
    id
    handle
    email
    emailVerified
    roles
    createdAt
    mfaEnabled
    displayName
    strikes {
      active
      total
      nextDecayAt
      nextPenalty {
        atStrikes
        type
        durationMinutes
      }
    }
    moderationActions(first: 25) {
      edges {
        node {
          id
          type
          policy
          statement
          active
          startsAt
          expiresAt
          createdAt
          moderator {
            handle
          }
        }
      }
    }
    reports {
      id
      reason
      status
      createdAt
      reporter {
        handle
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AdminUserQuery, AdminUserQueryVariables>;
export const SetUserRolesDocument = new TypedDocumentString(`
    mutation SetUserRoles($userId: ID!, $roles: [Role!]!) {
  setUserRoles(userId: $userId, roles: $roles) {
    id
    roles
  }
}
    `) as unknown as TypedDocumentString<SetUserRolesMutation, SetUserRolesMutationVariables>;
export const ModerationAuditLogDocument = new TypedDocumentString(`
    query ModerationAuditLog($filter: ModerationAuditFilter, $after: String) {
  moderationAuditLog(filter: $filter, first: 25, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        action
        actor
        actorUser {
          handle
        }
        targetType
        targetId
        before
        after
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ModerationAuditLogQuery, ModerationAuditLogQueryVariables>;
export const AccountAuditLogDocument = new TypedDocumentString(`
    query AccountAuditLog($targetUserId: ID, $after: String) {
  accountAuditLog(first: 25, after: $after, targetUserId: $targetUserId) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        action
        actor
        actorUser {
          handle
        }
        targetType
        targetId
        targetUser {
          handle
        }
        before
        after
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AccountAuditLogQuery, AccountAuditLogQueryVariables>;
export const ModerationAppealsDocument = new TypedDocumentString(`
    query ModerationAppeals {
  moderationAppeals(first: 25) {
    totalCount
    edges {
      node {
        id
        statement
        status
        createdAt
        action {
          id
          type
          policy
          statement
          user {
            id
            handle
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ModerationAppealsQuery, ModerationAppealsQueryVariables>;
export const DecideAppealDocument = new TypedDocumentString(`
    mutation DecideAppeal($id: ID!, $decision: ModerationAppealDecision!, $note: String!) {
  decideModerationAppeal(id: $id, decision: $decision, note: $note) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DecideAppealMutation, DecideAppealMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($input: LoginInput!) {
  login(input: $input) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      id
      handle
      roles
      emailVerified
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const RegisterDocument = new TypedDocumentString(`
    mutation Register($input: RegisterInput!) {
  register(input: $input) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      id
      handle
      roles
      emailVerified
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterMutation, RegisterMutationVariables>;
export const RefreshSessionDocument = new TypedDocumentString(`
    mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      id
      handle
      roles
      emailVerified
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const VerifyMfaDocument = new TypedDocumentString(`
    mutation VerifyMfa($mfaToken: String!, $code: String!) {
  verifyMfa(mfaToken: $mfaToken, code: $code) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      id
      handle
      roles
      emailVerified
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<VerifyMfaMutation, VerifyMfaMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout($refreshToken: String!) {
  logout(refreshToken: $refreshToken)
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const VerifyEmailDocument = new TypedDocumentString(`
    mutation VerifyEmail($token: String!) {
  verifyEmail(token: $token)
}
    `) as unknown as TypedDocumentString<VerifyEmailMutation, VerifyEmailMutationVariables>;
export const ResendVerificationDocument = new TypedDocumentString(`
    mutation ResendVerification {
  resendVerificationEmail
}
    `) as unknown as TypedDocumentString<ResendVerificationMutation, ResendVerificationMutationVariables>;
export const RequestPasswordResetDocument = new TypedDocumentString(`
    mutation RequestPasswordReset($email: String!) {
  requestPasswordReset(email: $email)
}
    `) as unknown as TypedDocumentString<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($token: String!, $newPassword: String!) {
  resetPassword(token: $token, newPassword: $newPassword)
}
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const OAuthProvidersDocument = new TypedDocumentString(`
    query OAuthProviders {
  oauthProviders
}
    `) as unknown as TypedDocumentString<OAuthProvidersQuery, OAuthProvidersQueryVariables>;
export const OAuthStartDocument = new TypedDocumentString(`
    mutation OAuthStart($input: OAuthStartInput!) {
  oauthStart(input: $input) {
    authorizationUrl
    state
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<OAuthStartMutation, OAuthStartMutationVariables>;
export const OAuthCompleteDocument = new TypedDocumentString(`
    mutation OAuthComplete($input: OAuthCompleteInput!) {
  oauthComplete(input: $input) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      id
      handle
      roles
      emailVerified
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<OAuthCompleteMutation, OAuthCompleteMutationVariables>;
export const LinkOAuthDocument = new TypedDocumentString(`
    mutation LinkOAuth($input: OAuthCompleteInput!) {
  linkOAuthAccount(input: $input) {
    provider
    displayName
    email
    linkedAt
  }
}
    `) as unknown as TypedDocumentString<LinkOAuthMutation, LinkOAuthMutationVariables>;
export const BillingHistoryDocument = new TypedDocumentString(`
    query BillingHistory {
  me {
    id
    subscription {
      id
      plan
      interval
      addOns
      status
      currentPeriodEnd
      cancelAtPeriodEnd
      monthlyAmountCents
    }
    payments(first: 50) {
      totalCount
      edges {
        node {
          id
          kind
          status
          amountCents
          refundedCents
          currency
          createdAt
          paidAt
          failureMessage
          campaign {
            id
            title
          }
          refunds {
            id
            amountCents
            status
            createdAt
          }
        }
      }
    }
    invoices(first: 50) {
      totalCount
      edges {
        node {
          id
          number
          status
          currency
          totalCents
          amountPaidCents
          periodStart
          periodEnd
          hostedInvoiceUrl
          createdAt
        }
      }
    }
    usageCharges(first: 50) {
      totalCount
      totalOverageMicros
      pendingOverageMicros
      edges {
        node {
          id
          costMicros
          overageMicros
          status
          occurredAt
          campaign {
            id
            title
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BillingHistoryQuery, BillingHistoryQueryVariables>;
export const BillingPortalDocument = new TypedDocumentString(`
    mutation BillingPortal {
  createBillingPortalSession {
    url
  }
}
    `) as unknown as TypedDocumentString<BillingPortalMutation, BillingPortalMutationVariables>;
export const CheckoutRegistrationsDocument = new TypedDocumentString(`
    query CheckoutRegistrations {
  myRegistrations {
    id
    status
    paidAt
    campaign {
      id
      title
    }
  }
}
    `) as unknown as TypedDocumentString<CheckoutRegistrationsQuery, CheckoutRegistrationsQueryVariables>;
export const OpenCampaignsDocument = new TypedDocumentString(`
    query OpenCampaigns($filter: CampaignFilter, $first: Int, $after: String) {
  openCampaigns(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        title
        mode
        difficulty
        lengthWeeks
        playHoursPerWeek
        llmTier
        maxPlayers
        seatsLeft
        seatsTaken
        language
        startsAt
        schedule {
          weekday
          time
          timezone
        }
        price {
          perPlayerCents
          currency
        }
        owner {
          id
          handle
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OpenCampaignsQuery, OpenCampaignsQueryVariables>;
export const CampaignDocument = new TypedDocumentString(`
    query Campaign($id: ID!) {
  campaign(id: $id) {
    id
    title
    seed
    mode
    difficulty
    lengthWeeks
    playHoursPerWeek
    sessionMinutes
    llmTier
    maxPlayers
    language
    visibility
    startsAt
    endsAt
    status
    seatsTaken
    seatsLeft
    currentSession
    cancelReason
    createdAt
    schedule {
      weekday
      time
      timezone
    }
    sessions {
      index
      startsAt
      endsAt
    }
    price {
      perPlayerCents
      totalCents
      currency
      priceBook
    }
    owner {
      id
      handle
      displayName
    }
    prose {
      status
      text
    }
    skeleton {
      backstory {
        setting
        threat
        hook
      }
      objectives {
        id
        act
        text
      }
      npcs {
        id
        name
        role
      }
    }
    myRegistration {
      id
      status
      waitlistPosition
      holdExpiresAt
      paidAt
      source
    }
    roster {
      id
      status
      player {
        id
        handle
        displayName
      }
    }
    waitlist {
      id
      waitlistPosition
      player {
        id
        handle
      }
    }
  }
  me {
    id
    roles
    party {
      id
      size
      leader {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CampaignQuery, CampaignQueryVariables>;
export const CreateCampaignDocument = new TypedDocumentString(`
    mutation CreateCampaign($input: CreateCampaignInput!) {
  createCampaign(input: $input) {
    id
    title
    status
  }
}
    `) as unknown as TypedDocumentString<CreateCampaignMutation, CreateCampaignMutationVariables>;
export const JoinCampaignDocument = new TypedDocumentString(`
    mutation JoinCampaign($campaignId: ID!) {
  joinCampaign(campaignId: $campaignId) {
    id
    status
    waitlistPosition
    holdExpiresAt
  }
}
    `) as unknown as TypedDocumentString<JoinCampaignMutation, JoinCampaignMutationVariables>;
export const JoinCampaignWithPartyDocument = new TypedDocumentString(`
    mutation JoinCampaignWithParty($campaignId: ID!, $partyId: ID!) {
  joinCampaignWithParty(campaignId: $campaignId, partyId: $partyId) {
    id
    status
    waitlistPosition
  }
}
    `) as unknown as TypedDocumentString<JoinCampaignWithPartyMutation, JoinCampaignWithPartyMutationVariables>;
export const LeaveCampaignDocument = new TypedDocumentString(`
    mutation LeaveCampaign($campaignId: ID!) {
  leaveCampaign(campaignId: $campaignId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<LeaveCampaignMutation, LeaveCampaignMutationVariables>;
export const OpenRegistrationDocument = new TypedDocumentString(`
    mutation OpenRegistration($campaignId: ID!) {
  openRegistration(campaignId: $campaignId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<OpenRegistrationMutation, OpenRegistrationMutationVariables>;
export const StartMatchingDocument = new TypedDocumentString(`
    mutation StartMatching($campaignId: ID!) {
  startMatching(campaignId: $campaignId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<StartMatchingMutation, StartMatchingMutationVariables>;
export const ScheduleCampaignDocument = new TypedDocumentString(`
    mutation ScheduleCampaign($campaignId: ID!) {
  scheduleCampaign(campaignId: $campaignId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ScheduleCampaignMutation, ScheduleCampaignMutationVariables>;
export const CancelCampaignDocument = new TypedDocumentString(`
    mutation CancelCampaign($campaignId: ID!, $reason: String) {
  cancelCampaign(campaignId: $campaignId, reason: $reason) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CancelCampaignMutation, CancelCampaignMutationVariables>;
export const CheckoutSeatDocument = new TypedDocumentString(`
    mutation CheckoutSeat($campaignId: ID!) {
  checkoutSeat(campaignId: $campaignId) {
    id
    url
    amountCents
    currency
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<CheckoutSeatMutation, CheckoutSeatMutationVariables>;
export const MyCampaignsDocument = new TypedDocumentString(`
    query MyCampaigns {
  myCampaigns {
    id
    title
    status
    startsAt
    seatsTaken
    maxPlayers
    llmTier
    mode
  }
  myRegistrations {
    id
    status
    waitlistPosition
    holdExpiresAt
    paidAt
    campaign {
      id
      title
      status
      startsAt
      mode
      llmTier
    }
  }
  myCampaignInvitations {
    id
    createdAt
    inviter {
      id
      handle
    }
    campaign {
      id
      title
      startsAt
    }
  }
  me {
    id
    gameHistory(first: 20) {
      totalCount
      edges {
        node {
          id
          title
          status
          endsAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MyCampaignsQuery, MyCampaignsQueryVariables>;
export const AcceptInvitationDocument = new TypedDocumentString(`
    mutation AcceptInvitation($invitationId: ID!) {
  acceptCampaignInvitation(invitationId: $invitationId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<AcceptInvitationMutation, AcceptInvitationMutationVariables>;
export const DeclineInvitationDocument = new TypedDocumentString(`
    mutation DeclineInvitation($invitationId: ID!) {
  declineCampaignInvitation(invitationId: $invitationId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DeclineInvitationMutation, DeclineInvitationMutationVariables>;
export const SubmitActionDocument = new TypedDocumentString(`
    mutation SubmitAction($campaignId: ID!, $action: ActionInput!) {
  submitAction(campaignId: $campaignId, action: $action) {
    actionId
    eventId
    duplicate
    submittedAt
  }
}
    `) as unknown as TypedDocumentString<SubmitActionMutation, SubmitActionMutationVariables>;
export const LiveCampaignDocument = new TypedDocumentString(`
    query LiveCampaign($id: ID!) {
  campaign(id: $id) {
    id
    title
    status
    currentSession
    sessions {
      index
      startsAt
      endsAt
    }
    myRegistration {
      status
    }
    owner {
      id
    }
  }
  me {
    id
    handle
  }
}
    `) as unknown as TypedDocumentString<LiveCampaignQuery, LiveCampaignQueryVariables>;
export const LlmSpendSeriesDocument = new TypedDocumentString(`
    query LlmSpendSeries($from: String!, $to: String!, $groupBy: [LlmCostDimension!], $filter: LlmCostFilter) {
  analytics {
    generatedAt
    llmCost(
      input: {from: $from, to: $to, groupBy: $groupBy, filter: $filter, orderBy: KEY_ASC, first: 500}
    ) {
      from
      to
      totalCount
      totals {
        calls
        errors
        costMicros
        inputTokens
        cachedInputTokens
        cacheWriteTokens
        outputTokens
        reasoningTokens
        images
      }
      edges {
        node {
          day
          provider
          model
          tier
          purpose
          usage {
            costMicros
            calls
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LlmSpendSeriesQuery, LlmSpendSeriesQueryVariables>;
export const LlmTopSpendersDocument = new TypedDocumentString(`
    query LlmTopSpenders($from: String!, $to: String!, $filter: LlmCostFilter) {
  analytics {
    campaigns: llmCost(
      input: {from: $from, to: $to, groupBy: [CAMPAIGN], filter: $filter, orderBy: COST_DESC, first: 10}
    ) {
      edges {
        node {
          campaignId
          campaign {
            id
            title
          }
          usage {
            costMicros
            calls
          }
        }
      }
    }
    users: llmCost(
      input: {from: $from, to: $to, groupBy: [USER], filter: $filter, orderBy: COST_DESC, first: 10}
    ) {
      edges {
        node {
          userId
          user {
            id
            handle
          }
          usage {
            costMicros
            calls
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LlmTopSpendersQuery, LlmTopSpendersQueryVariables>;
export const LlmMarginsDocument = new TypedDocumentString(`
    query LlmMargins($filter: LlmCostFilter) {
  analytics {
    llmSpendForecast(filter: $filter) {
      month
      asOf
      daysElapsed
      daysInMonth
      actualMicros
      projectedRemainingMicros
      forecastMicros
      trendDays
      slopeMicrosPerDay
      method
    }
    campaignMargins(orderBy: LLM_COST_DESC, first: 12) {
      totalCount
      totals {
        revenueCents
        refundCents
        netRevenueCents
        llmCostMicros
        grossMarginBp
      }
      edges {
        node {
          campaignId
          campaign {
            id
            title
          }
          netRevenueCents
          llmCostMicros
          llmCalls
          grossMarginMicros
          grossMarginBp
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LlmMarginsQuery, LlmMarginsQueryVariables>;
export const LlmCostExportDocument = new TypedDocumentString(`
    query LlmCostExport($from: String!, $to: String!, $filter: LlmCostFilter, $after: String) {
  analytics {
    llmCost(
      input: {from: $from, to: $to, groupBy: [DAY, PROVIDER, MODEL, TIER, PURPOSE], filter: $filter, orderBy: KEY_ASC, first: 1000, after: $after}
    ) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          day
          provider
          model
          tier
          purpose
          usage {
            calls
            errors
            costMicros
            inputTokens
            cachedInputTokens
            cacheWriteTokens
            outputTokens
            reasoningTokens
            images
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LlmCostExportQuery, LlmCostExportQueryVariables>;
export const QuoteDocument = new TypedDocumentString(`
    query Quote($input: QuoteInput!) {
  quote(input: $input) {
    perPlayerCents
    totalCents
    currency
    priceBook
  }
}
    `) as unknown as TypedDocumentString<QuoteQuery, QuoteQueryVariables>;
export const PriceBookDocument = new TypedDocumentString(`
    query PriceBook {
  priceBook {
    id
    effectiveFrom
    currency
    plans {
      plan
      interval
      amountCents
      monthlyEquivalentCents
      discountBp
    }
    addOns {
      addOn
      interval
      amountCents
    }
  }
}
    `) as unknown as TypedDocumentString<PriceBookQuery, PriceBookQueryVariables>;
export const PricingMatrixDocument = new TypedDocumentString(`
    query PricingMatrix {
  premium4: quote(
    input: {lengthWeeks: 4, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4}
  ) {
    perPlayerCents
    currency
    priceBook
  }
  premium12: quote(
    input: {lengthWeeks: 12, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4}
  ) {
    perPlayerCents
    currency
    priceBook
  }
  premium24: quote(
    input: {lengthWeeks: 24, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4}
  ) {
    perPlayerCents
    currency
    priceBook
  }
  standard4: quote(
    input: {lengthWeeks: 4, playHoursPerWeek: 3, llmTier: STANDARD, players: 4}
  ) {
    perPlayerCents
    currency
    priceBook
  }
  standard12: quote(
    input: {lengthWeeks: 12, playHoursPerWeek: 3, llmTier: STANDARD, players: 4}
  ) {
    perPlayerCents
    currency
    priceBook
  }
  standard24: quote(
    input: {lengthWeeks: 24, playHoursPerWeek: 3, llmTier: STANDARD, players: 4}
  ) {
    perPlayerCents
    currency
    priceBook
  }
  economy4: quote(
    input: {lengthWeeks: 4, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4}
  ) {
    perPlayerCents
    currency
    priceBook
  }
  economy12: quote(
    input: {lengthWeeks: 12, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4}
  ) {
    perPlayerCents
    currency
    priceBook
  }
  economy24: quote(
    input: {lengthWeeks: 24, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4}
  ) {
    perPlayerCents
    currency
    priceBook
  }
  priceBook {
    id
    currency
    plans {
      plan
      interval
      amountCents
      monthlyEquivalentCents
      discountBp
    }
  }
}
    `) as unknown as TypedDocumentString<PricingMatrixQuery, PricingMatrixQueryVariables>;
export const FriendsDocument = new TypedDocumentString(`
    query Friends {
  me {
    id
    friends(first: 100) {
      totalCount
      edges {
        friendsSince
        node {
          id
          handle
          displayName
          avatarUrl
        }
      }
    }
    party {
      id
    }
  }
  incomingFriendRequests(first: 50) {
    totalCount
    edges {
      node {
        id
        createdAt
        from {
          id
          handle
          displayName
        }
      }
    }
  }
  outgoingFriendRequests(first: 50) {
    totalCount
    edges {
      node {
        id
        createdAt
        to {
          id
          handle
          displayName
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FriendsQuery, FriendsQueryVariables>;
export const PlayerDocument = new TypedDocumentString(`
    query Player($id: ID!) {
  user(id: $id) {
    id
    handle
    displayName
    avatarUrl
    bio
    createdAt
    friendStatus
    party {
      id
      size
      maxSize
      leader {
        id
        handle
      }
    }
  }
  me {
    id
    blockedUserIds
    party {
      id
      leader {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PlayerQuery, PlayerQueryVariables>;
export const SendFriendRequestDocument = new TypedDocumentString(`
    mutation SendFriendRequest($userId: ID!) {
  sendFriendRequest(userId: $userId) {
    status
    request {
      id
    }
    user {
      id
      friendStatus
    }
  }
}
    `) as unknown as TypedDocumentString<SendFriendRequestMutation, SendFriendRequestMutationVariables>;
export const AcceptFriendRequestDocument = new TypedDocumentString(`
    mutation AcceptFriendRequest($requestId: ID!) {
  acceptFriendRequest(requestId: $requestId) {
    id
    friendStatus
  }
}
    `) as unknown as TypedDocumentString<AcceptFriendRequestMutation, AcceptFriendRequestMutationVariables>;
export const DeclineFriendRequestDocument = new TypedDocumentString(`
    mutation DeclineFriendRequest($requestId: ID!) {
  declineFriendRequest(requestId: $requestId)
}
    `) as unknown as TypedDocumentString<DeclineFriendRequestMutation, DeclineFriendRequestMutationVariables>;
export const CancelFriendRequestDocument = new TypedDocumentString(`
    mutation CancelFriendRequest($requestId: ID!) {
  cancelFriendRequest(requestId: $requestId)
}
    `) as unknown as TypedDocumentString<CancelFriendRequestMutation, CancelFriendRequestMutationVariables>;
export const RemoveFriendDocument = new TypedDocumentString(`
    mutation RemoveFriend($userId: ID!) {
  removeFriend(userId: $userId)
}
    `) as unknown as TypedDocumentString<RemoveFriendMutation, RemoveFriendMutationVariables>;
export const BlockUserDocument = new TypedDocumentString(`
    mutation BlockUser($userId: ID!) {
  blockUser(userId: $userId) {
    id
  }
}
    `) as unknown as TypedDocumentString<BlockUserMutation, BlockUserMutationVariables>;
export const UnblockUserDocument = new TypedDocumentString(`
    mutation UnblockUser($userId: ID!) {
  unblockUser(userId: $userId) {
    id
  }
}
    `) as unknown as TypedDocumentString<UnblockUserMutation, UnblockUserMutationVariables>;
export const ReportUserDocument = new TypedDocumentString(`
    mutation ReportUser($input: ReportUserInput!) {
  reportUser(input: $input) {
    id
    status
    createdAt
  }
}
    `) as unknown as TypedDocumentString<ReportUserMutation, ReportUserMutationVariables>;
export const MyPartyDocument = new TypedDocumentString(`
    query MyParty {
  me {
    id
    party {
      id
      size
      maxSize
      createdAt
      leader {
        id
        handle
      }
      members {
        id
        handle
        displayName
      }
      invites {
        id
        createdAt
        to {
          id
          handle
        }
        from {
          id
          handle
        }
      }
    }
    friends(first: 100) {
      edges {
        node {
          id
          handle
          displayName
        }
      }
    }
  }
  myPartyInvites(first: 25) {
    edges {
      node {
        id
        createdAt
        from {
          id
          handle
        }
        party {
          id
          size
          maxSize
          leader {
            id
            handle
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MyPartyQuery, MyPartyQueryVariables>;
export const CreatePartyDocument = new TypedDocumentString(`
    mutation CreateParty($input: CreatePartyInput) {
  createParty(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreatePartyMutation, CreatePartyMutationVariables>;
export const InviteToPartyDocument = new TypedDocumentString(`
    mutation InviteToParty($partyId: ID!, $userId: ID!) {
  inviteToParty(partyId: $partyId, userId: $userId) {
    id
  }
}
    `) as unknown as TypedDocumentString<InviteToPartyMutation, InviteToPartyMutationVariables>;
export const AcceptPartyInviteDocument = new TypedDocumentString(`
    mutation AcceptPartyInvite($inviteId: ID!) {
  acceptPartyInvite(inviteId: $inviteId) {
    id
  }
}
    `) as unknown as TypedDocumentString<AcceptPartyInviteMutation, AcceptPartyInviteMutationVariables>;
export const DeclinePartyInviteDocument = new TypedDocumentString(`
    mutation DeclinePartyInvite($inviteId: ID!) {
  declinePartyInvite(inviteId: $inviteId)
}
    `) as unknown as TypedDocumentString<DeclinePartyInviteMutation, DeclinePartyInviteMutationVariables>;
export const CancelPartyInviteDocument = new TypedDocumentString(`
    mutation CancelPartyInvite($inviteId: ID!) {
  cancelPartyInvite(inviteId: $inviteId)
}
    `) as unknown as TypedDocumentString<CancelPartyInviteMutation, CancelPartyInviteMutationVariables>;
export const LeavePartyDocument = new TypedDocumentString(`
    mutation LeaveParty($partyId: ID!) {
  leaveParty(partyId: $partyId)
}
    `) as unknown as TypedDocumentString<LeavePartyMutation, LeavePartyMutationVariables>;
export const KickFromPartyDocument = new TypedDocumentString(`
    mutation KickFromParty($partyId: ID!, $userId: ID!) {
  kickFromParty(partyId: $partyId, userId: $userId) {
    id
  }
}
    `) as unknown as TypedDocumentString<KickFromPartyMutation, KickFromPartyMutationVariables>;
export const TransferPartyLeadershipDocument = new TypedDocumentString(`
    mutation TransferPartyLeadership($partyId: ID!, $userId: ID!) {
  transferPartyLeadership(partyId: $partyId, userId: $userId) {
    id
  }
}
    `) as unknown as TypedDocumentString<TransferPartyLeadershipMutation, TransferPartyLeadershipMutationVariables>;
export const DisbandPartyDocument = new TypedDocumentString(`
    mutation DisbandParty($partyId: ID!) {
  disbandParty(partyId: $partyId)
}
    `) as unknown as TypedDocumentString<DisbandPartyMutation, DisbandPartyMutationVariables>;