import { ProcessedEvent, OutboxEvent } from '@startales/kit';
import { Campaign } from './campaign.entity.ts';

export { Campaign };
export const entities = [Campaign, OutboxEvent, ProcessedEvent];
