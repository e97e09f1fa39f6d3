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
const PERIOD_START = (b: string) =>
  `(case ${b}.period when 'day' then date_trunc('day', now(), 'UTC') when 'week' then date_trunc('week', now(), 'UTC') ` +
  `when 'month' then date_trunc('month', now(), 'UTC') else ${b}.period_start end)`;
/** `spent_micros` of row `b` in the current period (0 once the period has rolled over). */
const SPENT_NOW = (b: string) => `(case when ${b}.period_start < ${PERIOD_START(b)} then 0 else ${b}.spent_micros end)`;

/**
 * Reserve: one statement. It locks the call's budgets in key order (so concurrent reservations and settlements
 * never deadlock), checks every one of them against its limit, and adds the amount to all of them or to none.
 * The check reads the rows' latest committed values under the lock, so no two calls can both take the last
 * of a budget. Periods roll over as part of it.
 */
const RESERVE_SQL = (n: number) => `
with keys(scope, scope_id) as (values ${Array.from({ length: n }, (_, i) => `($${2 * i + 1}::text, $${2 * i + 2}::text)`).join(', ')}),
locked as (
  select b.scope, b.scope_id, b.limit_micros, b.reserved_micros, ${SPENT_NOW('b')} as spent_now
  from ${T} b join keys k on k.scope = b.scope and k.scope_id = b.scope_id
  order by b.scope, b.scope_id
  for update of b
),
verdict as (select coalesce(bool_and(l.spent_now + l.reserved_micros + $${2 * n + 1}::bigint <= l.limit_micros), true) as ok from locked l),
granted as (
  update ${T} b
  set reserved_micros = b.reserved_micros + $${2 * n + 1}::bigint,
      spent_micros = ${SPENT_NOW('b')},
      period_start = ${PERIOD_START('b')},
      updated_at = now()
  from locked l, verdict v
  where v.ok and b.scope = l.scope and b.scope_id = l.scope_id
  returning b.scope, b.scope_id
)
select v.ok,
  (select coalesce(json_agg(json_build_array(g.scope, g.scope_id)), '[]'::json) from granted g) as granted,
  (select coalesce(json_agg(json_build_array(l.scope, l.scope_id, l.limit_micros, l.spent_now, l.reserved_micros)), '[]'::json)
     from locked l where l.spent_now + l.reserved_micros + $${2 * n + 1}::bigint > l.limit_micros) as refused
from verdict v`;
/** One statement text per key count, built once: Bun.SQL prepares each text once per connection. */
const RESERVE = [1, 2, 3].map(RESERVE_SQL);

/**
 * Settle: one statement for any number of finished calls (a JSON array of `{ scope, scope_id, released, spent }`,
 * one element per budget). Each budget gives back what was reserved and adds what was spent; rows are locked in
 * the same key order as reservations.
 */
const SETTLE_SQL = `
with v as (select * from jsonb_to_recordset($1::jsonb) as t(scope text, scope_id text, released bigint, spent bigint)),
locked as (
  select b.scope, b.scope_id from ${T} b join v on v.scope = b.scope and v.scope_id = b.scope_id
  order by b.scope, b.scope_id
  for update of b
)
update ${T} b
set reserved_micros = b.reserved_micros - v.released,
    spent_micros = ${SPENT_NOW('b')} + v.spent,
    period_start = ${PERIOD_START('b')},
    updated_at = now()
from v, locked l
where b.scope = v.scope and b.scope_id = v.scope_id and l.scope = b.scope and l.scope_id = b.scope_id`;

/** Something that runs a statement: the pool, or a transaction of it. */
export type Sql = Pick<SQL, 'unsafe'>;

type Row = Record<string, unknown>;
const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** Settlement of one budget: the reservation released and the actual cost spent. */
export interface Settlement {
  key: BudgetKey;
  releasedMicros: number;
  spentMicros: number;
}

/**
 * Budgets in PostgreSQL. Reservations sit on the hot path of every call, so they go through Bun's native client
 * as prepared statements (one round trip, no ORM); settlements are batched by the meter inside its own
 * transaction, together with the ledger rows and usage events.
 */
export function createBudgetService(db: SQL) {
  const sql = (query: string, params: unknown[]) => db.unsafe(query, params) as Promise<Row[]>;
  return {
    /** Reserves `amountMicros` on every existing budget of `keys` (all or none); `refused` lists those that cannot. */
    async reserve(keys: BudgetKey[], amountMicros: number): Promise<{ ok: true; reservation: Reservation } | { ok: false; refused: Refusal[] }> {
      if (keys.length === 0) return { ok: true, reservation: { amountMicros, budgets: [] } };
      const params: unknown[] = [];
      for (const k of keys) params.push(k.scope, k.id);
      params.push(amountMicros);
      const [row] = await sql(RESERVE[keys.length - 1] ?? RESERVE_SQL(keys.length), params);
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
    },

    /** Settles many calls in one statement, inside the caller's transaction (`tx`). */
    async settle(settlements: Settlement[], tx: Sql): Promise<void> {
      // one element per budget: an UPDATE … FROM may not update a row twice
      const merged = new Map<string, { scope: string; scope_id: string; released: number; spent: number }>();
      for (const s of settlements) {
        const id = `${s.key.scope}\u0000${s.key.id}`;
        const m = merged.get(id);
        if (m) {
          m.released += s.releasedMicros;
          m.spent += s.spentMicros;
        } else merged.set(id, { scope: s.key.scope, scope_id: s.key.id, released: s.releasedMicros, spent: s.spentMicros });
      }
      // Bun's client sends an object parameter as JSON
      if (merged.size) await tx.unsafe(SETTLE_SQL, [[...merged.values()]]);
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
