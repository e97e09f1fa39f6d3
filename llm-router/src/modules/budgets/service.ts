import type { SQL } from 'bun';
import type { Logger } from '@startales/kit';
import { LLM_TIERS, type LlmTier } from '@startales/contracts';
import { badRequest } from '../../errors.ts';

export const BUDGET_SCOPES = ['user', 'campaign', 'tier'] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];
export const BUDGET_PERIODS = ['day', 'week', 'month', 'total'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** One budget a call is charged against. */
export interface BudgetKey {
  scope: BudgetScope;
  id: string;
}

/**
 * A granted reservation: the amount held on each budget that existed when the call started, out of the leases of
 * router process `instanceId` (null when no budget applied).
 */
export interface Reservation {
  amountMicros: number;
  budgets: BudgetKey[];
  instanceId: string | null;
}

/** The record of an admitted call, written (asynchronously, batched) once it is admitted (table `call_in_flight`). */
export interface Flight {
  id: string;
  instanceId: string;
  startedAt: string;
  /** Enough to write the call's ledger row if the process dies: see metering/recovery.ts. */
  call: Record<string, unknown>;
}

export interface BudgetView {
  scope: BudgetScope;
  id: string;
  limitMicros: number;
  spentMicros: number;
  reservedMicros: number;
  period: BudgetPeriod;
  periodStart: string;
}

/** The budget that could not cover a call, as the 402 reports it. */
export interface Refusal {
  scope: BudgetScope;
  id: string;
  limitMicros: number;
  spentMicros: number;
  reservedMicros: number;
}

const T = 'llm_router.budget';
/** The start of the current period of row `b` (UTC). */
export const PERIOD_START = (b: string) =>
  `(case ${b}.period when 'day' then date_trunc('day', now(), 'UTC') when 'week' then date_trunc('week', now(), 'UTC') ` +
  `when 'month' then date_trunc('month', now(), 'UTC') else ${b}.period_start end)`;
/** `spent_micros` of row `b` in the current period (0 once the period has rolled over). */
export const SPENT_NOW = (b: string) => `(case when ${b}.period_start < ${PERIOD_START(b)} then 0 else ${b}.spent_micros end)`;

const F = 'llm_router.call_in_flight';
const L = 'llm_router.budget_lease';

/**
 * Resize this process's leases on some budgets, all or none: for each budget, `free` is the unused capacity the
 * process holds now (handed back by this statement), `need` what the waiting call needs free on it, `want` what the
 * process would like to hold free. Capacity available to this process is `limit - spent - (reserved - free)` (its
 * own free part counts as available). If every budget has `need` available, each lease's free part becomes
 * `least(want, greatest(need, available / 4))` (a quarter of what is left at most, so processes sharing a budget
 * keep some for each other, but never less than the call needs); otherwise nothing grows, and a free part larger than
 * what is now available shrinks to it (a lowered limit takes back capacity). Locks the budget rows in key order, as
 * the meter's settlement does; the lease rows after them. $1: [{scope, scope_id, free, need, want}], $2: instance.
 */
const RESIZE = `
with req as (select * from jsonb_to_recordset($1::jsonb) as r(scope text, scope_id text, free bigint, need bigint, want bigint)),
locked as (
  select b.scope, b.scope_id, b.limit_micros, b.reserved_micros, ${SPENT_NOW('b')} as spent_now
  from ${T} b join req k on k.scope = b.scope and k.scope_id = b.scope_id
  order by b.scope, b.scope_id
  for update of b
),
calc as (
  select r.scope, r.scope_id, r.free, r.need, r.want, l.limit_micros, l.spent_now, l.reserved_micros,
    l.limit_micros - l.spent_now - (l.reserved_micros - r.free) as avail
  from req r join locked l on l.scope = r.scope and l.scope_id = r.scope_id
),
verdict as (select coalesce(bool_and(c.avail >= c.need), true) as ok from calc c),
sized as (
  select c.*, case when v.ok then least(c.want, greatest(c.need, c.avail / 4)) else greatest(0, least(c.free, c.avail)) end as new_free
  from calc c, verdict v
),
updated as (
  update ${T} b
  set reserved_micros = b.reserved_micros + s.new_free - s.free,
      spent_micros = ${SPENT_NOW('b')},
      period_start = ${PERIOD_START('b')},
      updated_at = now()
  from sized s
  where b.scope = s.scope and b.scope_id = s.scope_id and s.new_free <> s.free
  returning b.scope
),
leased as (
  insert into ${L} as l (instance_id, scope, scope_id, amount_micros, updated_at)
  select $2::uuid, s.scope, s.scope_id, s.new_free - s.free, now() from sized s where s.new_free <> s.free
  on conflict (instance_id, scope, scope_id) do update set amount_micros = l.amount_micros + excluded.amount_micros, updated_at = now()
  returning l.scope
)
select v.ok,
  (select coalesce(json_agg(json_build_array(s.scope, s.scope_id, s.new_free, s.avail, s.need, s.limit_micros, s.spent_now, s.reserved_micros)), '[]'::json) from sized s) as sized,
  (select count(*) from updated) as updated,
  (select count(*) from leased) as leased
from verdict v`;

/** Records admitted calls (a fallback's top-up of a call already there adds to its amount). $1: the flights. */
const WRITE_FLIGHTS = `
insert into ${F} as f (id, instance_id, started_at, reserved_micros, reserved_budgets, call)
select x.id, x.instance_id, x.started_at, x.amount, x.budgets, x.call
from jsonb_to_recordset($1::jsonb) as x(id uuid, instance_id uuid, started_at timestamptz, amount bigint, budgets jsonb, call jsonb)
on conflict (id) do update set reserved_micros = f.reserved_micros + excluded.reserved_micros, reserved_budgets = excluded.reserved_budgets`;

type Row = Record<string, unknown>;
const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; refused: Refusal[] };

