import { defineEntity, p } from '@mikro-orm/core';

/**
 * A call admitted and not yet written to the ledger: inserted right after its admission (batched, off the call's
 * path; the meter writes a call only after its row), deleted by the same transaction that writes its ledger row,
 * settles its budgets and queues its usage event. So a call that reached a provider is not forgotten: if the process
 * serving it dies, its row is still here (with what was reserved, on which budgets) and another process writes it to
 * the ledger (see metering/recovery.ts).
 * The table only ever holds calls in flight.
 */
export const CallInFlightSchema = defineEntity({
  name: 'CallInFlight',
  tableName: 'call_in_flight',
  properties: {
    id: p.uuid().primary(),
    /**
     * The router process serving it; it holds a session advisory lock on this id while alive. Not indexed: the
     * table only holds calls in flight (recovery scans it every 30 s), and every call inserts and deletes a row.
     */
    instanceId: p.uuid(),
    startedAt: p.datetime(),
    /** What is held on each of `reservedBudgets` (a fallback to a dearer model adds to it). */
    reservedMicros: p.bigint('number'),
    /** The budgets the reservation was granted on: `[{ scope, scope_id }]`. */
    reservedBudgets: p.json<Array<{ scope: string; scope_id: string }>>(),
    /** The ledger row to write if the process dies (attribution, model, price version). */
    call: p.json<Record<string, unknown>>(),
  },
});

export class CallInFlight extends CallInFlightSchema.class {}
CallInFlightSchema.setClass(CallInFlight);
