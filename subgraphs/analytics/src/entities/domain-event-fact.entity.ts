import { defineEntity, p } from '@mikro-orm/core';

/** One row per domain event seen (the event id is the key, so a fact is never counted twice). */
export const DomainEventFactSchema = defineEntity({
  name: 'DomainEventFact',
  tableName: 'domain_event_fact',
  properties: {
    id: p.uuid().primary(),
    type: p.string().length(100).index(),
    occurredAt: p.datetime().index(),
    actor: p.string().length(100),
    data: p.json<Record<string, unknown>>(),
    receivedAt: p.datetime().onCreate(() => new Date()),
  },
});

export class DomainEventFact extends DomainEventFactSchema.class {}
DomainEventFactSchema.setClass(DomainEventFact);
