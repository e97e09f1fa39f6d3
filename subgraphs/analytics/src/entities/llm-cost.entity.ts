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
 * campaign and day (or month, below); campaign × model questions read the finest rollup.
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
 * `month`), the user's cost from the window's first day through each of its days (`cost_to_day[i]` = days 1..i,
 * integer micro-dollars) and the days with at least one call (`active_days`, bit i-1 = day i). A range inside one window
 * is `cost_to_day[hi] - cost_to_day[lo - 1]` for the users with a bit set in `lo..hi`: no rows to add up, where the
 * daily rollup needs one per active day (see `facts/usage.ts` for upkeep, `modules/llm-cost/source.ts` for reads).
 */
export const LlmCostUserWindowSchema = defineEntity({
  name: 'LlmCostUserWindow',
  tableName: 'llm_cost_user_window',
  properties: {
    month: p.date().primary(),
    userId: p.string().length(64).primary(),
    activeDays: p.string().columnType('varbit'),
    costToDay: p.array().columnType('bigint[]'),
  },
});
export class LlmCostUserWindow extends LlmCostUserWindowSchema.class {}
LlmCostUserWindowSchema.setClass(LlmCostUserWindow);
