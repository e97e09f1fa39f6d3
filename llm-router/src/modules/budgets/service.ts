import type { SQL } from 'bun';
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

/** A granted reservation: the amount held on each budget that existed when the call started. */
export interface Reservation {
  amountMicros: number;
  budgets: BudgetKey[];
}

/** The record of an admitted call written with its reservation (table `call_in_flight`). */
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
/** The granted budgets as the `reserved_budgets` of a call in flight. */
const BUDGETS_JSON = (rows: string, where = 'true') =>
  `(select coalesce(jsonb_agg(jsonb_build_object('scope', g.scope, 'scope_id', g.scope_id)), '[]'::jsonb) from ${rows} g where ${where})`;

/**
 * Reserve: one statement. It locks the call's budgets in key order (so concurrent reservations and settlements
 * never deadlock), checks every one of them against its limit, and adds the amount to all of them or to none.
 * The check reads the rows' latest committed values under the lock, so no two calls can both take the last
 * of a budget. Periods roll over as part of it. A granted call is recorded in `call_in_flight` by the same
 * statement (a top-up of a call already there adds to its amount), so the reservation and the record of the call
 * commit or vanish together.
 */
const RESERVE_SQL = (n: number) => {
  const amount = `$${2 * n + 1}::bigint`;
  const flight = `$${2 * n + 2}::jsonb`;
  const keys = n ? `values ${Array.from({ length: n }, (_, i) => `($${2 * i + 1}::text, $${2 * i + 2}::text)`).join(', ')}` : `select ''::text, ''::text where false`;
  return `
with keys(scope, scope_id) as (${keys}),
locked as (
  select b.scope, b.scope_id, b.limit_micros, b.reserved_micros, ${SPENT_NOW('b')} as spent_now
  from ${T} b join keys k on k.scope = b.scope and k.scope_id = b.scope_id
  order by b.scope, b.scope_id
  for update of b
),
verdict as (select coalesce(bool_and(l.spent_now + l.reserved_micros + ${amount} <= l.limit_micros), true) as ok from locked l),
granted as (
  update ${T} b
  set reserved_micros = b.reserved_micros + ${amount},
      spent_micros = ${SPENT_NOW('b')},
      period_start = ${PERIOD_START('b')},
      updated_at = now()
  from locked l, verdict v
  where v.ok and b.scope = l.scope and b.scope_id = l.scope_id
  returning b.scope, b.scope_id
),
flight as (
  insert into ${F} as f (id, instance_id, started_at, reserved_micros, reserved_budgets, call)
  select x.id, x.instance_id, x.started_at, ${amount}, ${BUDGETS_JSON('granted')}, x.call
  from jsonb_to_record(${flight}) as x(id uuid, instance_id uuid, started_at timestamptz, call jsonb), verdict v
  where v.ok
  on conflict (id) do update set reserved_micros = f.reserved_micros + excluded.reserved_micros
  returning f.id
)
select v.ok,
  (select coalesce(json_agg(json_build_array(g.scope, g.scope_id)), '[]'::json) from granted g) as granted,
  (select coalesce(json_agg(json_build_array(l.scope, l.scope_id, l.limit_micros, l.spent_now, l.reserved_micros)), '[]'::json)
     from locked l where l.spent_now + l.reserved_micros + ${amount} > l.limit_micros) as refused,
  (select count(*) from flight) as flights
from verdict v`;
};
/** One statement text per key count, built once: Bun.SQL prepares each text once per connection. */
const RESERVE = [0, 1, 2, 3].map(RESERVE_SQL);

/**
 * Reserve for many calls at once (calls that arrived while the previous reservation statement was running): one
 * statement and one commit, so concurrent calls on the same budgets share one row lock and one WAL flush instead of
 * queueing behind each other's. Input: one element per (call, budget key), calls numbered in arrival order, and one
 * flight per call. A call is granted when, on every budget it touches, spent + reserved + the amounts of the calls
 * up to and including it fit the limit. That counts every earlier call of the batch as granted, so it can only
 * refuse too much, never grant too much: a call refused here is tried again alone with RESERVE, which gives the
 * exact verdict.
 */
