import { Consumer, Stream } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type Logger, type Orm, type RunningConsumer } from '@startales/kit';
import { applyModerationEvent } from './service.ts';

/**
 * Durable consumer of `domain.moderation.>` into the sanctions projection. One at a time, so a revocation never
 * overtakes its action (the projection tolerates it anyway).
 */
export function startSanctionsConsumer(options: { bus: Bus; orm: Orm; logger: Logger; now: () => number }): Promise<RunningConsumer> {
  return startIdempotentConsumer({
    bus: options.bus,
    orm: options.orm,
    logger: options.logger,
    stream: Stream.DOMAIN,
    durable: Consumer.USERS_MODERATION,
    filterSubject: 'domain.moderation.>',
    concurrency: 1,
    handle: (tx, event) => applyModerationEvent(tx, event, new Date(options.now())),
  });
}
