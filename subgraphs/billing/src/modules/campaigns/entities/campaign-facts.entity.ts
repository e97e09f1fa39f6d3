import { defineEntity, p } from '@mikro-orm/core';
import { LLM_TIERS } from '@startales/contracts';

/** What billing knows of a campaign (from `domain.campaigns.*`): enough to price a seat and its LLM allowance. */
export const CampaignFactsSchema = defineEntity({
  name: 'CampaignFacts',
  tableName: 'campaign_facts',
  properties: {
    campaignId: p.uuid().primary(),
    ownerId: p.uuid(),
    llmTier: p.enum([...LLM_TIERS]),
    lengthWeeks: p.integer(),
    maxPlayers: p.integer(),
    /** Null until campaigns publishes it (seats cannot be priced before). */
    playHoursPerWeek: p.integer().nullable(),
    updatedAt: p.datetime(),
  },
});

export class CampaignFacts extends CampaignFactsSchema.class {}
CampaignFactsSchema.setClass(CampaignFacts);
