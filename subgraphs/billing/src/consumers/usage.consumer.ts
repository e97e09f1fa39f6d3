import { Consumer, LLM_USAGE_EVENT, Stream } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type Logger, type Orm, type RunningConsumer } from '@startales/kit';
import type { PriceBooks } from '../modules/pricing/price-books.ts';
import { applyUsageEvent } from '../modules/usage/service.ts';

/**
 * Durable consumer of `llm.usage.>` (stream USAGE, published by llm-router): cost rollups and usage charges, each
 * event applied once (its id is recorded in the same transaction). Starts fine on an empty stream.
 */
export function startUsageConsumer(deps: { bus: Bus; orm: Orm; logger: Logger; books: PriceBooks; afterCommit?: () => void }): Promise<RunningConsumer> {
  return startIdempotentConsumer({
    bus: deps.bus,
    orm: deps.orm,
    logger: deps.logger,
    stream: Stream.USAGE,
    durable: Consumer.BILLING_USAGE,
    filterSubject: 'llm.usage.>',
    afterCommit: deps.afterCommit,
    handle: async (em, event) => {
      if (event.type !== LLM_USAGE_EVENT) return;
      await applyUsageEvent(em, event, deps.books, deps.logger);
    },
  });
}