const RESERVE_BATCH = `
with req as (select * from jsonb_to_recordset($1::jsonb) as r(i int, scope text, scope_id text, amount bigint)),
locked as (
  select b.scope, b.scope_id, b.limit_micros, b.reserved_micros, ${SPENT_NOW('b')} as spent_now
  from ${T} b join (select distinct scope, scope_id from req) k on k.scope = b.scope and k.scope_id = b.scope_id
  order by b.scope, b.scope_id
  for update of b
),
run as (
  select r.i, r.scope, r.scope_id, r.amount,
    l.spent_now + l.reserved_micros + sum(r.amount) over (partition by r.scope, r.scope_id order by r.i) <= l.limit_micros as fits
  from req r join locked l on l.scope = r.scope and l.scope_id = r.scope_id
),
verdict as (select run.i, bool_and(run.fits) as ok from run group by run.i),
granted as (
  select run.i, run.scope, run.scope_id, run.amount from run join verdict v on v.i = run.i where v.ok
),
updated as (
  update ${T} b
  set reserved_micros = b.reserved_micros + g.amount,
      spent_micros = ${SPENT_NOW('b')},
      period_start = ${PERIOD_START('b')},
      updated_at = now()
  from (select scope, scope_id, sum(amount) as amount from granted group by scope, scope_id) g
  where b.scope = g.scope and b.scope_id = g.scope_id
  returning b.scope
),
flight as (
  insert into ${F} as f (id, instance_id, started_at, reserved_micros, reserved_budgets, call)
  select x.id, x.instance_id, x.started_at, x.amount, ${BUDGETS_JSON('granted', 'g.i = x.i')}, x.call
  from jsonb_to_recordset($2::jsonb) as x(i int, id uuid, instance_id uuid, started_at timestamptz, amount bigint, call jsonb)
  where not exists (select 1 from verdict v where v.i = x.i and not v.ok)
  on conflict (id) do update set reserved_micros = f.reserved_micros + excluded.reserved_micros
  returning f.id
)
select
  (select coalesce(json_agg(v.i), '[]'::json) from verdict v where not v.ok) as refused,
  (select coalesce(json_agg(json_build_array(g.i, g.scope, g.scope_id)), '[]'::json) from granted g) as granted,
  (select count(*) from updated) as updated,
  (select count(*) from flight) as flights`;

type Row = Record<string, unknown>;
const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; refused: Refusal[] };

