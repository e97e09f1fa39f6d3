import { defineEntity, p } from '@mikro-orm/core';

/** Running LLM spend of one campaign against what it includes (micro-dollars). */
export const CampaignUsageSchema = defineEntity({
  name: 'CampaignUsage',
  tableName: 'campaign_usage',
  properties: {
    campaignId: p.uuid().primary(),
    spentMicros: p.bigint('number').default(0),
    /** Spend beyond the allowance that was turned into usage charges. */
    chargedMicros: p.bigint('number').default(0),
    calls: p.integer().default(0),
    updatedAt: p.datetime(),
  },
});

export class CampaignUsage extends CampaignUsageSchema.class {}
CampaignUsageSchema.setClass(CampaignUsage);
