import { Consumer, Stream } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type Logger, type Orm, type RunningConsumer } from '@startales/kit';
import { applyUsageEvent, InvalidUsageEventError } from '../facts/usage.ts';

/** Durable consumer of LLM usage (`llm.usage.>`): one usage fact per call plus every LLM cost rollup, in one statement. */
export function startUsageFactsConsumer(deps: { bus: Bus; orm: Orm; logger: Logger; concurrency?: number }): Promise<RunningConsumer> {
  return startIdempotentConsumer({
    ...deps,
    stream: Stream.USAGE,
    durable: Consumer.ANALYTICS_USAGE,
    filterSubject: 'llm.usage.>',
    handle: async (em, event) => {
      try {
        await applyUsageEvent(em, event);
      } catch (error) {
        // a malformed payload can never apply: keep it recorded as processed and say so, rather than retry forever
        if (!(error instanceof InvalidUsageEventError)) throw error;
        deps.logger.error('dropping invalid usage event', { id: event.id, error: error.message });
      }
    },
  });
}
