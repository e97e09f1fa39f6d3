/** Campaign vocabulary shared by campaigns, billing and the web app. */
export const LlmTier = {
  PREMIUM: 'PREMIUM',
  STANDARD: 'STANDARD',
  ECONOMY: 'ECONOMY',
} as const;
export type LlmTier = (typeof LlmTier)[keyof typeof LlmTier];
export const LLM_TIERS: readonly LlmTier[] = Object.values(LlmTier);

export const CampaignMode = {
  WEEKLY: 'WEEKLY',
  ONE_SHOT: 'ONE_SHOT',
} as const;
export type CampaignMode = (typeof CampaignMode)[keyof typeof CampaignMode];
export const CAMPAIGN_MODES: readonly CampaignMode[] = Object.values(CampaignMode);

export const CAMPAIGN_LENGTHS_WEEKS = [4, 12, 24] as const;
export type CampaignLengthWeeks = (typeof CAMPAIGN_LENGTHS_WEEKS)[number];

export const MIN_PLAYERS = 2;
export const MAX_PLAYERS = 50;
export const MIN_PLAY_HOURS_PER_WEEK = 1;
export const MAX_PLAY_HOURS_PER_WEEK = 40;

/** Campaign difficulty: how hard the game master plays the world. */
export const CampaignDifficulty = {
  EASY: 'EASY',
  NORMAL: 'NORMAL',
  HARD: 'HARD',
  BRUTAL: 'BRUTAL',
} as const;
export type CampaignDifficulty = (typeof CampaignDifficulty)[keyof typeof CampaignDifficulty];
export const CAMPAIGN_DIFFICULTIES: readonly CampaignDifficulty[] = Object.values(CampaignDifficulty);

/** The lifecycle of a campaign (see subgraphs/campaigns: DRAFT → REGISTRATION → MATCHING → SCHEDULED → RUNNING → COMPLETED / CANCELLED). */
export const CampaignStatus = {
  DRAFT: 'DRAFT',
  REGISTRATION: 'REGISTRATION',
  MATCHING: 'MATCHING',
  SCHEDULED: 'SCHEDULED',
  RUNNING: 'RUNNING',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
} as const;
export type CampaignStatus = (typeof CampaignStatus)[keyof typeof CampaignStatus];
export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = Object.values(CampaignStatus);

/** Payload of `domain.campaigns.status_changed`. */
export interface CampaignStatusChangedData {
  readonly campaignId: string;
  readonly from: CampaignStatus;
  readonly to: CampaignStatus;
  readonly at: string;
}

/** Payload of `domain.campaigns.cancelled`: billing refunds every paid seat listed. */
export interface CampaignCancelledData {
  readonly campaignId: string;
  readonly ownerId: string;
  /** The status it was cancelled from. */
  readonly from: CampaignStatus;
  readonly reason: string;
  readonly cancelledAt: string;
  readonly paidRegistrations: ReadonlyArray<{ readonly registrationId: string; readonly userId: string; readonly paymentId: string | null; readonly paidAt: string }>;
}

/** Payload of `domain.campaigns.seat_held`: `userId` may pay for a seat of `campaignId` until `holdExpiresAt`. */
export interface SeatHeldData {
  readonly campaignId: string;
  readonly registrationId: string;
  readonly userId: string;
  readonly holdExpiresAt: string;
}

/** Payload of `domain.campaigns.seat_released`: an unpaid hold ended. */
export interface SeatReleasedData {
  readonly campaignId: string;
  readonly registrationId: string;
  readonly userId: string;
  readonly reason: 'left' | 'expired' | 'unpaid_at_scheduling' | 'cancelled' | 'erased' | 'kicked';
}

/** Payload of `domain.campaigns.seat_refund_requested`: a payment for a seat that is gone (released, cancelled). */
export interface SeatRefundRequestedData {
  readonly campaignId: string;
  readonly userId: string;
  readonly paymentId: string | null;
  readonly reason: 'seat_released' | 'campaign_cancelled' | 'campaign_closed';
}
