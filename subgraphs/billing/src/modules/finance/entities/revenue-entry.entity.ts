import { defineEntity, p } from '@mikro-orm/core';

export const REVENUE_PLANS = ['SEAT', 'ADVENTURER', 'HERO', 'ADVANCED_AI', 'PRIORITY_SCHEDULING', 'LLM_USAGE', 'OTHER'] as const;
export type RevenuePlan = (typeof REVENUE_PLANS)[number];
export const REVENUE_KINDS = ['PAYMENT', 'INVOICE_LINE', 'REFUND', 'REFUND_REVERSAL', 'DISPUTE_LOST'] as const;
export type RevenueKind = (typeof REVENUE_KINDS)[number];

/**
 * The revenue ledger: one signed row per money fact (a paid seat, a paid invoice line, a refund, a lost dispute).
 * `sourceId` names the fact (e.g. `pi_…`, `in_…:il_…`, `re_…`), unique, so a fact is never counted twice.
 */
export const RevenueEntrySchema = defineEntity({
  name: 'RevenueEntry',
  tableName: 'revenue_entry',
  properties: {
    id: p.uuid().primary(),
    sourceId: p.string().length(300).unique(),
    kind: p.enum([...REVENUE_KINDS]),
    plan: p.enum([...REVENUE_PLANS]),
    userId: p.uuid(),
    campaignId: p.uuid().nullable().index(),
    amountCents: p.integer(),
    currency: p.string().length(3),
    occurredAt: p.datetime().index(),
  },
});

export class RevenueEntry extends RevenueEntrySchema.class {}
RevenueEntrySchema.setClass(RevenueEntry);
