import type { SQL } from 'bun';
import { createEnvelope, type Logger, type OutboxRelay } from '@startales/kit';
import { LLM_USAGE_EVENT, usageSubject, type LlmProvider, type LlmPurpose, type LlmUsageData, type TokenUsage } from '@startales/contracts';
import type { BudgetService, Reservation, Settlement } from '../budgets/service.ts';

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
}

export const USAGE_ACTOR = 'service:llm-router';

/** A batch of ledger rows from one JSON parameter: one statement text whatever the batch size. */
const INSERT_LEDGER = `
insert into llm_router.ledger_entry (id, started_at, duration_ms, key_id, user_id, campaign_id, purpose, endpoint, stream,
  requested_model, provider, model, tier, status, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
  reasoning_tokens, images, usage_estimated, cost_micros, reserved_micros, price_version, attempts, error_code, error_message)
select id, started_at, duration_ms, key_id, user_id, campaign_id, purpose, endpoint, stream,
  requested_model, provider, model, tier, status, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
  reasoning_tokens, images, usage_estimated, cost_micros, reserved_micros, price_version, attempts, error_code, error_message
from jsonb_to_recordset($1::jsonb) as t(id uuid, started_at timestamptz, duration_ms int, key_id text, user_id text,
  campaign_id text, purpose text, endpoint text, stream boolean, requested_model text, provider text, model text,
  tier text, status text, input_tokens int, cached_input_tokens int, cache_write_tokens int, output_tokens int,
  reasoning_tokens int, images int, usage_estimated boolean, cost_micros bigint, reserved_micros bigint,
  price_version text, attempts int, error_code text, error_message text)`;

/**
 * Usage events into kit's transactional outbox (`outbox_event`, the table of `OutboxEvent`), exactly the rows
 * `enqueueEvent` writes: id = envelope id (the JetStream dedupe id), the un-namespaced subject, the envelope.
 * Kit's relay publishes them after commit.
 */
const INSERT_OUTBOX = `
insert into llm_router.outbox_event (id, subject, envelope, created_at, published_at, attempts)
select id, subject, envelope, now(), null, 0
from jsonb_to_recordset($1::jsonb) as t(id uuid, subject text, envelope jsonb)`;

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
  const envelope = createEnvelope(LLM_USAGE_EVENT, data, USAGE_ACTOR);
  return { id: envelope.id, subject: usageSubject(r.provider), envelope };
};

/**
 * Writes finished calls: ledger rows, their usage events (outbox) and the budget settlement, in one transaction
 * per batch, so an event exists exactly when its ledger row does. Calls finishing while a batch is written form
 * the next batch: under load the database sees a handful of statements per batch rather than per call, and no response
 * ever waits for them. A failed batch is retried; its reservations stay held meanwhile, so budgets stay safe.
 */
export function createMeter(options: {
  db: SQL;
  budgets: BudgetService;
  outbox: Pick<OutboxRelay, 'kick'>;
  logger: Logger;
  maxBatch?: number;
  /** How long a first finished call waits for others to share its write (default 5 ms). */
  flushDelayMs?: number;
  /**
   * The outbox relay is woken at most this often (default 100 ms): it publishes what is pending in one pass, so
   * waking it less often costs it less per event; usage events are for billing and analytics, not for callers.
   */
  kickIntervalMs?: number;
}) {
  const maxBatch = options.maxBatch ?? 500;
  const flushDelayMs = options.flushDelayMs ?? 5;
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
    const settlements: Settlement[] = [];
    for (const r of batch) {
      for (const key of r.reservation?.budgets ?? []) {
        settlements.push({ key, releasedMicros: r.reservation!.amountMicros, spentMicros: r.costMicros });
      }
    }
    // Bun's client sends an object parameter as JSON
    const ledger = batch.map(ledgerRow);
    const events = batch.map(usageEvent);
    await options.db.begin(async (tx) => {
      await options.budgets.settle(settlements, tx);
      await tx.unsafe(INSERT_LEDGER, [ledger]);
      await tx.unsafe(INSERT_OUTBOX, [events]);
    });
    kick();
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
