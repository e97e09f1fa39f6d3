import { ProcessedEvent, OutboxEvent } from '@startales/kit';
import { DomainEventFact } from './domain-event-fact.entity.ts';

export { DomainEventFact };
export const entities = [DomainEventFact, OutboxEvent, ProcessedEvent];
