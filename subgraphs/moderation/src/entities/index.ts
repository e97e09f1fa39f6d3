import { ProcessedEvent, OutboxEvent } from '@startales/kit';
import { Report } from './report.entity.ts';

export { Report };
export const entities = [Report, OutboxEvent, ProcessedEvent];
