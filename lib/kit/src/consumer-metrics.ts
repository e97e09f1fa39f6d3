import type { JsMsg } from '@nats-io/jetstream';
import { metrics } from './metrics.ts';
import { SpanKind, extractContext, recordSpan, withSpan } from './tracing.ts';

const consumed = metrics.counter('events_consumed_total', 'Events a consumer finished with, by consumer and outcome (applied, duplicate, failed, malformed).', ['consumer', 'outcome']);
const handlerDuration = metrics.histogram('event_handler_duration_seconds', 'Time to apply one event (its transaction included), by consumer.', ['consumer']);
const eventAge = metrics.histogram('event_delivery_lag_seconds', 'Time from an event entering its stream to its handler finishing, by consumer (consumer lag in time).', ['consumer'], [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600]);
const pending = metrics.gauge('nats_consumer_pending_messages', 'Messages of the stream not yet delivered to a durable consumer (consumer lag in messages).', ['consumer', 'stream']);
const ackPending = metrics.gauge('nats_consumer_ack_pending_messages', 'Messages delivered to a durable consumer and not acknowledged yet.', ['consumer', 'stream']);

export type ConsumeOutcome = 'applied' | 'duplicate' | 'failed' | 'malformed';

/** Records a consumer's backlog as JetStream reports it (`num_pending`, `num_ack_pending`). */
export function recordConsumerLag(consumer: string, stream: string, info: { num_pending: number; num_ack_pending: number }): void {
  pending.set({ consumer, stream }, info.num_pending);
  ackPending.set({ consumer, stream }, info.num_ack_pending);
}

/** Drops a stopped consumer's lag series. */
export function forgetConsumerLag(consumer: string, stream: string): void {
  pending.remove({ consumer, stream });
  ackPending.remove({ consumer, stream });
}

/**
 * Handles one JetStream message observed: a CONSUMER span continuing the publisher's trace (from the message
 * headers), the handler's duration, the event's delivery lag, the backlog left behind it, and the outcome the
 * handler returns. Kit's idempotent consumer uses it; a hand-written consumer (gamehost) can wrap its handling too.
 */
export async function observeMessage(consumer: string, msg: JsMsg, handle: () => Promise<ConsumeOutcome>): Promise<ConsumeOutcome> {
  const started = performance.now();
  const info = msg.info;
  if (info) pending.set({ consumer, stream: info.stream }, info.pending);
  const outcome = await withSpan(
    `consume ${msg.subject}`,
    {
      kind: SpanKind.CONSUMER,
      parent: extractContext(msg.headers),
      attributes: { 'messaging.system': 'nats', 'messaging.destination.name': msg.subject, 'messaging.consumer.group.name': consumer, 'messaging.message.id': msg.headers?.get('Nats-Msg-Id') || undefined },
    },
    async (span) => {
      const result = await handle();
      span.setAttribute('startales.outcome', result);
      return result;
    },
  );
  consumed.inc({ consumer, outcome });
  if (outcome === 'applied' || outcome === 'duplicate') {
    handlerDuration.observe({ consumer }, (performance.now() - started) / 1000);
    if (info?.timestampNanos) eventAge.observe({ consumer }, Math.max(0, Date.now() - info.timestampNanos / 1e6) / 1000);
  }
  return outcome;
}

/**
 * For consumers that apply messages in batches (gamehost's group commit): records one message's outcome, its
 * delivery lag and a CONSUMER span continuing the publisher's trace, after the fact.
 */
export function recordConsumed(consumer: string, msg: JsMsg, outcome: ConsumeOutcome): void {
  consumed.inc({ consumer, outcome });
  const info = msg.info;
  if (info) {
    pending.set({ consumer, stream: info.stream }, info.pending);
    if (info.timestampNanos) eventAge.observe({ consumer }, Math.max(0, Date.now() - info.timestampNanos / 1e6) / 1000);
  }
  recordSpan(`consume ${msg.subject}`, {
    kind: SpanKind.CONSUMER,
    durationMs: 0,
    parent: extractContext(msg.headers),
    attributes: { 'messaging.system': 'nats', 'messaging.destination.name': msg.subject, 'messaging.consumer.group.name': consumer, 'startales.outcome': outcome },
  });
}
