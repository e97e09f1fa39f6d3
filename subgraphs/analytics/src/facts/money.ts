import type { EventEnvelope, RevenueRecordedData, SubscriptionChangedData, SubscriptionChangedMetrics } from '@startales/contracts';
import type { EntityManager } from '@startales/kit';
import { all, lockKey, one, run } from './sql.ts';
import { FunnelStepKind, recordStep } from './users.ts';
import { isoOrUndefined, utcDay } from './time.ts';

/** Revenue kinds that add to gross revenue; the others (refunds, lost disputes) are negative and count as refunds. */
const GROSS_KINDS = ['PAYMENT', 'INVOICE_LINE', 'REFUND_REVERSAL'];
/** Figures in other currencies stay in `revenue_daily` (per currency); per-user and per-campaign money is USD. */
const REPORTING_CURRENCY = 'USD';

/**
 * `billing.revenue_recorded`: the fact once per `sourceId`, then revenue by day and plan, the user's and the
 * campaign's lifetime revenue, and the funnel's "paid" step for a payment.
 */
export async function applyRevenue(em: EntityManager, event: EventEnvelope<RevenueRecordedData>): Promise<void> {
  const d = event.data;
  const at = isoOrUndefined(d.occurredAt) ?? event.occurredAt;
  if (typeof d.sourceId !== 'string' || typeof d.userId !== 'string' || !Number.isSafeInteger(d.amountCents)) return;
  const currency = (d.currency ?? REPORTING_CURRENCY).toUpperCase().slice(0, 3);
  const inserted = await run(
    em,
    `insert into analytics.revenue_fact (source_id, occurred_at, event_id, kind, plan, user_id, campaign_id, amount_cents, currency)
     values (?, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?) on conflict (source_id, occurred_at) do nothing`,
    [d.sourceId.slice(0, 300), at, event.id, d.kind, (d.plan ?? 'OTHER').slice(0, 64), d.userId, d.campaignId ?? null, d.amountCents, currency],
  );
  if (!inserted) return;
  const gross = GROSS_KINDS.includes(d.kind) ? d.amountCents : 0;
  const refund = GROSS_KINDS.includes(d.kind) ? 0 : -d.amountCents;
  const day = utcDay(at);
  await run(
    em,
    `insert into analytics.revenue_daily (day, plan, currency, gross_cents, refund_cents) values (?::date, ?, ?, ?, ?)
     on conflict (day, plan, currency) do update set gross_cents = revenue_daily.gross_cents + excluded.gross_cents, refund_cents = revenue_daily.refund_cents + excluded.refund_cents`,
    [day, (d.plan ?? 'OTHER').slice(0, 64), currency, gross, refund],
  );
  if (currency !== REPORTING_CURRENCY) return;
  await run(
    em,
    `insert into analytics.user_revenue_day (day, user_id, net_cents) values (?::date, ?, ?)
     on conflict (day, user_id) do update set net_cents = user_revenue_day.net_cents + excluded.net_cents`,
    [day, d.userId, d.amountCents],
  );
  await run(
    em,
    `insert into analytics.user_revenue (user_id, net_cents, first_paid_at) values (?, ?, ?::timestamptz)
     on conflict (user_id) do update set net_cents = user_revenue.net_cents + excluded.net_cents, first_paid_at = least(user_revenue.first_paid_at, excluded.first_paid_at)`,
    [d.userId, d.amountCents, gross > 0 ? at : null],
  );
  if (d.campaignId) {
    await run(
      em,
      `insert into analytics.campaign_finance (campaign_id, revenue_cents, refund_cents) values (?, ?, ?)
       on conflict (campaign_id) do update set revenue_cents = campaign_finance.revenue_cents + excluded.revenue_cents, refund_cents = campaign_finance.refund_cents + excluded.refund_cents`,
      [d.campaignId, gross, refund],
    );
  }
  if (gross > 0 && d.kind !== 'REFUND_REVERSAL') await recordStep(em, d.userId, FunnelStepKind.PAID, `revenue:${d.sourceId}`, at);
}

interface SubFact {
  at: string;
  event_id: string;
  day: string;
  plan: string;
  status: string;
  entitled: boolean;
  monthly_cents: string;
}

/** Paying: entitled and past any trial. MRR, active subscriptions, starts and ends count paying subscriptions only. */
const paying = (f: SubFact | null) => !!f && f.entitled && f.status !== 'trialing';

type Movement = Map<string, { active: number; mrr: number; starts: number; ends: number }>;

/**
 * What the step from subscription state `a` (null: none yet) to `b` changes on `b`'s day: paying subscriptions and
 * MRR move from `a`'s plan to `b`'s; becoming paying is a start, ceasing to be is an end (on the plan lost).
 */
