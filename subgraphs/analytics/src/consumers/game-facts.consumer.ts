import { Consumer, Stream } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type Logger, type Orm, type RunningConsumer } from '@startales/kit';
import { applyGameEvent } from '../facts/game.ts';

/** Durable consumer of the GAME stream (`game.>`): game facts, rosters, sessions, actions per session, player activity. */
export function startGameFactsConsumer(deps: { bus: Bus; orm: Orm; logger: Logger; concurrency?: number }): Promise<RunningConsumer> {
  return startIdempotentConsumer({
    ...deps,
    stream: Stream.GAME,
    durable: Consumer.ANALYTICS_GAME,
    filterSubject: 'game.>',
    handle: (em, event, msg) => applyGameEvent(em, event, msg.subject),
  });
}
