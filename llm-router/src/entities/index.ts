import { OutboxEvent, ProcessedEvent } from '@startales/kit';
import { LedgerEntry } from './ledger-entry.entity.ts';
import { Budget } from './budget.entity.ts';
import { VirtualKey } from './virtual-key.entity.ts';

export { LedgerEntry, Budget, VirtualKey };
export const entities = [LedgerEntry, Budget, VirtualKey, OutboxEvent, ProcessedEvent];