function movement(a: SubFact | null, b: SubFact): Movement {
  const m: Movement = new Map();
  const bump = (plan: string, k: 'active' | 'mrr' | 'starts' | 'ends', n: number) => {
    const row = m.get(plan) ?? { active: 0, mrr: 0, starts: 0, ends: 0 };
    row[k] += n;
    m.set(plan, row);
  };
  if (paying(b)) {
    bump(b.plan, 'active', 1);
    bump(b.plan, 'mrr', Number(b.monthly_cents));
  }
  if (a && paying(a)) {
    bump(a.plan, 'active', -1);
    bump(a.plan, 'mrr', -Number(a.monthly_cents));
  }
  if (!paying(a) && paying(b)) bump(b.plan, 'starts', 1);
  if (a && paying(a) && !paying(b)) bump(a.plan, 'ends', 1);
  return m;
}

async function applyMovement(em: EntityManager, day: string, m: Movement, sign: 1 | -1) {
  for (const [plan, r] of m) {
    await run(
      em,
      `insert into analytics.subscription_daily (day, plan, active_delta, mrr_delta_cents, starts, ends) values (?::date, ?, ?, ?, ?, ?)
       on conflict (day, plan) do update set active_delta = subscription_daily.active_delta + excluded.active_delta,
         mrr_delta_cents = subscription_daily.mrr_delta_cents + excluded.mrr_delta_cents,
         starts = subscription_daily.starts + excluded.starts, ends = subscription_daily.ends + excluded.ends`,
      [day, plan, sign * r.active, sign * r.mrr, sign * r.starts, sign * r.ends],
    );
  }
}

const FACT_COLUMNS = `to_char(occurred_at at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, event_id, to_char(occurred_at at time zone 'utc', 'YYYY-MM-DD') as day, plan, status, entitled, monthly_cents`;

/**
 * `billing.subscription_changed`: the subscription's state from `at` on. Movements are kept per day so running sums
 * give active subscriptions and MRR at any day; an event arriving out of order (between states p and n already
 * known) retracts the p→n step and adds p→f and f→n, so the figures never depend on arrival order.
 */
export async function applySubscription(em: EntityManager, event: EventEnvelope<SubscriptionChangedData & SubscriptionChangedMetrics>): Promise<void> {
  const d = event.data;
  if (typeof d.subscriptionId !== 'string' || typeof d.userId !== 'string') return;
  const at = isoOrUndefined(d.at) ?? event.occurredAt;
  const monthly = Number.isSafeInteger(d.monthlyCents) && d.entitled ? (d.monthlyCents as number) : 0;
  await lockKey(em, `analytics:subscription:${d.subscriptionId}`);
  const f = await one<SubFact>(
    em,
    `insert into analytics.subscription_fact (event_id, occurred_at, subscription_id, user_id, plan, interval, status, entitled, monthly_cents)
     values (?, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id, occurred_at) do nothing returning ${FACT_COLUMNS}`,
    [event.id, at, d.subscriptionId, d.userId, String(d.plan).slice(0, 64), String(d.interval).slice(0, 16), String(d.status).slice(0, 32), d.entitled === true, monthly],
  );
  if (!f) return;
  const neighbours = await all<SubFact & { side: 'p' | 'n' }>(
    em,
    `(select 'p' as side, ${FACT_COLUMNS} from analytics.subscription_fact
       where subscription_id = ? and (occurred_at, event_id) < (?::timestamptz, ?::uuid) order by occurred_at desc, event_id desc limit 1)
     union all
     (select 'n' as side, ${FACT_COLUMNS} from analytics.subscription_fact
       where subscription_id = ? and (occurred_at, event_id) > (?::timestamptz, ?::uuid) order by occurred_at, event_id limit 1)`,
    [d.subscriptionId, at, event.id, d.subscriptionId, at, event.id],
  );
  const p = neighbours.find((r) => r.side === 'p') ?? null;
  const n = neighbours.find((r) => r.side === 'n') ?? null;
  if (n) await applyMovement(em, n.day, movement(p, n), -1);
  await applyMovement(em, f.day, movement(p, f), 1);
  if (n) await applyMovement(em, n.day, movement(f, n), 1);

  if (d.status === 'trialing' || d.status === 'active') {
    const column = d.status === 'trialing' ? 'trial_started_at' : 'converted_at';
    await run(
      em,
      `insert into analytics.trial_dim (subscription_id, user_id, ${column}) values (?, ?, ?::timestamptz)
       on conflict (subscription_id) do update set ${column} = least(trial_dim.${column}, excluded.${column})`,
      [d.subscriptionId, d.userId, at],
    );
  }
  if (d.status === 'active') await recordStep(em, d.userId, FunnelStepKind.PAID, `subscription:${d.subscriptionId}`, at);
}
