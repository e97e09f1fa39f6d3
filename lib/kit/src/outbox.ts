import type { EventEnvelope, DomainEvent, GdprEvent } from '@startales/contracts';
import type { Bus } from './events.ts';
import { createEnvelope } from './events.ts';
import type { Orm, EntityManager } from './db.ts';
import { OutboxEvent } from './outbox.entity.ts';
import type { Logger } from './logger.ts';

/** Queues an envelope for `subject` (un-namespaced) in the caller's transaction; published after commit. */
export function enqueueEvent<T>(em: EntityManager, subject: string, envelope: EventEnvelope<T>): EventEnvelope<T> {
  em.create(OutboxEvent, {
    id: envelope.id,
    subject,
    envelope: envelope as unknown as Record<string, unknown>,
    createdAt: new Date(),
    publishedAt: null,
    attempts: 0,
  });
  return envelope;
}

/** Queues a domain event (`domain.<type>`) in the caller's transaction; it is published after commit by the relay. */
export function enqueueDomainEvent<T>(em: EntityManager, type: DomainEvent | GdprEvent, data: T, actor: string): EventEnvelope<T> {
  return enqueueEvent(em, `domain.${type}`, createEnvelope(type, data, actor));
}

export interface OutboxRelay {
  /** Publishes whatever is pending now (called after a commit so events go out without waiting a tick). */
  kick(): void;
  /** Publishes every pending row; resolves when none remain or NATS refuses. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

/** Polls the outbox and publishes pending rows in creation order. */
export function startOutboxRelay(options: {
  orm: Orm;
  bus: Bus;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
}): OutboxRelay {
  const batch = options.batchSize ?? 100;
  let running: Promise<number> | undefined;
  let stopped = false;

  const publishPending = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const em = options.orm.em.fork();
      const rows = await em.find(OutboxEvent, { publishedAt: null }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: batch });
      if (rows.length === 0) return total;
      // publishes are issued in order on one connection and their acks awaited together (pipelined)
      const results = await Promise.allSettled(rows.map((row) => options.bus.publish(row.subject, row.envelope as unknown as EventEnvelope)));
      const published = rows.filter((_, i) => results[i]!.status === 'fulfilled').map((r) => r.id);
      // published rows are deleted: JetStream is the record from here on, and no personal data lingers
      if (published.length) await em.nativeDelete(OutboxEvent, { id: { $in: published } });
      total += published.length;
      const failed = rows.filter((_, i) => results[i]!.status === 'rejected');
      if (failed.length) {
        await em.nativeUpdate(OutboxEvent, { id: { $in: failed.map((r) => r.id) } }, { attempts: failed[0]!.attempts + 1 });
        options.logger.warn('outbox publish failed; will retry', { count: failed.length, error: (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason });
        return total;
      }
      if (rows.length < batch) return total;
    }
  };

  const flush = () => {
    running ??= publishPending().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void flush().catch((error) => options.logger.warn('outbox relay error', { error }));
  }, options.intervalMs ?? 500);

  return {
    kick() {
      if (!stopped) void flush().catch((error) => options.logger.warn('outbox relay error', { error }));
    },
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await flush().catch(() => 0);
    },
  };
}
