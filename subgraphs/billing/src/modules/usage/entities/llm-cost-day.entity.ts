import { defineEntity, p } from '@mikro-orm/core';

/** LLM cost per campaign and UTC day (campaignKey '' = calls made outside any campaign): finance's margin figures. */
export const LlmCostDaySchema = defineEntity({
  name: 'LlmCostDay',
  tableName: 'llm_cost_day',
  properties: {
    campaignKey: p.string().length(36).primary(),
    day: p.string().length(10).primary(),
    costMicros: p.bigint('number').default(0),
    calls: p.integer().default(0),
  },
});

export class LlmCostDay extends LlmCostDaySchema.class {}
LlmCostDaySchema.setClass(LlmCostDay);
