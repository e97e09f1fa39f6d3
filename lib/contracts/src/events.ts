/**
 * Event envelope and the names of streams, subjects and events on NATS JetStream.
 *
 * Every name can be put under a namespace (`ns`): production uses none, each test run uses its own
 * so that runs sharing one NATS server never see each other's streams or messages.
 */

/** The envelope every event travels in; `id` is a UUIDv7 and doubles as the JetStream `Nats-Msg-Id`. */
export interface EventEnvelope<TData = unknown> {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  /** Who caused it: a user id, `system`, or `service:<name>`. */
  readonly actor: string;
  readonly data: TData;
  readonly v: number;
}

export const Stream = {
  GAME: 'GAME',
  USAGE: 'USAGE',
  DOMAIN: 'DOMAIN',
  /** Replies to GDPR requests (export parts hold personal data): kept 7 days only. */
  GDPR: 'GDPR',
} as const;
export type Stream = (typeof Stream)[keyof typeof Stream];

/** Subject roots per stream (before namespacing). */
export const StreamSubjects: Record<Stream, string> = {
  GAME: 'game.>',
  USAGE: 'llm.usage.>',
  DOMAIN: 'domain.>',
  GDPR: 'gdpr.>',
};

/**
 * Maximum age of a stream's messages in ms (0 = kept until limits apply), as the seed's data retention sets it: the
 * game's events are campaign data (2 years), domain and usage events user and money data (7 years); GDPR requests
 * and answers are only in transit (7 days). Services override the first two with RETENTION_CAMPAIGN_DAYS and
 * RETENTION_USER_DAYS (BusOptions.streamMaxAgeMs).
 */
export const StreamMaxAgeMs: Record<Stream, number> = {
  GAME: 730 * 86_400_000,
  USAGE: 2557 * 86_400_000,
  DOMAIN: 2557 * 86_400_000,
  GDPR: 7 * 86_400_000,
};

/** Domain event types; the subject is `domain.<type>`. */
export const DomainEvent = {
  USER_REGISTERED: 'users.registered',
  USER_ROLE_CHANGED: 'users.role_changed',
  CAMPAIGN_CREATED: 'campaigns.created',
  MODERATION_REPORT_FILED: 'moderation.report_filed',
  USER_HANDLE_CHANGED: 'users.handle_changed',
  USER_BLOCKED: 'users.blocked',
  USER_UNBLOCKED: 'users.unblocked',
  PARTY_CREATED: 'users.party_created',
  PARTY_MEMBER_JOINED: 'users.party_member_joined',
  PARTY_MEMBER_LEFT: 'users.party_member_left',
  PARTY_LEADER_CHANGED: 'users.party_leader_changed',
  PARTY_DISBANDED: 'users.party_disbanded',
  /** billing → campaigns: a seat was paid for (payload `SeatPaidData`); confirms the registration. */
  BILLING_SEAT_PAID: 'billing.seat_paid',
  /** billing → campaigns: a paid seat was refunded in full or lost to a dispute (payload `SeatRefundedData`). */
  BILLING_SEAT_REFUNDED: 'billing.seat_refunded',
  /** billing → everyone: a plan subscription started, changed plan/add-ons/status, or ended (payload `SubscriptionChangedData`). */
  BILLING_SUBSCRIPTION_CHANGED: 'billing.subscription_changed',
  /** campaigns → everyone: a campaign moved along its lifecycle (payload `CampaignStatusChangedData`). */
  CAMPAIGN_STATUS_CHANGED: 'campaigns.status_changed',
  /** campaigns → billing: a campaign was cancelled; refund its paid seats (payload `CampaignCancelledData`). */
  CAMPAIGN_CANCELLED: 'campaigns.cancelled',
  /** campaigns → billing: a seat is held for a player until paid (payload `SeatHeldData`). */
  CAMPAIGN_SEAT_HELD: 'campaigns.seat_held',
  /** campaigns → billing: a held (unpaid) seat was given up, expired or dropped (payload `SeatReleasedData`). */
  CAMPAIGN_SEAT_RELEASED: 'campaigns.seat_released',
  /** campaigns → billing: a payment arrived for a seat that no longer exists; refund it (payload `SeatRefundRequestedData`). */
  CAMPAIGN_SEAT_REFUND_REQUESTED: 'campaigns.seat_refund_requested',
  /** gamehost → everyone: a campaign's last session ended (payload `CampaignCompletedData`). */
  CAMPAIGN_COMPLETED: 'campaigns.completed',
  /** moderation → users, campaigns, gamehost: a sanction took effect (payload `ModerationActionData`). */
  MODERATION_ACTION: 'moderation.action',
  /** moderation → users, campaigns, gamehost: a sanction was lifted on appeal (payload `ModerationActionRevokedData`). */
  MODERATION_ACTION_REVOKED: 'moderation.action_revoked',
  /** moderation → gamehost, web: a message or AI output must no longer be shown (payload `ContentHiddenData`). */
  MODERATION_CONTENT_HIDDEN: 'moderation.content_hidden',
  /** users → analytics (funnel step "verified"): the account's email address was verified (payload `UserEmailVerifiedData`), published by users' `verifyEmail`. */
  USER_EMAIL_VERIFIED: 'users.email_verified',
  /** billing → analytics: one booked fact of billing's revenue ledger (payload `RevenueRecordedData`). */
  BILLING_REVENUE_RECORDED: 'billing.revenue_recorded',
} as const;
export type DomainEvent = (typeof DomainEvent)[keyof typeof DomainEvent];

