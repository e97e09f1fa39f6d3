import { Consumer, Stream } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type Logger, type Orm, type RunningConsumer } from '@startales/kit';
import { DomainEventFact } from '../entities/domain-event-fact.entity.ts';

/** Durable consumer of every `domain.>` event into `domain_event_fact`. */
export function startDomainFactsConsumer(deps: { bus: Bus; orm: Orm; logger: Logger }): Promise<RunningConsumer> {
  return startIdempotentConsumer({
    ...deps,
    stream: Stream.DOMAIN,
    durable: Consumer.ANALYTICS_DOMAIN,
    filterSubject: 'domain.>',
    handle: async (em, event) => {
      em.create(DomainEventFact, {
        id: event.id,
        type: event.type,
        occurredAt: new Date(event.occurredAt),
        actor: event.actor,
        data: (event.data ?? {}) as Record<string, unknown>,
        receivedAt: new Date(),
      });
    },
  });
}
