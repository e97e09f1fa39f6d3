import type { EventEnvelope, DomainEvent, GdprEvent } from '@startales/contracts';
import type { Bus } from './events.ts';
import { createEnvelope } from './events.ts';
import type { Orm, EntityManager } from './db.ts';
import { OutboxEvent } from './outbox.entity.ts';
import type { Logger } from './logger.ts';
import { metrics } from './metrics.ts';
import { traceHeaders } from './tracing.ts';

const relayed = metrics.counter('outbox_published_total', 'Outbox rows published to JetStream by the relay.');
const relayFailures = metrics.counter('outbox_publish_failures_total', 'Outbox rows whose publish failed (retried by the relay).');

/**
 * Trace context of queued events, by event id, kept in memory only: the relay publishes an event with the context
 * of the request that queued it. After a restart the context of still-pending rows is gone (they publish untraced).
 */
const queuedTrace = new Map<string, Record<string, string>>();
const MAX_QUEUED_TRACE = 10_000;

/**
 * Links an outbox row written without `enqueueEvent` (e.g. llm-router's metering, which inserts rows itself) to the
 * active trace, so the relay publishes it with the trace context of the request that wrote it.
 */
export function rememberOutboxTrace(eventId: string): void {
  rememberTrace(eventId);
}

function rememberTrace(id: string): void {
  const headers = traceHeaders();
  if (!headers.traceparent) return;
  if (queuedTrace.size >= MAX_QUEUED_TRACE) queuedTrace.delete(queuedTrace.keys().next().value!);
  queuedTrace.set(id, headers);
}

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
  rememberTrace(envelope.id);
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

  // Plain SQL on the ORM's connection: the relay runs after every commit of a busy service, and MikroORM's query
  // builder and entity hydration cost more than the publishes themselves.
  let table: string | undefined;
  const tableName = () => {
    if (!table) {
      const meta = options.orm.getMetadata().get(OutboxEvent);
      const schema = meta.schema ?? options.orm.config.get('schema');
      table = schema ? `"${schema}"."${meta.tableName}"` : `"${meta.tableName}"`;
    }
    return table;
  };
  const list = (ids: string[]) => ids.map(() => '?').join(', ');

  const publishPending = async (): Promise<number> => {
    const connection = options.orm.em.getConnection();
    let total = 0;
    for (;;) {
      const rows = await connection.execute<Array<{ id: string; subject: string; envelope: unknown }>>(
        `select id, subject, envelope from ${tableName()} where published_at is null order by created_at asc, id asc limit ${Number(batch)}`,
        [],
        'all',
      );
      if (rows.length === 0) return total;
      // publishes are issued in order on one connection and their acks awaited together (pipelined), each with the
      // trace context of the transaction that queued it (when this process queued it)
      const results = await Promise.allSettled(
        rows.map((row) =>
          options.bus.publish(row.subject, (typeof row.envelope === 'string' ? JSON.parse(row.envelope) : row.envelope) as EventEnvelope, {
            traceHeaders: queuedTrace.get(row.id),
          }),
        ),
      );
      const published = rows.filter((_, i) => results[i]!.status === 'fulfilled').map((r) => r.id);
      for (const id of published) queuedTrace.delete(id);
      if (published.length) relayed.inc(undefined, published.length);
      // published rows are deleted: JetStream is the record from here on, and no personal data lingers
      if (published.length) await connection.execute(`delete from ${tableName()} where id in (${list(published)})`, published, 'run');
      total += published.length;
      const failed = rows.filter((_, i) => results[i]!.status === 'rejected').map((r) => r.id);
      if (failed.length) {
        relayFailures.inc(undefined, failed.length);
        await connection.execute(`update ${tableName()} set attempts = attempts + 1 where id in (${list(failed)})`, failed, 'run');
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
