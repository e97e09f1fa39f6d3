import type { SQL } from 'bun';
import type { Logger } from '@startales/kit';
import type { LlmProvider, LlmPurpose } from '@startales/contracts';
import { emptyUsage } from '../../pricing/cost.ts';
import type { BudgetScope } from '../budgets/service.ts';
import type { CallRecord, Meter } from './meter.ts';

/** Namespace of the router's advisory locks (the other key is hashtext(instance id)). */
export const INSTANCE_LOCK_NS = 0x4c4c4d52;

type Row = Record<string, unknown>;
const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** Deletes a dead process's leases and takes what they held off the budgets' reservations (budget rows in key order). */
const RELEASE_LEASES = `
with gone as (delete from llm_router.budget_lease where instance_id = $1::uuid returning scope, scope_id, amount_micros),
totals as (select scope, scope_id, sum(amount_micros) as amount from gone group by scope, scope_id),
locked as (
  select b.scope, b.scope_id from llm_router.budget b join totals t on t.scope = b.scope and t.scope_id = b.scope_id
  order by b.scope, b.scope_id for update of b
),
released as (
  update llm_router.budget b set reserved_micros = b.reserved_micros - t.amount, updated_at = now()
  from totals t, locked l where b.scope = t.scope and b.scope_id = t.scope_id and l.scope = b.scope and l.scope_id = b.scope_id
  returning b.scope
)
select (select count(*) from gone)::int as leases, (select count(*) from released)::int as budgets`;

/** The ledger record of a call whose process died before metering it: the reserved maximum is charged. */
export function lostCall(row: Row): CallRecord {
  const call = parseJson<Record<string, unknown>>(row.call);
  const startedAt = row.started_at instanceof Date ? row.started_at : new Date(String(row.started_at));
  const reserved = Number(row.reserved_micros);
  const budgets = parseJson<Array<{ scope: BudgetScope; scope_id: string }>>(row.reserved_budgets);
  return {
    id: String(row.id),
    startedAt,
    durationMs: Math.max(0, Date.now() - startedAt.getTime()),
    keyId: String(call.keyId),
    userId: String(call.userId),
    campaignId: (call.campaignId as string | null) ?? null,
    purpose: call.purpose as LlmPurpose,
    endpoint: call.endpoint as CallRecord['endpoint'],
    stream: call.stream === true,
    requestedModel: String(call.requestedModel),
    provider: call.provider as LlmProvider,
    model: String(call.model),
    tier: String(call.tier),
    status: 'error',
    usage: emptyUsage(),
    usageEstimated: true,
    // what the provider will bill is unknown: the most it could be (what was reserved) is charged
    costMicros: reserved,
    // reserved out of the dead process's leases: settled out of them, before recovery releases what is left
    reservation: { amountMicros: reserved, budgets: budgets.map((b) => ({ scope: b.scope, id: b.scope_id })), instanceId: String(row.instance_id) },
    priceVersion: String(call.priceVersion),
    attempts: 0,
    errorCode: 'router_lost',
    errorMessage: 'the router process serving this call stopped before metering it: the reserved maximum is charged',
  };
}

/**
 * Meters the calls of router processes that died mid-call, then releases their budget leases. Each process holds a session advisory lock on its own
 * instance id for as long as it lives (on a connection of its own); calls in `call_in_flight` whose instance's
 * lock can be taken belong to a process that is gone (or lost its database session): they are written to the
 * ledger by the meter (which settles their budgets and queues their usage events) and removed from the table.
 * If that process was in fact alive, its own write of the call later conflicts on the ledger id and is skipped:
 * each call is written, settled and published once.
 */
export async function startRecovery(options: { db: SQL; meter: Meter; instanceId: string; logger: Logger; intervalMs?: number }) {
  const { db, meter, instanceId, logger } = options;
  let lock: Awaited<ReturnType<SQL['reserve']>> | undefined;
  const holdLock = async () => {
    if (lock) {
      try {
        await lock.unsafe('select 1');
        return;
      } catch {
        // the session (and with it the lock) is gone: take a new one
        lock.release();
        lock = undefined;
      }
    }
    lock = await db.reserve();
    await lock.unsafe('select pg_advisory_lock($1, hashtext($2))', [INSTANCE_LOCK_NS, instanceId]);
  };

  const recover = async (instance: string): Promise<number> => {
    const conn = await db.reserve();
    try {
      const [row] = (await conn.unsafe('select pg_try_advisory_lock($1, hashtext($2)) as ok', [INSTANCE_LOCK_NS, instance])) as Row[];
      if (row?.ok !== true) return 0;
      try {
        const calls = (await conn.unsafe(
          'select id::text as id, instance_id::text as instance_id, started_at, reserved_micros, reserved_budgets, call from llm_router.call_in_flight where instance_id = $1::uuid',
          [instance],
        )) as Row[];
        for (const call of calls) meter.record(lostCall(call));
        await meter.idle();
        // then what its leases still hold goes back to the budgets
        const [released] = (await conn.unsafe(RELEASE_LEASES, [instance])) as Row[];
        if (calls.length) logger.warn('metered the calls of a router process that stopped mid-call', { instance, calls: calls.length });
        if (Number(released?.leases ?? 0)) logger.info('released the budget leases of a router process that stopped', { instance, leases: Number(released!.leases) });
        return calls.length;
      } finally {
        await conn.unsafe('select pg_advisory_unlock($1, hashtext($2))', [INSTANCE_LOCK_NS, instance]);
      }
    } finally {
      conn.release();
    }
  };

  let running: Promise<number> | undefined;
  const sweep = () =>
    (running ??= (async () => {
      await holdLock();
      const rows = (await db.unsafe(
        `select instance_id::text as instance from llm_router.call_in_flight where instance_id <> $1::uuid
         union select instance_id::text from llm_router.budget_lease where instance_id <> $1::uuid`,
        [instanceId],
      )) as Row[];
      let total = 0;
      for (const { instance } of rows) total += await recover(String(instance));
      return total;
    })().finally(() => {
      running = undefined;
    }));

  await holdLock();
  const timer = setInterval(() => void sweep().catch((error) => logger.warn('recovery sweep failed', { error })), options.intervalMs ?? 30_000);
  void sweep().catch((error) => logger.warn('recovery sweep failed', { error }));

  return {
    /** Meters the calls left by dead processes now; resolves to how many. */
    sweep,
    /** Stops sweeping and lets go of this process's lock (after the meter wrote its last calls). */
    async stop() {
      clearInterval(timer);
      await running?.catch(() => 0);
      if (lock) {
        await lock.unsafe('select pg_advisory_unlock($1, hashtext($2))', [INSTANCE_LOCK_NS, instanceId]).catch(() => {});
        lock.release();
        lock = undefined;
      }
    },
  };
}
export type Recovery = Awaited<ReturnType<typeof startRecovery>>;
