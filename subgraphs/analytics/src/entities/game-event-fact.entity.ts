import { defineEntity, p } from '@mikro-orm/core';

/**
 * One row per GAME stream event (free text — actions, narration, handles — is never stored). Partitioned by month on
 * `occurred_at`. `sessionIndex` attributes a player action to the campaign session open when it was submitted.
 */
export const GameEventFactSchema = defineEntity({
  name: 'GameEventFact',
  tableName: 'game_event_fact',
  indexes: [{ properties: ['campaignId', 'occurredAt'] }],
  properties: {
    id: p.uuid().primary(),
    occurredAt: p.datetime().primary(),
    type: p.string().length(64),
    campaignId: p.string().length(64),
    userId: p.string().length(64).nullable().index(),
    sessionIndex: p.integer().nullable(),
    data: p.json<Record<string, unknown>>(),
  },
});

export class GameEventFact extends GameEventFactSchema.class {}
GameEventFactSchema.setClass(GameEventFact);
