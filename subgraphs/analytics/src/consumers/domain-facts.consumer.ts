import { Consumer, Stream } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type Logger, type Orm, type RunningConsumer } from '@startales/kit';
import { applyDomainEvent } from '../facts/domain.ts';

/** Durable consumer of every `domain.>` event: domain facts, signups, funnel steps, campaign lifecycle, revenue, subscriptions. */
export function startDomainFactsConsumer(deps: { bus: Bus; orm: Orm; logger: Logger; concurrency?: number }): Promise<RunningConsumer> {
  return startIdempotentConsumer({
    ...deps,
    stream: Stream.DOMAIN,
    durable: Consumer.ANALYTICS_DOMAIN,
    filterSubject: 'domain.>',
    handle: (em, event) => applyDomainEvent(em, event),
  });
}