/** What this process knows of one budget: whether it exists, and its lease on it. */
interface Lease {
  key: BudgetKey;
  /** Whether the budget row existed when last looked at (`checkedAt`). */
  exists: boolean;
  /** The lease's amount as the database has it (capacity held on the budget row for this process). */
  leased: number;
  /** Held by this process's calls: reservations of calls in flight, costs of calls not yet settled. */
  committed: number;
  /** When the database was last asked (-Infinity: never); after `ttlMs` the next call asks again. */
  checkedAt: number;
  lastUse: number;
  /** A resize in flight: calls needing this budget wait for it. */
  pending?: Promise<void>;
}

const keyOf = (k: BudgetKey) => `${k.scope}\u0000${k.id}`;

export interface BudgetServiceOptions {
  /** The per-call pool (synchronous_commit=off): in-flight records. Default: `db`. */
  calls?: SQL;
  /** This process's id (leases and in-flight records carry it; recovery.ts). */
  instanceId?: string;
  logger?: Logger;
  /** A lease older than this is checked against the budget again by the next call that uses it (default 1000 ms). */
  ttlMs?: number;
  /** Free capacity of a budget no call of this process has used for this long is handed back (default 2000 ms). */
  idleMs?: number;
  /** A lease is sized for at least this many calls like the one that asked (default 16). */
  leaseCalls?: number;
}

/**
 * Budgets in PostgreSQL, reserved through per-process leases, so that a call's reservation needs no database round
 * trip. Each router process holds, per budget, a lease: capacity reserved on the budget row (`reserved_micros`
 * includes it; table `budget_lease` says which process holds what). A call reserves its maximum cost out of the
 * leases of all its budgets in memory, all or none; when a lease cannot cover it (or is older than `ttlMs`, or the
 * budget was never looked at) the process resizes its leases in one statement (RESIZE) that checks the budget rows
 * under lock, exactly as a per-call reservation would: the sum of every lease and every spend never passes a limit,
 * so no budget can be overrun, and a call is refused exactly when the capacity left cannot cover it.
 *
 * The meter settles a call's actual cost out of its lease (spent grows, the lease and reserved shrink by the cost)
 * and tells `settled`; unused capacity goes back when the budget is idle here (`idleMs`), when an admin reads or
 * changes the budget through this process, and at `close`. A process that dies leaves its leases and in-flight calls
 * behind; recovery.ts meters the calls (at their reserved maximum) and releases the leases.
 *
 * The in-flight record of each admitted call (what recovery needs to meter it should this process die) is written
 * right after admission, batched, off the call's path; the meter writes a batch only after the in-flight records
 * of its calls (`flightsWritten`).
 */
