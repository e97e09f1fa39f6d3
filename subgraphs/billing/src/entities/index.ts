import { ProcessedEvent, OutboxEvent } from '@startales/kit';

export const entities = [OutboxEvent, ProcessedEvent];
