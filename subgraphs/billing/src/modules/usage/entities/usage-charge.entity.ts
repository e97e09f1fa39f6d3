import { defineEntity, p } from '@mikro-orm/core';

export const USAGE_CHARGE_STATUSES = ['PENDING', 'REPORTED', 'FAILED'] as const;
export type UsageChargeStatus = (typeof USAGE_CHARGE_STATUSES)[number];

/**
 * LLM spend above a campaign's allowance from one usage event, billed to the user the call was made for. Its id is
 * the usage event's id and the Stripe meter event's `identifier`, so neither a replay of the USAGE stream nor a
 * re-sent meter event can bill it twice.
 */
export const UsageChargeSchema = defineEntity({
  name: 'UsageCharge',
  tableName: 'usage_charge',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    campaignId: p.uuid().index(),
    callId: p.string().length(100),
    costMicros: p.bigint('number'),
    overageMicros: p.bigint('number'),
    priceBook: p.string().length(64),
    status: p.enum([...USAGE_CHARGE_STATUSES]).default('PENDING').index(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    occurredAt: p.datetime(),
    reportedAt: p.datetime().nullable(),
  },
});

export class UsageCharge extends UsageChargeSchema.class {}
UsageChargeSchema.setClass(UsageCharge);
