import type { SQL } from 'bun';
import { createEnvelope, type Logger, type OutboxRelay } from '@startales/kit';
import type { EventEnvelope } from '@startales/contracts';
import { LLM_USAGE_EVENT, usageSubject, type LlmProvider, type LlmPurpose, type LlmUsageData, type TokenUsage } from '@startales/contracts';
import { PERIOD_START, SPENT_NOW, type Reservation } from '../budgets/service.ts';

export type CallStatus = 'ok' | 'error' | 'aborted';

/** Everything the ledger, the usage event and the budget settlement need about one finished call. */
export interface CallRecord {
  id: string;
  startedAt: Date;
  durationMs: number;
  keyId: string;
  userId: string;
  campaignId: string | null;
  purpose: LlmPurpose;
  endpoint: 'chat' | 'messages' | 'images';
  stream: boolean;
  requestedModel: string;
  provider: LlmProvider;
  model: string;
  tier: string;
  status: CallStatus;
  usage: TokenUsage;
  usageEstimated: boolean;
  costMicros: number;
  reservation: Reservation | null;
  priceVersion: string;
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  /** Its usage event, built once (a batch written again carries the same event). */
  event?: ReturnType<typeof usageEvent>;
}

export const USAGE_ACTOR = 'service:llm-router';

const LEDGER_COLUMNS = `id, started_at, duration_ms, key_id, user_id, campaign_id, purpose, endpoint, stream,
  requested_model, provider, model, tier, status, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
  reasoning_tokens, images, usage_estimated, cost_micros, reserved_micros, price_version, attempts, error_code, error_message`;

/**
 * Writes a batch of finished calls in ONE statement (one transaction; see `write` for its durability):
 *  - deletes their `call_in_flight` rows (written after admission; see budgets/service.ts);
 *  - inserts their ledger rows; a call already in the ledger (written by recovery after its process was thought
 *    dead) conflicts and is skipped whole, so a call is written, settled and published exactly once;
 *  - settles every budget touched: the call's cost is added to what was spent and taken out of the lease it was
 *    reserved from (the lease row of `lease_instance`, and the budget's `reserved_micros` with it), locking the
 *    lease rows, then the budget rows in key order (as resizes and reservations do);
 *  - queues one usage event per written call in kit's transactional outbox (`outbox_event`, the table of
 *    `OutboxEvent`, exactly the rows `enqueueEvent` writes; kit's relay publishes them after commit).
 * A lease row that is gone (its process was taken for dead and its leases released) releases nothing: the budget
 * only records the spend. $1: the ledger rows (plus `budgets`, the call's reserved budgets, and `lease_instance`),
 * $2: the events.
 */
const WRITE_CALLS = `
with input as (
  select * from jsonb_to_recordset($1::jsonb) as t(id uuid, started_at timestamptz, duration_ms int, key_id text, user_id text,
    campaign_id text, purpose text, endpoint text, stream boolean, requested_model text, provider text, model text,
    tier text, status text, input_tokens int, cached_input_tokens int, cache_write_tokens int, output_tokens int,
    reasoning_tokens int, images int, usage_estimated boolean, cost_micros bigint, reserved_micros bigint,
    price_version text, attempts int, error_code text, error_message text, budgets jsonb, lease_instance uuid)
),
landed as (
  delete from llm_router.call_in_flight f using input i where f.id = i.id
  returning f.id
),
written as (
  insert into llm_router.ledger_entry (${LEDGER_COLUMNS})
  select ${LEDGER_COLUMNS} from input
  on conflict (id) do nothing
  returning id
),
settle as (
  select k.scope, k.scope_id, i.lease_instance, sum(i.cost_micros) as spent
  from written w join input i on i.id = w.id
  cross join lateral jsonb_to_recordset(i.budgets) as k(scope text, scope_id text)
  group by k.scope, k.scope_id, i.lease_instance
),
leases as (
  update llm_router.budget_lease l
  set amount_micros = l.amount_micros - s.spent, updated_at = now()
  from settle s
  where l.instance_id = s.lease_instance and l.scope = s.scope and l.scope_id = s.scope_id
  returning l.scope, l.scope_id, s.spent as released
),
totals as (
  select s.scope, s.scope_id, sum(s.spent) as spent,
    coalesce((select sum(r.released) from leases r where r.scope = s.scope and r.scope_id = s.scope_id), 0) as released
  from settle s group by s.scope, s.scope_id
),
locked as (
  select b.scope, b.scope_id from llm_router.budget b join totals t on t.scope = b.scope and t.scope_id = b.scope_id
  order by b.scope, b.scope_id
  for update of b
),
settled as (
  update llm_router.budget b
  set reserved_micros = b.reserved_micros - t.released,
      spent_micros = ${SPENT_NOW('b')} + t.spent,
      period_start = ${PERIOD_START('b')},
      updated_at = now()
  from totals t, locked l
  where b.scope = t.scope and b.scope_id = t.scope_id and l.scope = b.scope and l.scope_id = b.scope_id
  returning b.scope
),
queued as (
  insert into llm_router.outbox_event (id, subject, envelope, created_at, published_at, attempts)
  select e.id, e.subject, e.envelope, now(), null, 0
  from jsonb_to_recordset($2::jsonb) as e(call_id uuid, id uuid, subject text, envelope jsonb) join written w on w.id = e.call_id
  returning id
)
select (select count(*) from written)::int as written, (select count(*) from queued)::int as queued,
  (select count(*) from settled)::int as settled, (select count(*) from landed)::int as landed`;

