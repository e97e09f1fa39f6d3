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
