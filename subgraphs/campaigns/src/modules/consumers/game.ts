import { Consumer, Stream, type SessionData } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type Logger, type Orm } from '@startales/kit';
import { applyOutcome } from '../lifecycle/service.ts';

/** Durable consumer of gamehost's outcomes (`game.*.outcomes`): SCHEDULED → RUNNING → COMPLETED. */
export function startGameOutcomesConsumer(options: { bus: Bus; orm: Orm; logger: Logger; clock: () => Date; afterCommit: () => void }) {
  const { clock, afterCommit, ...rest } = options;
  return startIdempotentConsumer({
    ...rest,
    stream: Stream.GAME,
    durable: Consumer.CAMPAIGNS_GAME_OUTCOMES,
    filterSubject: 'game.*.outcomes',
    afterCommit,
    handle: (tx, event) => applyOutcome(tx, event.type, event.data as SessionData, clock()),
  });
}
