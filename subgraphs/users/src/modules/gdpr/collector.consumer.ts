import { GdprEvent, Stream, type ErasureAckData, type ExportPartData } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type Logger, type Orm, type RunningConsumer } from '@startales/kit';
import type { GdprService } from './service.ts';

/** Collects every service's export parts and erasure acknowledgements from the GDPR stream. */
export function startGdprCollector(deps: { bus: Bus; orm: Orm; logger: Logger; gdpr: GdprService }): Promise<RunningConsumer> {
  return startIdempotentConsumer({
    bus: deps.bus,
    orm: deps.orm,
    logger: deps.logger,
    stream: Stream.GDPR,
    durable: 'users-gdpr-collector',
    filterSubject: 'gdpr.>',
    handle: async (em, event) => {
      if (event.type === GdprEvent.EXPORT_PART) await deps.gdpr.receivePart(em, event.data as ExportPartData);
      else if (event.type === GdprEvent.ERASURE_ACK) await deps.gdpr.receiveAck(em, event.data as ErasureAckData);
    },
  });
}
