import type { JsMsg } from '@nats-io/jetstream';
import type { EventEnvelope, Stream } from '@startales/contracts';
import type { Bus } from './events.ts';
import { parseEnvelope } from './events.ts';
import type { Orm, EntityManager } from './db.ts';
import { isUniqueViolation } from './db.ts';
import { ProcessedEvent } from './processed-event.entity.ts';
import type { Logger } from './logger.ts';
import { forgetConsumerLag, observeMessage, recordConsumerLag } from './consumer-metrics.ts';

export interface IdempotentConsumerOptions {
  bus: Bus;
  orm: Orm;
  logger: Logger;
  stream: Stream;
  /** Durable consumer name (from contracts). */
  durable: string;
  /** Un-namespaced subject filter, e.g. `domain.>`. */
  filterSubject?: string;
  /** Applies one event inside the transaction that also records it as processed. */
  handle: (em: EntityManager, event: EventEnvelope, msg: JsMsg) => Promise<void>;
  /** Messages handled at once (default 8). */
  concurrency?: number;
  /** Delay before a failed message is redelivered (default 1000 ms). */
  retryDelayMs?: number;
  /** Runs after each committed event (e.g. kick the outbox relay so queued replies go out at once). */
  afterCommit?: () => void;
  /** How often the consumer's backlog is read from JetStream for `nats_consumer_pending_messages` (default 15 s; 0 = never). */
  lagIntervalMs?: number;
}

export interface RunningConsumer {
  /** Stops pulling, waits for in-flight handlers to settle. */
  stop(): Promise<void>;
  /** Events applied by this process (not counting duplicates). */
  readonly applied: number;
}

/**
 * A durable, explicitly acknowledged JetStream consumer whose handler runs exactly once per event id:
 * the event id is inserted into `processed_event` in the same transaction as the effect; a redelivery
 * violates its primary key, rolls back, and is acknowledged without effect.
 */
export async function startIdempotentConsumer(options: IdempotentConsumerOptions): Promise<RunningConsumer> {
  const { bus, orm, logger, durable } = options;
  await bus.ensureStreams([options.stream]);
  await bus.ensureConsumer(options.stream, durable, options.filterSubject);
  const consumer = await bus.js.consumers.get(bus.streamName(options.stream), durable);
  const concurrency = options.concurrency ?? 8;
  const messages = await consumer.consume({ max_messages: concurrency * 2 });
  const inFlight = new Set<Promise<void>>();
  let applied = 0;

  const apply = async (msg: JsMsg): Promise<'applied' | 'duplicate' | 'failed' | 'malformed'> => {
    let event: EventEnvelope;
    try {
      event = parseEnvelope(msg.data);
    } catch (error) {
      // a poison message can never succeed: terminate it instead of redelivering forever
      logger.error('dropping malformed event', { subject: msg.subject, seq: msg.seq, error });
      msg.term();
      return 'malformed';
    }
    try {
      await orm.em.fork().transactional(async (em) => {
        await em.insert(ProcessedEvent, { consumer: durable, eventId: event.id, processedAt: new Date() });
        await options.handle(em, event, msg);
      });
      applied++;
      msg.ack();
      options.afterCommit?.();
      return 'applied';
    } catch (error) {
      if (isUniqueViolation(error) && (await alreadyProcessed(orm, durable, event.id).catch(() => false))) {
        logger.debug('duplicate event acknowledged', { id: event.id, type: event.type });
        msg.ack();
        return 'duplicate';
      }
      logger.error('event handler failed; will retry', { id: event.id, type: event.type, error });
      msg.nak(options.retryDelayMs ?? 1000);
      return 'failed';
    }
  };
  const process = (msg: JsMsg) => observeMessage(durable, msg, () => apply(msg)).then(() => {});
  const streamName = bus.streamName(options.stream);
  const lagMs = options.lagIntervalMs ?? 15_000;
  const lagTimer =
    lagMs > 0
      ? setInterval(() => {
          consumer
            .info()
            .then((info) => recordConsumerLag(durable, streamName, info))
            .catch(() => {});
        }, lagMs)
      : undefined;
  lagTimer?.unref?.();

  const loop = (async () => {
    for await (const msg of messages) {
      const p = process(msg).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
  })().catch((error) => logger.error('consumer loop ended', { durable, error }));

  return {
    get applied() {
      return applied;
    },
    async stop() {
      if (lagTimer) clearInterval(lagTimer);
      forgetConsumerLag(durable, streamName);
      await messages.close().catch(() => {});
      await loop;
      await Promise.allSettled(inFlight);
    },
  };
}

async function alreadyProcessed(orm: Orm, consumer: string, eventId: string): Promise<boolean> {
  const row = await orm.em.fork().findOne(ProcessedEvent, { consumer, eventId });
  return row !== null;
}
