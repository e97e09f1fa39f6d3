import type { EntityManager } from '@startales/kit';
import { Refund } from '../payments/entities/refund.entity.ts';
import { BillingSubscription } from '../subscriptions/entities/subscription.entity.ts';
import { UsageCharge } from '../usage/entities/usage-charge.entity.ts';
import { LlmCostDay } from '../usage/entities/llm-cost-day.entity.ts';
import { table } from '../usage/service.ts';
import { RevenueEntry } from './entities/revenue-entry.entity.ts';

const n = (v: unknown) => Number(v ?? 0);
/** Micro-dollars per cent. */
const MICROS_PER_CENT = 10_000;

/** (revenue − cost) ÷ revenue in basis points, rounded down; null without revenue. */
export function grossMarginBp(revenueMicros: number, costMicros: number): number | null {
  if (revenueMicros <= 0) return null;
  return Math.floor(((revenueMicros - costMicros) * 10_000) / revenueMicros);
}

/** Finance figures from billing's own ledgers: revenue, MRR, churn, refunds and LLM margin per campaign. */
export function createFinanceService() {
  return {
    /** Revenue by UTC day and plan in [from, to): gross (payments and invoice lines), refunds (positive), net. */
    async revenue(em: EntityManager, from: Date, to: Date) {
      const rows = await em.execute<Array<{ day: string; plan: string; gross: string; refunds: string }>>(
        `select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD') as day, plan,
                sum(case when kind in ('PAYMENT', 'INVOICE_LINE') then amount_cents else 0 end) as gross,
                -sum(case when kind in ('REFUND', 'REFUND_REVERSAL', 'DISPUTE_LOST') then amount_cents else 0 end) as refunds
           from ${table(em, RevenueEntry)}
          where occurred_at >= ? and occurred_at < ?
          group by 1, 2 order by 1, 2`,
        [from, to],
      );
      const days = rows.map((r) => ({ day: r.day, plan: r.plan, grossCents: n(r.gross), refundCents: n(r.refunds), netCents: n(r.gross) - n(r.refunds) }));
      const grossCents = days.reduce((s, d) => s + d.grossCents, 0);
      const refundCents = days.reduce((s, d) => s + d.refundCents, 0);
      return { from, to, days, grossCents, refundCents, netCents: grossCents - refundCents };
    },

    /** Monthly recurring revenue of plan subscriptions active at `at` (annual plans count ÷ 12). */
    async mrr(em: EntityManager, at: Date) {
      const rows = await em.execute<Array<{ plan: string; count: string; cents: string }>>(
        `select plan, count(*) as count, sum(monthly_cents) as cents
           from ${table(em, BillingSubscription)}
          where kind = 'PLAN' and activated_at <= ? and (ended_at is null or ended_at > ?)
          group by plan order by plan`,
        [at, at],
      );
      const byPlan = rows.map((r) => ({ plan: r.plan, subscriptions: n(r.count), mrrCents: n(r.cents) }));
      return {
        at,
        mrrCents: byPlan.reduce((s, p) => s + p.mrrCents, 0),
        activeSubscriptions: byPlan.reduce((s, p) => s + p.subscriptions, 0),
        byPlan,
      };
    },

    /** Churn in [from, to): plan subscriptions active at `from` that ended in the period ÷ those active at `from`. */
    async churn(em: EntityManager, from: Date, to: Date) {
      const [row] = await em.execute<Array<{ active: string; lost: string }>>(
        `select count(*) filter (where ended_at is null or ended_at >= ?) as active,
                count(*) filter (where ended_at >= ? and ended_at < ?) as lost
           from ${table(em, BillingSubscription)}
          where kind = 'PLAN' and activated_at < ?`,
        [from, from, to, from],
      );
      const activeAtStart = n(row?.active);
      const lost = n(row?.lost);
      return { from, to, activeAtStart, lost, rateBp: activeAtStart ? Math.round((lost * 10_000) / activeAtStart) : null };
    },

    /** Refunds created in [from, to) that count (pending or succeeded), newest first. */
    async refunds(em: EntityManager, from: Date, to: Date, offset: number, limit: number) {
      const where = { createdAt: { $gte: from, $lt: to }, status: { $in: ['succeeded', 'pending', 'requires_action'] } };
      const [rows, all] = await Promise.all([
        em.find(Refund, where, { orderBy: { createdAt: 'desc', id: 'desc' }, offset, limit: limit + 1 }),
        em.find(Refund, where, { fields: ['amountCents'] }),
      ]);
      return { rows, count: all.length, totalCents: all.reduce((s, r) => s + r.amountCents, 0) };
    },

    /**
     * Per campaign in [from, to): seat revenue net of refunds (cents), usage charged above allowances and LLM cost
     * (micro-dollars, cost bucketed by UTC day), and the gross margin, highest cost first.
     */
    async campaignMargins(em: EntityManager, from: Date, to: Date, offset: number, limit: number) {
      const fromDay = from.toISOString().slice(0, 10);
      const toDay = new Date(to.getTime() - 1).toISOString().slice(0, 10);
      const params = [from, to, from, to, fromDay, toDay];
      const rows = await em.execute<Array<{ campaign_id: string; revenue: string | null; usage: string | null; cost: string | null }>>(
        `with rev as (select campaign_id, sum(amount_cents) as cents from ${table(em, RevenueEntry)}
                       where campaign_id is not null and occurred_at >= ? and occurred_at < ? group by 1),
              overage as (select campaign_id, sum(overage_micros) as micros from ${table(em, UsageCharge)}
                         where occurred_at >= ? and occurred_at < ? group by 1),
              cost as (select campaign_key::uuid as campaign_id, sum(cost_micros) as micros from ${table(em, LlmCostDay)}
                        where campaign_key <> '' and day >= ? and day <= ? group by 1)
         select coalesce(rev.campaign_id, overage.campaign_id, cost.campaign_id) as campaign_id,
                rev.cents as revenue, overage.micros as usage, cost.micros as cost
           from rev full outer join overage on overage.campaign_id = rev.campaign_id
                    full outer join cost on cost.campaign_id = coalesce(rev.campaign_id, overage.campaign_id)
          order by coalesce(cost.micros, 0) desc, 1
          offset ${Math.floor(offset)} limit ${Math.floor(limit) + 1}`,
        params,
      );
      const [totals] = await em.execute<Array<{ revenue: string | null; usage: string | null; cost: string | null; unattributed: string | null; count: string }>>(
        `select (select sum(amount_cents) from ${table(em, RevenueEntry)} where campaign_id is not null and occurred_at >= ? and occurred_at < ?) as revenue,
                (select sum(overage_micros) from ${table(em, UsageCharge)} where occurred_at >= ? and occurred_at < ?) as usage,
                (select sum(cost_micros) from ${table(em, LlmCostDay)} where campaign_key <> '' and day >= ? and day <= ?) as cost,
                (select sum(cost_micros) from ${table(em, LlmCostDay)} where campaign_key = '' and day >= ? and day <= ?) as unattributed,
                (select count(*) from (select campaign_id from ${table(em, RevenueEntry)} where campaign_id is not null and occurred_at >= ? and occurred_at < ?
                                       union select campaign_id from ${table(em, UsageCharge)} where occurred_at >= ? and occurred_at < ?
                                       union select campaign_key::uuid from ${table(em, LlmCostDay)} where campaign_key <> '' and day >= ? and day <= ?) c) as count`,
        [...params, fromDay, toDay, from, to, from, to, fromDay, toDay],
      );
      const margin = (revenueCents: number, usageMicros: number, costMicros: number) => ({
        revenueCents,
        usageChargedMicros: usageMicros,
        llmCostMicros: costMicros,
        grossMarginBp: grossMarginBp(revenueCents * MICROS_PER_CENT + usageMicros, costMicros),
      });
      return {
        rows: rows.map((r) => ({ campaignId: r.campaign_id, ...margin(n(r.revenue), n(r.usage), n(r.cost)) })),
        totalCount: n(totals?.count),
        totals: { ...margin(n(totals?.revenue), n(totals?.usage), n(totals?.cost)), unattributedLlmCostMicros: n(totals?.unattributed) },
      };
    },
  };
}
export type FinanceService = ReturnType<typeof createFinanceService>;
