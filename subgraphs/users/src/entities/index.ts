import { ProcessedEvent, OutboxEvent } from '@startales/kit';
import { User } from './user.entity.ts';
import { RefreshToken } from './refresh-token.entity.ts';

export { User, RefreshToken };
export const entities = [User, RefreshToken, OutboxEvent, ProcessedEvent];
