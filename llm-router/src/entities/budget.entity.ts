import { defineEntity, p } from '@mikro-orm/core';

/**
 * A spending limit for a user, a campaign or a tier, per period. Router processes hold capacity on it in leases
 * (`reservedMicros` is their sum: see BudgetLease), out of which calls reserve their maximum cost before running; the
 * actual cost is settled into `spentMicros` after. Leases only grow by a conditional statement over the locked row,
 * so `spent + reserved` never passes `limit`. When a new period starts,
 * `spentMicros` restarts at 0 (reservations in flight carry over).
 */
export const BudgetSchema = defineEntity({
  name: 'Budget',
  tableName: 'budget',
  properties: {
    /** `user`, `campaign` or `tier`. */
    scope: p.string().length(16).primary(),
    scopeId: p.string().length(128).primary(),
    limitMicros: p.bigint('number'),
    /** `day`, `week`, `month` (UTC) or `total`. */
    period: p.string().length(8),
    spentMicros: p.bigint('number'),
    reservedMicros: p.bigint('number'),
    /** Start of the period `spentMicros` belongs to. */
    periodStart: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export class Budget extends BudgetSchema.class {}
BudgetSchema.setClass(Budget);
