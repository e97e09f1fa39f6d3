import { defineEntity, p } from '@mikro-orm/core';

/** A campaign's lifecycle as analytics saw it (the earliest instant any source reported wins). */
export const CampaignDimSchema = defineEntity({
  name: 'CampaignDim',
  tableName: 'campaign_dim',
  properties: {
    campaignId: p.string().length(64).primary(),
    ownerId: p.string().length(64).nullable(),
    tier: p.string().length(32).nullable(),
    createdAt: p.datetime().nullable(),
    startedAt: p.datetime().nullable().index(),
    completedAt: p.datetime().nullable().index(),
    cancelledAt: p.datetime().nullable().index(),
    /** The status it was cancelled from (RUNNING: cancelled after it started). */
    cancelledFrom: p.string().length(16).nullable(),
  },
});
export class CampaignDim extends CampaignDimSchema.class {}
CampaignDimSchema.setClass(CampaignDim);

/** Players of a campaign (joined in the game or paid a seat); they complete it when it completes. */
export const CampaignMemberSchema = defineEntity({
  name: 'CampaignMember',
  tableName: 'campaign_member',
  properties: {
    campaignId: p.string().length(64).primary(),
    userId: p.string().length(64).primary().index(),
    joinedAt: p.datetime(),
    /** Set while the player is out of the campaign (left or kicked). */
    leftAt: p.datetime().nullable(),
  },
});
export class CampaignMember extends CampaignMemberSchema.class {}
CampaignMemberSchema.setClass(CampaignMember);

/** One scheduled play session of a campaign, with the player actions submitted while it was open. */
export const GameSessionSchema = defineEntity({
  name: 'GameSession',
  tableName: 'game_session',
  properties: {
    campaignId: p.string().length(64).primary(),
    sessionIndex: p.integer().primary(),
    startedAt: p.datetime().nullable().index(),
    endedAt: p.datetime().nullable(),
    actions: p.integer().default(0),
  },
});
export class GameSession extends GameSessionSchema.class {}
GameSessionSchema.setClass(GameSession);

/** Actions one player submitted in one session (a row exists only while it is above zero). */
export const SessionParticipationSchema = defineEntity({
  name: 'SessionParticipation',
  tableName: 'session_participation',
  properties: {
    campaignId: p.string().length(64).primary(),
    sessionIndex: p.integer().primary(),
    userId: p.string().length(64).primary(),
    actions: p.integer().default(0),
  },
});
export class SessionParticipation extends SessionParticipationSchema.class {}
SessionParticipationSchema.setClass(SessionParticipation);

/** Lifetime money of a campaign: USD revenue (cents) against LLM cost (micro-dollars). */
export const CampaignFinanceSchema = defineEntity({
  name: 'CampaignFinance',
  tableName: 'campaign_finance',
  properties: {
    campaignId: p.string().length(64).primary(),
    revenueCents: p.bigint().default(0),
    refundCents: p.bigint().default(0),
    llmCostMicros: p.bigint().default(0).index(),
    llmCalls: p.bigint().default(0),
  },
});
export class CampaignFinance extends CampaignFinanceSchema.class {}
CampaignFinanceSchema.setClass(CampaignFinance);
