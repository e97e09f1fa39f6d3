import { defineEntity, p } from '@mikro-orm/core';

/**
 * Transactional outbox: a service writes the events it wants published in the same transaction as the
 * state change that caused them; the relay publishes them afterwards. A crash between commit and
 * publish therefore delays an event but never loses it, and JetStream's `Nats-Msg-Id` dedupe makes
 * a second publish of the same row harmless.
 */
export const OutboxEventSchema = defineEntity({
  name: 'OutboxEvent',
  tableName: 'outbox_event',
  properties: {
    id: p.uuid().primary(),
    subject: p.string().length(255),
    envelope: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    publishedAt: p.datetime().nullable().index(),
    attempts: p.integer().default(0),
  },
});

export class OutboxEvent extends OutboxEventSchema.class {}
OutboxEventSchema.setClass(OutboxEvent);
