import { gameSubject, type GameEvent, type GameSubjectKind } from '@startales/contracts';
import { createEnvelope, enqueueEvent, type EntityManager } from '@startales/kit';

/** Queues an event on `game.<campaignId>.<kind>` in the caller's transaction (the outbox publishes it after commit). */
export function enqueueGameEvent<T>(tx: EntityManager, campaignId: string, kind: GameSubjectKind, type: GameEvent, data: T, actor: string) {
  return enqueueEvent(tx, gameSubject(campaignId, kind), createEnvelope(type, data, actor));
}

/** The actor of events the service causes on its own (expiries, projections, gamehost outcomes). */
export const SYSTEM_ACTOR = 'service:campaigns';
