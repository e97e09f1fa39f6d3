import {
  GdprEvent,
  Stream,
  type ErasureAckData,
  type ExportPartData,
  type ExportRequestedData,
  type UserErasedData,
} from '@startales/contracts';
import { startIdempotentConsumer, type RunningConsumer } from './consumer.ts';
import type { Bus } from './events.ts';
import type { Orm, EntityManager } from './db.ts';
import type { Logger } from './logger.ts';
import { createEnvelope } from './events.ts';
import { enqueueEvent, type OutboxRelay } from './outbox.ts';

/** What a service does for GDPR requests about one user. Both run inside the consumer's transaction. */
export interface GdprHandlers {
  /** Everything this service holds on the user, as plain JSON (dates as ISO strings). */
  exportUser(em: EntityManager, userId: string): Promise<Record<string, unknown>>;
  /** Deletes or anonymises everything this service holds on the user (idempotent). */
  eraseUser(em: EntityManager, userId: string): Promise<void>;
}

/**
 * The per-service GDPR consumer: answers `users.export_requested` with an export part and `users.erased` with
 * an erasure acknowledgement, each in the same transaction as its work (so a redelivery never answers twice).
 */
export function startGdprConsumer(options: {
  service: string;
  bus: Bus;
  orm: Orm;
  logger: Logger;
  outbox: Pick<OutboxRelay, 'kick'>;
  handlers: GdprHandlers;
}): Promise<RunningConsumer> {
  const actor = `service:${options.service}`;
  return startIdempotentConsumer({
    bus: options.bus,
    orm: options.orm,
    logger: options.logger,
    stream: Stream.DOMAIN,
    durable: `${options.service}-gdpr`,
    filterSubject: 'domain.users.>',
    afterCommit: options.outbox.kick,
    handle: async (em, event) => {
      if (event.type === GdprEvent.EXPORT_REQUESTED) {
        const { exportId, userId } = event.data as ExportRequestedData;
        const data = await options.handlers.exportUser(em, userId);
        enqueueEvent(em, GdprEvent.EXPORT_PART, createEnvelope<ExportPartData>(GdprEvent.EXPORT_PART, { exportId, userId, service: options.service, data }, actor));
      } else if (event.type === GdprEvent.USER_ERASED) {
        const { userId } = event.data as UserErasedData;
        await options.handlers.eraseUser(em, userId);
        enqueueEvent(
          em,
          GdprEvent.ERASURE_ACK,
          createEnvelope<ErasureAckData>(GdprEvent.ERASURE_ACK, { userId, service: options.service, completedAt: new Date().toISOString() }, actor),
        );
      }
    },
  });
}

/** Serialises entities for an export: Dates → ISO strings, drops nothing else. */
export function toExportJson<T extends object>(rows: T[]): Array<Record<string, unknown>> {
  return rows.map((row) => JSON.parse(JSON.stringify(row)) as Record<string, unknown>);
}
