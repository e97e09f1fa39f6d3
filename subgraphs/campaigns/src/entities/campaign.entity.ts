import { defineEntity, p } from '@mikro-orm/core';
import { CAMPAIGN_MODES, LLM_TIERS } from '@startales/contracts';

export const CAMPAIGN_STATUSES = ['DRAFT', 'REGISTRATION', 'MATCHING', 'SCHEDULED', 'RUNNING', 'COMPLETED', 'CANCELLED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A campaign and the config + seed its skeleton is generated from. */
export const CampaignSchema = defineEntity({
  name: 'Campaign',
  tableName: 'campaign',
  properties: {
    id: p.uuid().primary(),
    ownerId: p.uuid().index(),
    title: p.string().length(120),
    seed: p.string().length(64),
    mode: p.enum([...CAMPAIGN_MODES]),
    lengthWeeks: p.integer(),
    playHoursPerWeek: p.integer(),
    maxPlayers: p.integer(),
    llmTier: p.enum([...LLM_TIERS]),
    startsAt: p.datetime(),
    status: p.enum([...CAMPAIGN_STATUSES]).default('DRAFT'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Campaign extends CampaignSchema.class {}
CampaignSchema.setClass(Campaign);
