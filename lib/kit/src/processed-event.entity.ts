import { defineEntity, p } from '@mikro-orm/core';

/**
 * One row per (consumer, event id) a service has applied. Inserted in the same transaction as the
 * event's effect, so a redelivered event hits the primary key and is acknowledged without effect.
 * Every service that consumes events lists this entity (its table lives in the service's schema).
 */
export const ProcessedEventSchema = defineEntity({
  name: 'ProcessedEvent',
  tableName: 'processed_event',
  properties: {
    consumer: p.string().length(100).primary(),
    eventId: p.uuid().primary(),
    processedAt: p.datetime().onCreate(() => new Date()),
  },
});

export class ProcessedEvent extends ProcessedEventSchema.class {}
ProcessedEventSchema.setClass(ProcessedEvent);
