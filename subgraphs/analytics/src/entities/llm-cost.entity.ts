import { defineEntity, p } from '@mikro-orm/core';

/** The additive figures every LLM cost rollup carries (micro-dollars and token counts). */
const figures = () => ({
  calls: p.bigint().default(0),
  errors: p.bigint().default(0),
  costMicros: p.bigint().default(0),
  inputTokens: p.bigint().default(0),
  cachedInputTokens: p.bigint().default(0),
  cacheWriteTokens: p.bigint().default(0),
  outputTokens: p.bigint().default(0),
  reasoningTokens: p.bigint().default(0),
  images: p.bigint().default(0),
});

const model = () => ({
  provider: p.string().length(32).primary(),
  model: p.string().length(200).primary(),
  tier: p.string().length(32).primary(),
  purpose: p.string().length(32).primary(),
});

/** Finest grain: day × provider × model × tier × purpose × campaign × user (drill-down by campaign or user). */
export const LlmCostDailySchema = defineEntity({
  name: 'LlmCostDaily',
  tableName: 'llm_cost_daily',
  indexes: [{ properties: ['campaignId', 'day'] }, { properties: ['userId', 'day'] }],
  properties: {
    day: p.date().primary(),
    ...model(),
    campaignId: p.string().length(64).primary(),
    userId: p.string().length(64).primary(),
    ...figures(),
  },
});
export class LlmCostDaily extends LlmCostDailySchema.class {}
LlmCostDailySchema.setClass(LlmCostDaily);

/** Day × provider × model × tier × purpose: small; answers every question without campaign or user. */
export const LlmCostModelDailySchema = defineEntity({
  name: 'LlmCostModelDaily',
  tableName: 'llm_cost_model_daily',
  properties: { day: p.date().primary(), ...model(), ...figures() },
});
export class LlmCostModelDaily extends LlmCostModelDailySchema.class {}
LlmCostModelDailySchema.setClass(LlmCostModelDaily);

/**
 * Per campaign and day, all models together ('' = calls outside any campaign): ranking campaigns reads one row per
 * campaign and day (or month, below); campaign × model questions read `llm_cost_campaign_model_daily`.
 */
export const LlmCostCampaignDailySchema = defineEntity({
  name: 'LlmCostCampaignDaily',
  tableName: 'llm_cost_campaign_daily',
  indexes: [{ properties: ['campaignId', 'day'] }],
  properties: { day: p.date().primary(), campaignId: p.string().length(64).primary(), ...figures() },
});
export class LlmCostCampaignDaily extends LlmCostCampaignDailySchema.class {}
LlmCostCampaignDailySchema.setClass(LlmCostCampaignDaily);

/** Whole UTC months (first day of the month in `month`): full months of a range read these instead of days. */
export const LlmCostCampaignMonthlySchema = defineEntity({
  name: 'LlmCostCampaignMonthly',
  tableName: 'llm_cost_campaign_monthly',
  indexes: [{ properties: ['campaignId', 'month'] }],
  properties: { month: p.date().primary(), campaignId: p.string().length(64).primary(), ...figures() },
});
export class LlmCostCampaignMonthly extends LlmCostCampaignMonthlySchema.class {}
LlmCostCampaignMonthlySchema.setClass(LlmCostCampaignMonthly);

/**
 * Per day, campaign ('' = outside any campaign) and provider × model × tier × purpose, without the user: breakdowns
 * crossing campaign with model dimensions (top campaigns × model, one campaign by model and day) read one row per
 * campaign, model and purpose a day instead of one per player too, as the finest rollup has.
 */
export const LlmCostCampaignModelDailySchema = defineEntity({
  name: 'LlmCostCampaignModelDaily',
  tableName: 'llm_cost_campaign_model_daily',
  indexes: [{ properties: ['campaignId', 'day'] }],
  properties: { day: p.date().primary(), campaignId: p.string().length(64).primary(), ...model(), ...figures() },
});
export class LlmCostCampaignModelDaily extends LlmCostCampaignModelDailySchema.class {}
LlmCostCampaignModelDailySchema.setClass(LlmCostCampaignModelDaily);

/** What ranking users needs: users outnumber campaigns by far, so their rollups stay narrow. */
const userFigures = () => ({ calls: p.bigint().default(0), costMicros: p.bigint().default(0) });

/**
 * Per user and day, all models together, calls and cost only: a narrow row per active user and day to rank users by
 * spend; the token breakdown of the users on a page (and any user × model question) comes from the finest rollup,
 * by its (user_id, day) index.
 */
export const LlmCostUserDailySchema = defineEntity({
  name: 'LlmCostUserDaily',
  tableName: 'llm_cost_user_daily',
  indexes: [{ properties: ['userId', 'day'] }],
  properties: { day: p.date().primary(), userId: p.string().length(64).primary(), ...userFigures() },
});
export class LlmCostUserDaily extends LlmCostUserDailySchema.class {}
LlmCostUserDailySchema.setClass(LlmCostUserDaily);

export const LlmCostUserMonthlySchema = defineEntity({
  name: 'LlmCostUserMonthly',
  tableName: 'llm_cost_user_monthly',
  indexes: [{ properties: ['userId', 'month'] }],
  properties: { month: p.date().primary(), userId: p.string().length(64).primary(), ...userFigures() },
});
export class LlmCostUserMonthly extends LlmCostUserMonthlySchema.class {}
LlmCostUserMonthlySchema.setClass(LlmCostUserMonthly);

/**
 * Ranking users over any range in one read per user: per user and three-month window (starting the first day of
 * `month`), the days with at least one call (`active_days`, bit i-1 = day i) and, for each of those days in order, the
 * user's cost from the window's first day through it (`running_costs`, integer micro-dollars): the running cost through
 * any day d is element number "bits set in days 1..d" (0 before the first call). A range inside one window is that at its
 * last day less that at the day before its first, for the users with a bit set in between: no rows to add up, where the
 * daily rollup needs one per active day, and one element per active day keeps rows narrow (see `facts/usage.ts` for
 * upkeep, `modules/llm-cost/source.ts` for reads).
 */
export const LlmCostUserWindowSchema = defineEntity({
  name: 'LlmCostUserWindow',
  tableName: 'llm_cost_user_window',
  properties: {
    month: p.date().primary(),
    userId: p.string().length(64).primary(),
    activeDays: p.string().columnType('varbit'),
    runningCosts: p.array().columnType('bigint[]'),
  },
});
export class LlmCostUserWindow extends LlmCostUserWindowSchema.class {}
LlmCostUserWindowSchema.setClass(LlmCostUserWindow);