/**
 * A transaction that writes WAL (a transactional logical message: no table, no lock) and commits synchronously:
 * when it returns, everything committed before it, by any session, is flushed.
 */
const FLUSH = `select pg_logical_emit_message(true, 'llm_router', 'meter')`;

/** Outbox rows of the usage events the meter published itself. */
const DELETE_PUBLISHED = `delete from llm_router.outbox_event where id = any($1::uuid[])`;

const ledgerRow = (r: CallRecord) => ({
  id: r.id,
  started_at: r.startedAt.toISOString(),
  duration_ms: r.durationMs,
  key_id: r.keyId,
  user_id: r.userId,
  campaign_id: r.campaignId,
  purpose: r.purpose,
  endpoint: r.endpoint,
  stream: r.stream,
  requested_model: r.requestedModel,
  provider: r.provider,
  model: r.model,
  tier: r.tier,
  status: r.status,
  input_tokens: r.usage.inputTokens,
  cached_input_tokens: r.usage.cachedInputTokens,
  cache_write_tokens: r.usage.cacheWriteTokens,
  output_tokens: r.usage.outputTokens,
  reasoning_tokens: r.usage.reasoningTokens,
  images: r.usage.images,
  usage_estimated: r.usageEstimated,
  cost_micros: r.costMicros,
  reserved_micros: r.reservation?.amountMicros ?? 0,
  price_version: r.priceVersion,
  attempts: r.attempts,
  error_code: r.errorCode,
  error_message: r.errorMessage?.slice(0, 500) ?? null,
  budgets: (r.reservation?.budgets ?? []).map((k) => ({ scope: k.scope, scope_id: k.id })),
  lease_instance: r.reservation?.instanceId ?? null,
});

const usageEvent = (r: CallRecord) => {
  const data: LlmUsageData = {
    callId: r.id,
    provider: r.provider,
    model: r.model,
    tier: r.tier,
    userId: r.userId,
    campaignId: r.campaignId,
    purpose: r.purpose,
    ...r.usage,
    costMicros: r.costMicros,
    priceVersion: r.priceVersion,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    durationMs: r.durationMs,
  };
  // the call's id is the event's id (JetStream's dedupe id): a call written again after a crash is one event
  const envelope = { ...createEnvelope(LLM_USAGE_EVENT, data, USAGE_ACTOR), id: r.id };
  return { call_id: r.id, id: envelope.id, subject: usageSubject(r.provider), envelope };
};

/**
 * Writes finished calls: ledger rows, their usage events (outbox) and the budget settlement, in one statement per
 * batch, so an event exists exactly when its ledger row does. Calls finishing while a batch is written form the next
 * batch: under load the database sees one statement per batch rather than several per call, and no response ever
 * waits for them. A failed batch is retried; its reservations stay held meanwhile, so budgets stay safe.
 *
 * Nothing metered is lost if the process dies meanwhile: every admitted call has been in `call_in_flight` since its
 * reservation (same transaction), and stays there until the transaction that writes its ledger row deletes it.
 * Calls left there by a dead process are written by another one (recovery.ts).
 */