/** Durable consumer names; one per (service, purpose). */
export const Consumer = {
  ANALYTICS_DOMAIN: 'analytics-domain',
  /** billing: LLM usage (`llm.usage.>`) → usage charges and cost rollups. */
  BILLING_USAGE: 'billing-usage',
  /** billing: campaign facts (`domain.campaigns.>`) it prices seats and LLM allowances from. */
  BILLING_CAMPAIGNS: 'billing-campaigns',
  /** billing: `campaigns.cancelled` and `campaigns.seat_refund_requested` (`domain.campaigns.>`) → automatic seat refunds. */
  BILLING_CAMPAIGN_REFUNDS: 'billing-campaign-refunds',
  /** campaigns: party, block and handle projections (`domain.users.>`). */
  CAMPAIGNS_USERS: 'campaigns-users',
  /** campaigns: seat payments and refunds (`domain.billing.>`). */
  CAMPAIGNS_BILLING: 'campaigns-billing',
  /** campaigns: gamehost outcomes (`game.*.outcomes`) that move SCHEDULED → RUNNING → COMPLETED. */
  CAMPAIGNS_GAME_OUTCOMES: 'campaigns-game-outcomes',
  /** gamehost: every host shares it; turns `game.*.lifecycle` CAMPAIGN_OPENED/CANCELLED into the campaign registry (KV). */
  GAMEHOST_DIRECTORY: 'gamehost-directory',
  /** moderation: player messages (`game.*.commands`) and AI output (`game.*.outcomes`) → automated checks. */
  MODERATION_GAME: 'moderation-game',
  /** campaigns: mutes and kicks (`domain.moderation.>`) → submitAction and registration enforcement. */
  CAMPAIGNS_MODERATION: 'campaigns-moderation',
  /** gamehost: every host shares it; mutes and kicks (`domain.moderation.>`) → sanction events on the campaigns' GAME subjects. */
  GAMEHOST_MODERATION: 'gamehost-moderation',
  /** users: suspensions and bans (`domain.moderation.>`) → sign-in and refresh enforcement. */
  USERS_MODERATION: 'users-moderation',
  /** analytics: the GAME stream (`game.>`) → game facts, sessions and engagement rollups. */
  ANALYTICS_GAME: 'analytics-game',
  /** analytics: LLM usage (`llm.usage.>`) → usage facts and LLM cost rollups. */
  ANALYTICS_USAGE: 'analytics-usage',
} as const;
export type Consumer = (typeof Consumer)[keyof typeof Consumer];

/** Prefixes a stream name with a namespace: `DOMAIN` → `t1_DOMAIN`. */
export function streamName(stream: Stream, ns = ''): string {
  return ns ? `${ns}_${stream}` : stream;
}

