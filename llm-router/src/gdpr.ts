import { toExportJson, type GdprHandlers } from '@startales/kit';
import { LedgerEntry } from './entities/ledger-entry.entity.ts';
import { VirtualKey } from './entities/virtual-key.entity.ts';
import { Budget } from './entities/budget.entity.ts';
import { BudgetLease } from './entities/budget-lease.entity.ts';

/** The most recent ledger rows included in an export (the totals always cover everything). */
const EXPORT_LEDGER_ROWS = 10_000;

/**
 * The router holds no contact data, only user ids on its ledger, keys and budgets. Export: the user's calls
 * (model, tokens, cost) and keys. Erasure: keys and the user's budget are deleted; ledger rows are financial
 * records of what was spent per campaign, so they are kept with the user id replaced by `erased`.
 */
export const llmRouterGdpr: GdprHandlers = {
  async exportUser(em, userId) {
    const [ledger, totals, keys, budgets] = await Promise.all([
      em.find(LedgerEntry, { userId }, { orderBy: { startedAt: 'desc' }, limit: EXPORT_LEDGER_ROWS }),
      em.execute(
        `select count(*)::int as calls, coalesce(sum(cost_micros), 0)::bigint as "costMicros" from llm_router.ledger_entry where user_id = ?`,
        [userId],
      ),
      em.find(VirtualKey, { userId }),
      em.find(Budget, { scope: 'user', scopeId: userId }),
    ]);
    return {
      totals: { calls: Number(totals[0]?.calls ?? 0), costMicros: Number(totals[0]?.costMicros ?? 0) },
      calls: toExportJson(ledger),
      virtualKeys: toExportJson(keys.map((k) => Object.fromEntries(Object.entries(k).filter(([name]) => !/hash|secret/i.test(name))))),
      budgets: toExportJson(budgets),
    };
  },
  async eraseUser(em, userId) {
    await em.nativeDelete(VirtualKey, { userId });
    await em.nativeDelete(BudgetLease, { scope: 'user', scopeId: userId });
    await em.nativeDelete(Budget, { scope: 'user', scopeId: userId });
    await em.nativeUpdate(LedgerEntry, { userId }, { userId: 'erased' });
  },
};
