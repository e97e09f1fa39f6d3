import { defineEntity, p } from '@mikro-orm/core';

/**
 * One row per domain event seen, keyed by (event id, occurredAt) so a fact is never counted twice. The table is
 * partitioned by month on `occurred_at` (declared by hand in the migration; MikroORM leaves partitioning alone when
 * the metadata does not declare it). `data` is the payload minus free text and personal fields.
 */
export const DomainEventFactSchema = defineEntity({
  name: 'DomainEventFact',
  tableName: 'domain_event_fact',
  properties: {
    id: p.uuid().primary(),
    occurredAt: p.datetime().primary().index(),
    type: p.string().length(100).index(),
    actor: p.string().length(100).index(),
    /** `data.userId` when the event is about a user (export and erasure look it up). */
    userId: p.string().length(64).nullable().index(),
    data: p.json<Record<string, unknown>>(),
    receivedAt: p.datetime().onCreate(() => new Date()),
  },
});

export class DomainEventFact extends DomainEventFactSchema.class {}
DomainEventFactSchema.setClass(DomainEventFact);
