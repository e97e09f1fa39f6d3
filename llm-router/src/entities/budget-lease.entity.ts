import { defineEntity, p } from '@mikro-orm/core';

/**
 * Budget capacity a router process holds (a lease): reserved on the budget row (`reserved_micros` includes every
 * lease) and handed out by that process to its calls without a database round trip. The process's calls reserve
 * their maximum cost from the lease in memory; each call's actual cost is settled out of the lease by the meter
 * (the lease shrinks by it, the budget's `spent_micros` grows by it); unused capacity goes back when the budget is
 * idle on that process, when the lease is older than its time to live, when an admin reads or changes the budget,
 * and at shutdown. A process that dies leaves its leases here: recovery (metering/recovery.ts) releases them once its
 * lost calls are metered. See modules/budgets/service.ts.
 */
export const BudgetLeaseSchema = defineEntity({
  name: 'BudgetLease',
  tableName: 'budget_lease',
  properties: {
    /** The router process holding it (the id of its advisory lock: recovery.ts). */
    instanceId: p.uuid().primary(),
    scope: p.string().length(16).primary(),
    scopeId: p.string().length(128).primary(),
    /** What this lease holds on the budget row's `reserved_micros`. */
    amountMicros: p.bigint('number'),
    updatedAt: p.datetime(),
  },
});

export class BudgetLease extends BudgetLeaseSchema.class {}
BudgetLeaseSchema.setClass(BudgetLease);