interface PendingReservation {
  keys: BudgetKey[];
  amountMicros: number;
  flight: Flight;
  resolve: (result: ReserveResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Budgets in PostgreSQL. Reservations sit on the hot path of every call, so they go through Bun's native client
 * as prepared statements (one round trip, no ORM), batched under load; settlements are batched by the meter in the
 * statement that writes the ledger rows and usage events (metering/meter.ts).
 */
export function createBudgetService(db: SQL, options: { calls?: SQL; maxInFlight?: number } = {}) {
  const sql = (query: string, params: unknown[]) => db.unsafe(query, params) as Promise<Row[]>;
  // reservations run on the per-call pool (synchronous_commit=off: see RouterDeps.callsDb), budget admin on `db`
  const calls = options.calls ?? db;
  const reserveSql = (query: string, params: unknown[]) => calls.unsafe(query, params) as Promise<Row[]>;

  /** One call's reservation in its own statement: the exact verdict, with what refused it. */
  const reserveOne = async (keys: BudgetKey[], amountMicros: number, flight: Flight): Promise<ReserveResult> => {
    const params: unknown[] = [];
    for (const k of keys) params.push(k.scope, k.id);
    params.push(amountMicros, { id: flight.id, instance_id: flight.instanceId, started_at: flight.startedAt, call: flight.call });
    const [row] = await reserveSql(RESERVE[keys.length] ?? RESERVE_SQL(keys.length), params);
    if (row?.ok === true) {
      const granted = parseJson<Array<[BudgetScope, string]>>(row.granted);
      return { ok: true, reservation: { amountMicros, budgets: granted.map(([scope, id]) => ({ scope, id })) } };
    }
    const refused = parseJson<Array<[BudgetScope, string, unknown, unknown, unknown]>>(row?.refused ?? '[]');
    return {
      ok: false,
      refused: refused.map(([scope, id, limit, spent, reserved]) => ({
        scope,
        id,
        limitMicros: Number(limit),
        spentMicros: Number(spent),
        reservedMicros: Number(reserved),
      })),
    };
  };

  /** Many calls' reservations in one statement; the calls it refuses get their exact verdict from `reserveOne`. */
  const reserveMany = async (batch: PendingReservation[]): Promise<void> => {
    const input: Array<{ i: number; scope: string; scope_id: string; amount: number }> = [];
    const flights = batch.map((p, i) => {
      for (const k of p.keys) input.push({ i, scope: k.scope, scope_id: k.id, amount: p.amountMicros });
      return { i, id: p.flight.id, instance_id: p.flight.instanceId, started_at: p.flight.startedAt, amount: p.amountMicros, call: p.flight.call };
    });
    const [row] = await reserveSql(RESERVE_BATCH, [input, flights]);
    const refused = new Set(parseJson<number[]>(row?.refused ?? '[]'));
    const granted = batch.map((): BudgetKey[] => []);
    for (const [i, scope, id] of parseJson<Array<[number, BudgetScope, string]>>(row?.granted ?? '[]')) granted[i]!.push({ scope, id });
    const retries: Promise<void>[] = [];
    batch.forEach((p, i) => {
      if (!refused.has(i)) p.resolve({ ok: true, reservation: { amountMicros: p.amountMicros, budgets: granted[i]! } });
      else retries.push(reserveOne(p.keys, p.amountMicros, p.flight).then(p.resolve, p.reject));
    });
    await Promise.all(retries);
  };

  // At most `maxInFlight` (default 1) reservation statements at a time per process: calls arriving while one runs
  // wait and go together in the next one. Alone (the common case at low load) a call goes at once, in its own
  // statement. (More than one in flight measured slower: they only queue on each other's row locks.)
  const maxInFlight = options.maxInFlight ?? 1;
  let queue: PendingReservation[] = [];
  let inFlight = 0;
  const run = async (batch: PendingReservation[]) => {
    try {
      if (batch.length === 1) batch[0]!.resolve(await reserveOne(batch[0]!.keys, batch[0]!.amountMicros, batch[0]!.flight));
      else await reserveMany(batch);
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
    inFlight--;
    pump();
  };
  const pump = () => {
    while (queue.length && inFlight < maxInFlight) {
      const batch = queue;
      queue = [];
      inFlight++;
      void run(batch);
    }
  };

  return {
    /**
     * Reserves `amountMicros` on every existing budget of `keys` (all or none) and records the call as in flight
     * (a call already in flight, a fallback's top-up, has the amount added); `refused` lists the budgets that
     * cannot cover it. The statement commits without waiting for its WAL flush (the per-call pool): the row locks
     * are held only while it runs, and what it reserved is visible to every other call at once. It becomes
     * durable at the next WAL flush (the WAL writer's, within 3 × wal_writer_delay, or any synchronous commit, such
     * as the meter's after each batch). A PostgreSQL crash before that loses the reservation and the call's
     * in-flight row together: the meter then releases nothing for the call (exact accounting), and only that
     * call ran without a durable hold.
     */
    reserve(keys: BudgetKey[], amountMicros: number, flight: Flight): Promise<ReserveResult> {
      const { promise, resolve, reject } = Promise.withResolvers<ReserveResult>();
      queue.push({ keys, amountMicros, flight, resolve, reject });
      pump();
      return promise;
    },

    /** Creates or changes a budget's limit and period; spending and reservations so far are kept. */
    async put(key: BudgetKey, limitMicros: number, period: BudgetPeriod): Promise<BudgetView> {
      const [row] = await sql(
        `insert into ${T} as b (scope, scope_id, limit_micros, period, spent_micros, reserved_micros, period_start, updated_at)
         values ($1, $2, $3, $4, 0, 0, 'epoch'::timestamptz, now())
         on conflict (scope, scope_id) do update
         set limit_micros = excluded.limit_micros, period = excluded.period, updated_at = now()
         returning b.scope, b.scope_id, b.limit_micros, b.period, ${SPENT_NOW('b')} as spent_now, b.reserved_micros, ${PERIOD_START('b')} as current_start`,
        [key.scope, key.id, limitMicros, period],
      );
      return toView(row!);
    },

    async get(key: BudgetKey): Promise<BudgetView | null> {
      const [row] = await sql(
        `select b.scope, b.scope_id, b.limit_micros, b.period, ${SPENT_NOW('b')} as spent_now, b.reserved_micros, ${PERIOD_START('b')} as current_start
         from ${T} b where b.scope = $1 and b.scope_id = $2`,
        [key.scope, key.id],
      );
      return row ? toView(row) : null;
    },

    async remove(key: BudgetKey): Promise<boolean> {
      const rows = await sql(`delete from ${T} where scope = $1 and scope_id = $2 returning scope`, [key.scope, key.id]);
      return rows.length > 0;
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