/** Prefixes a subject with a namespace: `domain.users.registered` → `t1.domain.users.registered`. */
export function subject(subj: string, ns = ''): string {
  return ns ? `${ns}.${subj}` : subj;
}

/** The subject a domain event is published on. */
export function domainSubject(type: DomainEvent | string, ns = ''): string {
  return subject(`domain.${type}`, ns);
}

/** Payload of `domain.users.registered`. */
export interface UserRegisteredData {
  readonly userId: string;
  readonly handle: string;
  readonly registeredAt: string;
}

/** Payload of `domain.campaigns.created`. */
export interface CampaignCreatedData {
  readonly campaignId: string;
  readonly ownerId: string;
  readonly title: string;
  readonly llmTier: string;
  readonly lengthWeeks: number;
  readonly maxPlayers: number;
  /** Scheduled play hours per week (billing prices seats and LLM allowances from it). */
  readonly playHoursPerWeek?: number;
}

/** Payload of `domain.moderation.report_filed`. */
export interface ReportFiledData {
  readonly reportId: string;
  readonly reporterId: string;
  readonly userId: string;
  readonly reason: string;
  /** What was reported (absent on older events: USER); `userId` is '' when no player is responsible (AI output). */
  readonly subjectType?: 'USER' | 'MESSAGE' | 'CAMPAIGN' | 'AI_OUTPUT';
  readonly subjectId?: string;
  readonly caseId?: string;
}

/** Payload of `domain.users.handle_changed`: services that keep a copy of handles update it. */
export interface UserHandleChangedData {
  readonly userId: string;
  readonly handle: string;
  readonly previousHandle: string;
}

/**
 * Payload of `domain.users.blocked` / `domain.users.unblocked`. Blocks are one-way (`blockerId` blocks
 * `blockedId`); services that match or group players keep a projection and never put the two together.
 */
export interface UserBlockData {
  readonly blockerId: string;
  readonly blockedId: string;
  readonly at: string;
}

/** Payload of `domain.users.party_created`. */
export interface PartyCreatedData {
  readonly partyId: string;
  readonly leaderId: string;
  readonly maxSize: number;
  readonly memberIds: readonly string[];
}

/** Payload of `domain.users.party_member_joined`; `memberIds` is the membership after the change. */
export interface PartyMemberJoinedData {
  readonly partyId: string;
  readonly userId: string;
  readonly memberIds: readonly string[];
}

/** Payload of `domain.users.party_member_left`; `memberIds` is the membership after the change (empty: disbanded). */
export interface PartyMemberLeftData {
  readonly partyId: string;
  readonly userId: string;
  readonly reason: 'left' | 'kicked' | 'disbanded';
  readonly memberIds: readonly string[];
}

/** Payload of `domain.users.party_leader_changed`. */
export interface PartyLeaderChangedData {
  readonly partyId: string;
  readonly leaderId: string;
  readonly previousLeaderId: string;
}

/** Payload of `domain.users.party_disbanded`: the party no longer exists. */
export interface PartyDisbandedData {
  readonly partyId: string;
  /** Members at the moment it was disbanded (empty when the last member left). */
  readonly memberIds: readonly string[];
}

/** Payload of `domain.users.role_changed` (the envelope's `actor` is the admin's id, or `system:cli`). */
export interface UserRoleChangedData {
  readonly userId: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/** Payload of `domain.users.email_verified` (also for accounts whose provider vouched for the email at sign-up). */
export interface UserEmailVerifiedData {
  readonly userId: string;
  readonly verifiedAt: string;
}

/**
 * Payload of `domain.campaigns.completed` (gamehost, after the last session). The envelope id is derived from the
 * campaign id, so a host that takes over and publishes it again is deduplicated (by JetStream, then by consumers).
 */
export interface CampaignCompletedData {
  readonly campaignId: string;
  /** The end of the last scheduled session (ISO instant). */
  readonly completedAt: string;
  readonly sessions: number;
  /** Turns the game master narrated. */
  readonly turns: number;
  /** What the narration cost, as llm-router reported it (integer micro-dollars). */
  readonly narrationCostMicros: number;
}
