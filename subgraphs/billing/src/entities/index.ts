import { ProcessedEvent, OutboxEvent } from '@startales/kit';
import { modules } from '../modules/index.ts';

/** Every entity of the billing schema: the kit's outbox and processed-event records, then each module's. */
export const entities = [OutboxEvent, ProcessedEvent, ...modules.flatMap((m) => m.entities ?? [])];
