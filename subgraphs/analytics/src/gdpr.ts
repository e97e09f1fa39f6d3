import type { GdprHandlers } from '@startales/kit';
import { PERSONAL_KEYS } from './facts/domain.ts';
import { all, run } from './facts/sql.ts';

const ISO = (col: string) => `to_char(${col} at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const MINUS_PERSONAL = PERSONAL_KEYS.map((k) => ` - '${k}'`).join('');

/**
 * Analytics keeps ids, instants and amounts for aggregate figures; it never stores emails, handles, display names or
 * free text (payloads are minimised on the way in). Erasure scrubs those keys again from every fact caused by or
 * about the user (older rows) and turns their actor into `erased`; rollups and aggregates stay.
 */
export const analyticsGdpr: GdprHandlers = {
  async exportUser(em, userId) {
    const events = await all(
      em,
      `select id, ${ISO('occurred_at')} as "occurredAt", type, data from analytics.domain_event_fact where actor = ? or user_id = ? order by occurred_at`,
      [userId, userId],
    );
    const gameEvents = await all(
      em,
      `select id, ${ISO('occurred_at')} as "occurredAt", type, campaign_id as "campaignId", session_index as "sessionIndex" from analytics.game_event_fact where user_id = ? order by occurred_at`,
      [userId],
    );
    const llmUsageByMonth = await all(
      em,
      `select to_char(month, 'YYYY-MM') as month, calls::text, cost_micros::text as "costMicros" from analytics.llm_cost_user_monthly where user_id = ? order by month`,
      [userId],
    );
    const activeDays = await all<{ day: string }>(em, `select to_char(day, 'YYYY-MM-DD') as day from analytics.user_activity_day where user_id = ? order by day`, [userId]);
    const funnel = await all(em, `select step, ref, ${ISO('occurred_at')} as "occurredAt" from analytics.funnel_step where user_id = ? order by occurred_at`, [userId]);
    const revenue = await all(
      em,
      `select source_id as "sourceId", kind, plan, campaign_id as "campaignId", amount_cents::text as "amountCents", currency, ${ISO('occurred_at')} as "occurredAt"
         from analytics.revenue_fact where user_id = ? order by occurred_at`,
      [userId],
    );
    const subscriptions = await all(
      em,
      `select subscription_id as "subscriptionId", plan, interval, status, entitled, ${ISO('occurred_at')} as "occurredAt" from analytics.subscription_fact where user_id = ? order by occurred_at`,
      [userId],
    );
    return { events, gameEvents, llmUsageByMonth, activeDays: activeDays.map((r) => r.day), funnel, revenue, subscriptions };
  },
  async eraseUser(em, userId) {
    // em.execute runs in the consumer's transaction, together with the acknowledgement it queues
    await run(
      em,
      `update analytics.domain_event_fact set data = data${MINUS_PERSONAL}, actor = case when actor = ? then 'erased' else actor end where actor = ? or user_id = ?`,
      [userId, userId, userId],
    );
    await run(em, `update analytics.game_event_fact set data = data${MINUS_PERSONAL} where user_id = ?`, [userId]);
  },
};
