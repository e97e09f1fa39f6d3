import { OutboxEvent, ProcessedEvent } from '@startales/kit';
import { LedgerEntry } from './ledger-entry.entity.ts';
import { Budget } from './budget.entity.ts';
import { VirtualKey } from './virtual-key.entity.ts';
import { CallInFlight } from './call-in-flight.entity.ts';
import { BudgetLease } from './budget-lease.entity.ts';

export { LedgerEntry, Budget, VirtualKey, CallInFlight, BudgetLease };
export const entities = [LedgerEntry, Budget, VirtualKey, CallInFlight, BudgetLease, OutboxEvent, ProcessedEvent];