export function createMeter(options: {
  /** Commits synchronously (the WAL flush that makes a batch durable). */
  db: SQL;
  /** The per-call pool (synchronous_commit=off; default `db`): see RouterDeps.callsDb. */
  calls?: SQL;
  outbox: Pick<OutboxRelay, 'kick'>;
  /**
   * Publishes a usage event (the bus). When given, the meter publishes each batch's events itself once the batch
   * is durable, and deletes their outbox rows: the relay (woken only if a publish failed, otherwise on its own
   * timer) is then only the safety net for events a crash left unpublished. Without it, the relay publishes all.
   */
  publish?: (subject: string, envelope: EventEnvelope) => Promise<unknown>;
  logger: Logger;
  /**
   * The budgets (budgets/service.ts): a batch is written after its calls' in-flight records, never beside a lease
   * resize, and the settled costs are taken out of the process's leases in memory too.
   */
  budgets?: {
    flightsWritten(): Promise<void>;
    exclusive<T>(fn: () => Promise<T>): Promise<T>;
    settled(records: CallRecord[]): void;
  };
  maxBatch?: number;
  /**
   * How long a first finished call waits for others to share its write (default 100 ms). Longer means fewer,
   * larger batches: fewer WAL flushes and fewer times the budget rows are locked under the reservations' feet. Calls
   * waiting here are safe: they are in `call_in_flight` (see recovery.ts).
   */
  flushDelayMs?: number;
  /**
   * The outbox relay is woken at most this often (default 100 ms): it publishes what is pending in one pass, so
   * waking it less often costs it less per event; usage events are for billing and analytics, not for callers.
   */
  kickIntervalMs?: number;
}) {
  const maxBatch = options.maxBatch ?? 500;
  let calls = options.calls ?? options.db;
  const flushDelayMs = options.flushDelayMs ?? 100;
  const kickIntervalMs = options.kickIntervalMs ?? 100;
  let kickTimer: ReturnType<typeof setTimeout> | undefined;
  const kick = () => {
    kickTimer ??= setTimeout(() => {
      kickTimer = undefined;
      options.outbox.kick();
    }, kickIntervalMs);
  };
  let queue: CallRecord[] = [];
  let running: Promise<void> | undefined;
  let failures = 0;
  const idleWaiters: Array<() => void> = [];

  const write = async (batch: CallRecord[]) => {
    // Bun's client sends an object parameter as JSON. On the per-call pool the statement commits without waiting
    // for its WAL flush, so the budget rows it locks are not held through an fsync (reservations queue on them).
    const rows = batch.map(ledgerRow);
    const events = batch.map((r) => (r.event ??= usageEvent(r)));
    const budgets = options.budgets;
    if (budgets) {
      await budgets.flightsWritten();
      await budgets.exclusive(async () => {
        await calls.unsafe(WRITE_CALLS, [rows, events]);
        budgets.settled(batch);
      });
    } else await calls.unsafe(WRITE_CALLS, [rows, events]);
    // ...and the batch counts as written only once a synchronous commit after it has flushed the WAL (which holds
    // it). Should PostgreSQL crash in between and lose it, this fails, the batch stays queued and is written again:
    // the same ledger ids and event ids, so nothing is lost and nothing is counted twice.
    if (calls !== options.db) {
      try {
        await options.db.unsafe(FLUSH);
      } catch (error) {
        const code = (error as { errno?: string }).errno;
        // not allowed or not there (42501, 42883): from now on the batches commit synchronously instead; this one is
        // flushed by the WAL writer within 3 × wal_writer_delay
        if (code === '42501' || code === '42883') {
          options.logger.warn('cannot flush the WAL explicitly: metering batches now commit synchronously', { error });
          calls = options.db;
        } else throw error;
      }
    }
    if (!options.publish) return kick();
    // publishes are pipelined on one connection; the relay may race us to a row and publish it too: same event
    // id, so JetStream keeps one
    const results = await Promise.allSettled(events.map((e) => options.publish!(e.subject, e.envelope as EventEnvelope)));
    const published = events.filter((_, i) => results[i]!.status === 'fulfilled').map((e) => e.id);
    if (published.length < events.length) kick();
    // a lost delete (crash) only means the relay publishes the event again, deduplicated
    if (published.length) await calls.unsafe(DELETE_PUBLISHED, [published]).catch(() => kick());
  };

  const drain = async () => {
    while (queue.length) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      try {
        await write(batch);
        failures = 0;
      } catch (error) {
        queue = batch.concat(queue);
        failures += 1;
        options.logger.error('metering write failed; retrying', { calls: batch.length, error });
        await Bun.sleep(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
    running = undefined;
    for (const resolve of idleWaiters.splice(0)) resolve();
  };

  return {
    /** Queues a finished call; written shortly after, with whatever else finished meanwhile. */
    record(r: CallRecord) {
      queue.push(r);
      running ??= (flushDelayMs > 0 ? Bun.sleep(flushDelayMs) : Promise.resolve()).then(drain);
    },
    /** Resolves once every recorded call is written. */
    idle(): Promise<void> {
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    /** Calls recorded but not written yet. */
    get pending() {
      return queue.length;
    },
    /** Writes what is queued (shutdown), giving up after `timeoutMs`. */
    async close(timeoutMs = 10_000) {
      const done = await Promise.race([this.idle().then(() => true), Bun.sleep(timeoutMs).then(() => false)]);
      if (!done) options.logger.error('metering not flushed at shutdown', { calls: queue.length });
      if (kickTimer) clearTimeout(kickTimer);
      kickTimer = undefined;
    },
  };
}
export type Meter = ReturnType<typeof createMeter>;
