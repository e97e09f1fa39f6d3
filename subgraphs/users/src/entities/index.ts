import { ProcessedEvent, OutboxEvent } from '@startales/kit';
import { User } from './user.entity.ts';
import { RefreshToken } from './refresh-token.entity.ts';
import { modules } from '../modules/index.ts';

export { User, RefreshToken };
export const entities = [User, RefreshToken, OutboxEvent, ProcessedEvent, ...modules.flatMap((m) => m.entities ?? [])];
