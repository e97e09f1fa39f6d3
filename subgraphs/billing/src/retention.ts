import { processedEventRetention, type EntityManager, type RetentionRule } from '@startales/kit';

const exec = async (em: EntityManager, sql: string, params: unknown[]): Promise<number> =>
  ((await em.execute(sql, params as never[], 'run')) as unknown as { affectedRows: number }).affectedRows;

/**
 * What billing ages out (limits from `RETENTION_LOG_DAYS` / `RETENTION_USER_DAYS`).
 *
 * Accounting records are user data kept 7 years (the legal retention of books and vouchers), even after an erasure
 * (GDPR art. 17(3)(b); they hold only the opaque user id and amounts): invoices, payments with their refunds, the
 * revenue ledger, usage charges, completed checkouts, ended subscriptions, and the per-campaign usage totals and
 * daily LLM cost that priced and explain them. Finance figures for periods older than that are therefore gone from
 * billing; analytics keeps its own aggregates.
 *
 * Logs (90 days): Stripe webhook dedupe records (Stripe stops retrying after 3 days), consumer dedupe records, and
 * checkouts that never completed (no money moved).
 *
 * Customer links (user ↔ Stripe customer) are not aged: they live as long as the account and go with its erasure.
 */
export const retentionRules: RetentionRule[] = [
  processedEventRetention,
  { name: 'stripe-events', category: 'log', table: 'stripe_event', column: 'received_at' },
  { name: 'checkouts-abandoned', category: 'log', table: 'checkout', column: 'created_at', where: `status <> 'COMPLETE'` },
  { name: 'checkouts-completed', category: 'user', table: 'checkout', column: 'created_at', where: `status = 'COMPLETE'` },
  { name: 'invoices', category: 'user', table: 'invoice', column: 'created_at' },
  {
    // a payment and its refunds go together, once the last of them is past the limit
    name: 'payments',
    category: 'user',
    run: async (em, cutoff) => {
      const old = `select p.id from "billing"."payment" p where p.created_at < ?
        and not exists (select 1 from "billing"."refund" r where r.payment_id = p.id and r.created_at >= ?)`;
      const refunds = await exec(em, `delete from "billing"."refund" where payment_id in (${old})`, [cutoff, cutoff]);
      return refunds + (await exec(em, `delete from "billing"."payment" where id in (${old})`, [cutoff, cutoff]));
    },
  },
  { name: 'revenue-ledger', category: 'user', table: 'revenue_entry', column: 'occurred_at' },
  // a PENDING charge is still owed to Stripe's meter, whatever its age
  { name: 'usage-charges', category: 'user', table: 'usage_charge', column: 'occurred_at', where: `status <> 'PENDING'` },
  { name: 'subscriptions-ended', category: 'user', table: 'subscription', column: 'ended_at' },
  { name: 'campaign-usage', category: 'user', table: 'campaign_usage', column: 'updated_at' },
  { name: 'campaign-facts', category: 'user', table: 'campaign_facts', column: 'updated_at' },
  {
    name: 'llm-cost-days',
    category: 'user',
    // `day` is the UTC day as text (YYYY-MM-DD): whole days before the cutoff's day go
    run: (em, cutoff) => exec(em, `delete from "billing"."llm_cost_day" where day < ?`, [cutoff.toISOString().slice(0, 10)]),
  },
];
