import type { EntityManager } from '@startales/kit';
import { all, int, one } from '../../facts/sql.ts';
import { bp } from '../common/input.ts';
import { instants } from '../product/service.ts';

/** Revenue by day and plan from the daily rollup (one currency). */
export async function revenue(em: EntityManager, from: string, to: string, currency: string) {
  const rows = await all<{ day: string; plan: string; gross: string; refund: string }>(
    em,
    `select to_char(day, 'YYYY-MM-DD') as day, plan, gross_cents::text as gross, refund_cents::text as refund
       from analytics.revenue_daily where day between ?::date and ?::date and currency = ? order by day, plan`,
    [from, to, currency],
  );
  const days = rows.map((r) => ({ day: r.day, plan: r.plan, grossCents: int(r.gross), refundCents: int(r.refund), netCents: int(r.gross) - int(r.refund) }));
  const plans = new Map<string, { plan: string; grossCents: number; refundCents: number; netCents: number }>();
  for (const d of days) {
    const p = plans.get(d.plan) ?? { plan: d.plan, grossCents: 0, refundCents: 0, netCents: 0 };
    p.grossCents += d.grossCents;
    p.refundCents += d.refundCents;
    p.netCents += d.netCents;
    plans.set(d.plan, p);
  }
  const sum = (k: 'grossCents' | 'refundCents' | 'netCents') => days.reduce((s, d) => s + d[k], 0);
  return {
    from,
    to,
    currency,
    days,
    byPlan: [...plans.values()].sort((a, b) => b.netCents - a.netCents || a.plan.localeCompare(b.plan)),
    grossCents: sum('grossCents'),
    refundCents: sum('refundCents'),
    netCents: sum('netCents'),
  };
}

/** MRR and active subscriptions at the end of `at`: running sums of the daily movements. */
export async function mrr(em: EntityManager, at: string) {
  const rows = await all<{ plan: string; active: string; mrr: string }>(
    em,
    `select plan, sum(active_delta)::text as active, sum(mrr_delta_cents)::text as mrr from analytics.subscription_daily
      where day <= ?::date group by plan having sum(active_delta) <> 0 or sum(mrr_delta_cents) <> 0 order by plan`,
    [at],
  );
  const byPlan = rows.map((r) => ({ plan: r.plan, activeSubscriptions: int(r.active), mrrCents: int(r.mrr) }));
  return {
    at,
    activeSubscriptions: byPlan.reduce((s, p) => s + p.activeSubscriptions, 0),
    mrrCents: byPlan.reduce((s, p) => s + p.mrrCents, 0),
    byPlan,
  };
}

/** Customer lifetime value (see the SDL for the formula); every input comes from a rollup. */
export async function customerLifetimeValue(em: EntityManager, from: string, to: string, days: number) {
  const r = (await one<Record<string, string>>(
    em,
    `select (select coalesce(sum(gross_cents - refund_cents), 0) from analytics.revenue_daily where currency = 'USD' and day between ?::date and ?::date)::text as net,
            (select count(*) from (select user_id from analytics.user_revenue_day where day between ?::date and ?::date group by user_id having sum(net_cents) > 0) p)::text as payers,
            (select coalesce(sum(cost_micros), 0) from analytics.llm_cost_model_daily where day between ?::date and ?::date)::text as llm_cost,
            (select coalesce(sum(active_delta), 0) from analytics.subscription_daily where day < ?::date)::text as subs_at_start,
            (select coalesce(sum(ends), 0) from analytics.subscription_daily where day between ?::date and ?::date)::text as subs_ended,
            (select count(*) from analytics.user_revenue where first_paid_at is not null)::text as customers,
            (select coalesce(sum(net_cents), 0) from analytics.user_revenue where first_paid_at is not null)::text as lifetime_net`,
    [from, to, from, to, from, to, from, from, to],
  ))!;
  const net = int(r.net);
  const payers = int(r.payers);
  const cost = int(r.llm_cost);
  const atStart = int(r.subs_at_start);
  const ended = int(r.subs_ended);
  const customers = int(r.customers);
  const arppu = payers > 0 ? (net * 30) / (payers * days) : null;
  const margin = net > 0 ? (net * 10_000 - cost) / (net * 10_000) : null;
  const churn = atStart > 0 ? (ended * 30) / (atStart * days) : null;
  return {
    from,
    to,
    payingCustomers: payers,
    netRevenueCents: net,
    arppuMonthlyCents: arppu === null ? null : Math.round(arppu),
    grossMarginBp: margin === null ? null : Math.round(margin * 10_000),
    monthlyChurnBp: churn === null ? null : Math.round(churn * 10_000),
    predictedCents: arppu !== null && margin !== null && churn ? Math.round((arppu * margin) / churn) : null,
    customersToDate: customers,
    realizedAverageCents: customers > 0 ? Math.round(int(r.lifetime_net) / customers) : null,
  };
}

/** Trials started in the range and how many turned active within `windowDays` of starting. */
export async function trialConversion(em: EntityManager, from: string, to: string, windowDays: number) {
  const [start, end] = instants(from, to);
  const converted = `converted_at >= trial_started_at and converted_at <= trial_started_at + make_interval(days => ${windowDays})`;
  const r = (await one<Record<string, string | number | null>>(
    em,
    `select count(*)::int as trials, count(*) filter (where ${converted})::int as converted,
            avg(extract(epoch from converted_at - trial_started_at) / 86400) filter (where ${converted})::float8 as avg_days
       from analytics.trial_dim where trial_started_at >= ?::timestamptz and trial_started_at < ?::timestamptz`,
    [start, end],
  ))!;
  const trials = int(r.trials);
  const conv = int(r.converted);
  return { from, to, windowDays, trialsStarted: trials, converted: conv, conversionBp: bp(conv, trials), averageDaysToConvert: r.avg_days === null ? null : Number(r.avg_days) };
}
