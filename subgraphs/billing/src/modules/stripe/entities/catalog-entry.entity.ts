import { defineEntity, p } from '@mikro-orm/core';

/** Stripe objects the price books map to (products, prices, the usage meter), by their lookup key. */
export const CatalogEntrySchema = defineEntity({
  name: 'CatalogEntry',
  tableName: 'stripe_catalog',
  properties: {
    /** e.g. `2026-11-seed:plan:HERO:MONTH`, `2026-11-seed:usage`, `meter:startales_llm_overage`. */
    lookupKey: p.string().length(200).primary(),
    stripeId: p.string().length(255).unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class CatalogEntry extends CatalogEntrySchema.class {}
CatalogEntrySchema.setClass(CatalogEntry);