export function createBudgetService(db: SQL, options: BudgetServiceOptions = {}) {
  const sql = (query: string, params: unknown[]) => db.unsafe(query, params) as Promise<Row[]>;
  const calls = options.calls ?? db;
  const instanceId = options.instanceId ?? crypto.randomUUID();
  const ttlMs = options.ttlMs ?? 1_000;
  const idleMs = options.idleMs ?? 2_000;
  const leaseCalls = options.leaseCalls ?? 16;
  const leases = new Map<string, Lease>();
  const lease = (key: BudgetKey): Lease => {
    const k = keyOf(key);
    let l = leases.get(k);
    if (!l) leases.set(k, (l = { key, exists: false, leased: 0, committed: 0, checkedAt: -Infinity, lastUse: performance.now() }));
    return l;
  };

  // Statements that change this process's lease rows (resizes, the meter's settlements) run one at a time: the
  // meter locks lease rows before budget rows and a resize budget rows before lease rows, so the two must not overlap.
  let exclusiveTail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = exclusiveTail.then(fn, fn);
    exclusiveTail = run.catch(() => {});
    return run;
  };

  /**
   * Resizes the leases of `targets` (see RESIZE): `need` free on each, `want` (default: sized from the call and the
   * calls in flight) free at most; `want` 0 hands the free capacity back.
   */
  const resize = (targets: Lease[], need: number, want?: number, claim?: () => void): Promise<{ ok: boolean; refused: Refusal[] }> => {
    const done = Promise.withResolvers<void>();
    const handed = targets.map((l) => {
      const free = l.leased - l.committed;
      // handed back for the time of the statement: no call can take it meanwhile
      l.leased -= free;
      l.pending = done.promise;
      return free;
    });
    const input = targets.map((l, i) => ({
      scope: l.key.scope,
      scope_id: l.key.id,
      free: handed[i]!,
      need,
      want: want ?? Math.max(need * leaseCalls, 2 * l.committed + need),
    }));
    return exclusive(async () => {
      try {
        const [row] = await sql(RESIZE, [input, instanceId]);
        const sized = new Map(
          parseJson<Array<[BudgetScope, string, unknown, unknown, unknown, unknown, unknown, unknown]>>(row?.sized ?? '[]').map((r) => [`${r[0]}\u0000${r[1]}`, r]),
        );
        const now = performance.now();
        const refused: Refusal[] = [];
        for (const l of targets) {
          const r = sized.get(keyOf(l.key));
          l.checkedAt = now;
          l.exists = !!r;
          if (!r) continue;
          l.leased += Number(r[2]);
          if (Number(r[3]) < Number(r[4])) {
            refused.push({ scope: l.key.scope, id: l.key.id, limitMicros: Number(r[5]), spentMicros: Number(r[6]), reservedMicros: Number(r[7]) - Number(r[2]) });
          }
        }
        const ok = row?.ok === true;
        // the call that asked takes its share before the calls waiting on this resize wake up
        if (ok) claim?.();
        return { ok, refused };
      } catch (error) {
        targets.forEach((l, i) => (l.leased += handed[i]!));
        throw error;
      } finally {
        for (const l of targets) if (l.pending === done.promise) l.pending = undefined;
        done.resolve();
      }
    });
  };

  /* ---------- in-flight records: written right after admission, batched, off the call's path ---------- */
  let flightQueue = new Map<string, { flight: Flight; amount: number; budgets: BudgetKey[] }>();
  let flightWriting: Promise<void> | undefined;
  let flightFailures = 0;
  const writeFlights = async (): Promise<void> => {
    while (flightQueue.size) {
      const batch = [...flightQueue.values()];
      flightQueue = new Map();
      const rows = batch.map(({ flight, amount, budgets }) => ({
        id: flight.id,
        instance_id: flight.instanceId,
        started_at: flight.startedAt,
        amount,
        budgets: budgets.map((k) => ({ scope: k.scope, scope_id: k.id })),
        call: flight.call,
      }));
      try {
        await calls.unsafe(WRITE_FLIGHTS, [rows]);
        flightFailures = 0;
      } catch (error) {
        // kept for the next attempt (amounts of a call queued meanwhile add up)
        for (const b of batch) {
          const queued = flightQueue.get(b.flight.id);
          if (queued) queued.amount += b.amount;
          else flightQueue.set(b.flight.id, b);
        }
        flightFailures++;
        options.logger?.error('writing calls in flight failed; retrying', { calls: batch.length, error });
        await Bun.sleep(Math.min(5_000, 50 * 2 ** Math.min(flightFailures, 6)));
      }
    }
    flightWriting = undefined;
  };
  const recordFlight = (flight: Flight, amount: number, budgets: BudgetKey[]) => {
    const queued = flightQueue.get(flight.id);
    if (queued) queued.amount += amount;
    else flightQueue.set(flight.id, { flight, amount, budgets });
    flightWriting ??= new Promise<void>((resolve) => setImmediate(resolve)).then(writeFlights);
  };

  /* ---------- idle leases go back ---------- */
  const giveBack = async (targets: Lease[]) => {
    const idle = targets.filter((l) => l.exists && !l.pending && l.leased - l.committed !== 0);
    if (idle.length) await resize(idle, 0, 0);
  };
  const idleTimer = setInterval(() => {
    const now = performance.now();
    const idle = [...leases.values()].filter((l) => l.committed === 0 && now - l.lastUse >= idleMs);
    void giveBack(idle.filter((l) => l.leased !== 0))
      .then(() => {
        for (const l of idle) if (l.committed === 0 && l.leased === 0 && !l.pending && now - l.lastUse >= idleMs) leases.delete(keyOf(l.key));
      })
      .catch((error) => options.logger?.warn('handing back idle budget leases failed', { error }));
  }, Math.max(50, Math.min(idleMs, 1_000)));
  idleTimer.unref?.();

  return {
    instanceId,

    /**
     * Reserves `amountMicros` on every existing budget of `keys` (all or none) out of this process's leases, resizing
     * them when they cannot cover it; `refused` lists the budgets that cannot. A granted call's in-flight record is
     * queued (a fallback's top-up of the same flight adds to its amount).
     */
    async reserve(keys: BudgetKey[], amountMicros: number, flight: Flight): Promise<ReserveResult> {
      let held = keys.map(lease);
      let reservation: Reservation | undefined;
      /** Takes the amount out of every lease if they all cover it (no await between the check and the taking). */
      const take = (mine: Promise<void> | undefined) => {
        if (held.some((l) => (l.pending && l.pending !== mine) || (l.exists && l.leased - l.committed < amountMicros))) return;
        const now = performance.now();
        const granted: BudgetKey[] = [];
        for (const l of held) {
          l.lastUse = now;
          if (!l.exists) continue;
          l.committed += amountMicros;
          granted.push(l.key);
        }
        recordFlight(flight, amountMicros, granted);
        reservation = { amountMicros, budgets: granted, instanceId: granted.length ? instanceId : null };
      };
      for (;;) {
        // the leases as they are now (an idle one may have been dropped while this call waited)
        held = keys.map(lease);
        const waiting = held.filter((l) => l.pending);
        if (waiting.length) {
          await Promise.all(waiting.map((l) => l.pending));
          continue;
        }
        const now = performance.now();
        const short = held.filter((l) => now - l.checkedAt > ttlMs || (l.exists && l.leased - l.committed < amountMicros));
        if (short.length) {
          const verdict = await resize(short, amountMicros, undefined, () => take(short[0]!.pending));
          if (!verdict.ok) return { ok: false, refused: verdict.refused };
        } else take(undefined);
        if (reservation) return { ok: true, reservation };
      }
    },

    /** A call ended: its reservation becomes its cost, held until the meter has settled it (`settled`). */
    finish(reservation: Reservation, costMicros: number) {
      if (reservation.instanceId !== instanceId) return;
      const now = performance.now();
      for (const k of reservation.budgets) {
        const l = leases.get(keyOf(k));
        if (!l) continue;
        l.committed += costMicros - reservation.amountMicros;
        l.lastUse = now;
      }
    },

    /** The meter settled these calls' costs out of this process's leases (lease and reserved shrank by the cost). */
    settled(records: Array<{ reservation: Reservation | null; costMicros: number }>) {
      for (const r of records) {
        if (r.reservation?.instanceId !== instanceId) continue;
        for (const k of r.reservation.budgets) {
          const l = leases.get(keyOf(k));
          if (!l) continue;
          l.leased -= r.costMicros;
          l.committed -= r.costMicros;
        }
      }
    },

    /** Runs a statement that changes this process's lease rows, never beside a resize (the meter's settlement). */
    exclusive,

    /** Resolves once every in-flight record queued so far is written. */
    async flightsWritten(): Promise<void> {
      while (flightWriting) await flightWriting;
    },

    /** Hands back this process's unused capacity on `key` (its calls in flight keep theirs). */
    async shrink(key: BudgetKey): Promise<void> {
      const l = leases.get(keyOf(key));
      if (!l) return;
      if (l.pending) await l.pending;
      await giveBack([l]);
      // the next call looks at the budget again (a changed limit applies at once)
      l.checkedAt = -Infinity;
    },

    /** Creates or changes a budget's limit and period; spending and reservations so far are kept. */
    async put(key: BudgetKey, limitMicros: number, period: BudgetPeriod): Promise<BudgetView> {
      await this.shrink(key);
      const [row] = await sql(
        `insert into ${T} as b (scope, scope_id, limit_micros, period, spent_micros, reserved_micros, period_start, updated_at)
         values ($1, $2, $3, $4, 0, 0, 'epoch'::timestamptz, now())
         on conflict (scope, scope_id) do update
         set limit_micros = excluded.limit_micros, period = excluded.period, updated_at = now()
         returning b.scope, b.scope_id, b.limit_micros, b.period, ${SPENT_NOW('b')} as spent_now, b.reserved_micros, ${PERIOD_START('b')} as current_start`,
        [key.scope, key.id, limitMicros, period],
      );
      const l = leases.get(keyOf(key));
      if (l) l.checkedAt = -Infinity;
      return toView(row!);
    },

    /** The budget as the database has it, after this process handed back its unused capacity on it. */
    async get(key: BudgetKey): Promise<BudgetView | null> {
      await this.shrink(key);
      const [row] = await sql(
        `select b.scope, b.scope_id, b.limit_micros, b.period, ${SPENT_NOW('b')} as spent_now, b.reserved_micros, ${PERIOD_START('b')} as current_start
         from ${T} b where b.scope = $1 and b.scope_id = $2`,
        [key.scope, key.id],
      );
      return row ? toView(row) : null;
    },

    /** Deletes a budget and every lease on it; calls in flight on it settle their cost against nothing. */
    async remove(key: BudgetKey): Promise<boolean> {
      const l = leases.get(keyOf(key));
      if (l?.pending) await l.pending;
      const rows = await exclusive(() =>
        sql(`with gone as (delete from ${L} where scope = $1 and scope_id = $2) delete from ${T} where scope = $1 and scope_id = $2 returning scope`, [key.scope, key.id]),
      );
      if (l) {
        l.exists = false;
        l.leased = l.committed;
        l.checkedAt = -Infinity;
      }
      return rows.length > 0;
    },

    /** Stops the idle timer and hands back every lease (after the meter has written its last calls). */
    async close(): Promise<void> {
      clearInterval(idleTimer);
      await this.flightsWritten();
      const held = [...leases.values()];
      await Promise.all(held.map((l) => l.pending));
      await giveBack(held.filter((l) => l.committed === 0));
      await exclusive(() => sql(`delete from ${L} where instance_id = $1::uuid and amount_micros = 0`, [instanceId])).catch(() => {});
    },
  };
}
export type BudgetService = ReturnType<typeof createBudgetService>;

function toView(row: Row): BudgetView {
  const start = row.current_start instanceof Date ? row.current_start : new Date(String(row.current_start));
  return {
    scope: row.scope as BudgetScope,
    id: String(row.scope_id),
    limitMicros: Number(row.limit_micros),
    spentMicros: Number(row.spent_now),
    reservedMicros: Number(row.reserved_micros),
    period: row.period as BudgetPeriod,
    periodStart: start.toISOString(),
  };
}

/** Validates the `{scope}/{id}` of a budget path. */
export function budgetKey(scope: string, id: string): BudgetKey {
  if (!(BUDGET_SCOPES as readonly string[]).includes(scope)) throw badRequest(`budget scope must be one of ${BUDGET_SCOPES.join(', ')}`, 'scope');
  if (!/^[\w.:@-]{1,128}$/.test(id)) throw badRequest('budget id must be 1-128 letters, digits or ._:@-', 'id');
  if (scope === 'tier' && !LLM_TIERS.includes(id as LlmTier)) throw badRequest(`tier must be one of ${LLM_TIERS.join(', ')}`, 'id');
  return { scope: scope as BudgetScope, id };
}
