import type { EntityManager } from '@startales/kit';
import { all, int, one } from '../../facts/sql.ts';
import { addDays, utcDay, weekStart } from '../../facts/time.ts';
import { bp } from '../common/input.ts';

/** `[from, to]` days as the half-open instant range `[from 00:00Z, to + 1 day 00:00Z)`. */
export const instants = (from: string, to: string): [string, string] => [`${from}T00:00:00Z`, `${addDays(to, 1)}T00:00:00Z`];

export type RetentionPeriod = 'DAY' | 'WEEK';

export interface RetentionQuery {
  period: RetentionPeriod;
  from: string;
  to: string;
  offsets: number[];
  today?: string;
}

/** Retention cohorts straight from the incrementally kept cohort sizes and cells. */
export async function retention(em: EntityManager, q: RetentionQuery) {
  const step = q.period === 'DAY' ? 1 : 7;
  const first = q.period === 'DAY' ? q.from : weekStart(q.from);
  const last = q.period === 'DAY' ? q.to : weekStart(q.to);
  const today = q.today ?? utcDay(new Date());
  const rows = await all<{ start: string; size: number; period_offset: number | null; on_count: number | null; on_or_after_count: number | null }>(
    em,
    `select to_char(g, 'YYYY-MM-DD') as start, coalesce(c.users, 0) as size, cell.period_offset, cell.on_count, cell.on_or_after_count
       from generate_series(?::date, ?::date, make_interval(days => ?)) g
       left join analytics.retention_cohort c on c.period = ? and c.cohort_start = g::date
       left join analytics.retention_cell cell on cell.period = ? and cell.cohort_start = g::date and cell.period_offset in (${q.offsets.map(() => '?').join(', ')})
      order by g`,
    [first, last, step, q.period, q.period, ...q.offsets],
  );
  const cohorts = new Map<string, { start: string; size: number; cells: Map<number, { on: number; after: number }> }>();
  for (const r of rows) {
    const c = cohorts.get(r.start) ?? { start: r.start, size: int(r.size), cells: new Map() };
    if (r.period_offset !== null) c.cells.set(r.period_offset, { on: int(r.on_count), after: int(r.on_or_after_count) });
    cohorts.set(r.start, c);
  }
  return {
    period: q.period,
    offsets: q.offsets,
    cohorts: [...cohorts.values()].map((c) => ({
      start: c.start,
      size: c.size,
      values: q.offsets.map((offset) => {
        const cell = c.cells.get(offset) ?? { on: 0, after: 0 };
        return {
          offset,
          retained: cell.on,
          retainedBp: bp(cell.on, c.size),
          retainedOnOrAfter: cell.after,
          retainedOnOrAfterBp: bp(cell.after, c.size),
          complete: addDays(c.start, step * (offset + 1)) <= today,
        };
      }),
    })),
  };
}

/**
 * The ordered funnel, PostHog style: per user, the earliest occurrence of each step at or after the previous step's,
 * all within the conversion window of the signup. Reads only the per-user step rollup.
 */
export async function funnel(em: EntityManager, from: string, to: string, windowDays: number) {
  const [start, end] = instants(from, to);
  const next = (prev: string, step: string) =>
    `case when ${prev} is null then null else (select min(f.occurred_at) from analytics.funnel_step f
       where f.user_id = s.user_id and f.step = '${step}' and f.occurred_at >= ${prev} and f.occurred_at <= s.t1 + make_interval(days => ${windowDays})) end`;
  const r = (await one<Record<string, string | number | null>>(
    em,
    `with c as (select user_id, signed_up_at as t1 from analytics.user_dim where signed_up_at >= ?::timestamptz and signed_up_at < ?::timestamptz),
          s2 as (select s.*, ${next('s.t1', 'verified')} as t2 from c s),
          s3 as (select s.*, ${next('s.t2', 'paid')} as t3 from s2 s),
          s4 as (select s.*, ${next('s.t3', 'completed')} as t4 from s3 s)
     select count(*)::int as n1, count(t2)::int as n2, count(t3)::int as n3, count(t4)::int as n4,
            round(avg(extract(epoch from t2 - t1)))::bigint as a2, round(avg(extract(epoch from t3 - t2)))::bigint as a3,
            round(avg(extract(epoch from t4 - t3)))::bigint as a4
       from s4`,
    [start, end],
  ))!;
  const counts = [int(r.n1), int(r.n2), int(r.n3), int(r.n4)];
  const averages = [null, r.a2, r.a3, r.a4];
  const kinds = ['SIGNED_UP', 'EMAIL_VERIFIED', 'PAID', 'CAMPAIGN_COMPLETED'] as const;
  return {
    from,
    to,
    conversionWindowDays: windowDays,
    steps: kinds.map((step, i) => ({
      step,
      users: counts[i]!,
      conversionFromPreviousBp: i === 0 ? null : bp(counts[i]!, counts[i - 1]!),
      conversionFromStartBp: i === 0 ? null : bp(counts[i]!, counts[0]!),
      averageSecondsFromPrevious: averages[i] === null || averages[i] === undefined ? null : int(averages[i]),
    })),
  };
}

/** Session length, actions per session and next-session return rate, from the session rollups. */
export async function engagement(em: EntityManager, from: string, to: string) {
  const [start, end] = instants(from, to);
  const r = (await one<Record<string, string | number | null>>(
    em,
    `with s as (select * from analytics.game_session where started_at >= ?::timestamptz and started_at < ?::timestamptz),
          p as (select sp.* from analytics.session_participation sp join s on s.campaign_id = sp.campaign_id and s.session_index = sp.session_index),
          e as (select p.*, exists (select 1 from analytics.session_participation np
                  where np.campaign_id = p.campaign_id and np.session_index = p.session_index + 1 and np.user_id = p.user_id) as came_back
                  from p join analytics.game_session nx on nx.campaign_id = p.campaign_id and nx.session_index = p.session_index + 1 and nx.started_at is not null)
     select (select count(*) from s)::int as sessions,
            (select count(*) from s where ended_at is not null)::int as ended,
            (select round(avg(extract(epoch from ended_at - started_at))) from s where ended_at is not null)::bigint as avg_len,
            (select round(percentile_cont(0.5) within group (order by extract(epoch from ended_at - started_at))::numeric) from s where ended_at is not null)::bigint as median_len,
            (select coalesce(sum(actions), 0) from s)::bigint as actions,
            (select count(*) from p)::int as player_sessions,
            (select count(distinct user_id) from p)::int as players,
            (select count(*) from e)::int as eligible,
            (select count(*) from e where came_back)::int as returned`,
    [start, end],
  ))!;
  const sessions = int(r.sessions);
  const actions = int(r.actions);
  const playerSessions = int(r.player_sessions);
  const eligible = int(r.eligible);
  const returned = int(r.returned);
  return {
    from,
    to,
    sessions,
    endedSessions: int(r.ended),
    averageSessionSeconds: r.avg_len === null ? null : int(r.avg_len),
    medianSessionSeconds: r.median_len === null ? null : int(r.median_len),
    actions,
    actionsPerSession: sessions ? actions / sessions : null,
    playerSessions,
    actionsPerPlayerSession: playerSessions ? actions / playerSessions : null,
    activePlayers: int(r.players),
    returnEligible: eligible,
    returned,
    returnRateBp: bp(returned, eligible),
  };
}

/** Campaigns that ended in the range, from the campaign dimension. */
export async function campaignCompletion(em: EntityManager, from: string, to: string) {
  const [start, end] = instants(from, to);
  const inRange = (col: string) => `${col} >= ?::timestamptz and ${col} < ?::timestamptz`;
  const afterStart = `(cancelled_from = 'RUNNING' or (started_at is not null and started_at <= cancelled_at))`;
  const r = (await one<{ started: number; completed: number; cancelled_after: number; cancelled_before: number }>(
    em,
    `select (select count(*) from analytics.campaign_dim where ${inRange('started_at')})::int as started,
            (select count(*) from analytics.campaign_dim where ${inRange('completed_at')})::int as completed,
            (select count(*) from analytics.campaign_dim where ${inRange('cancelled_at')} and completed_at is null and ${afterStart})::int as cancelled_after,
            (select count(*) from analytics.campaign_dim where ${inRange('cancelled_at')} and completed_at is null and not ${afterStart})::int as cancelled_before`,
    [start, end, start, end, start, end, start, end],
  ))!;
  return {
    from,
    to,
    started: r.started,
    completed: r.completed,
    cancelledAfterStart: r.cancelled_after,
    cancelledBeforeStart: r.cancelled_before,
    completionRateBp: bp(r.completed, r.completed + r.cancelled_after),
  };
}

/** Subscription churn from the daily movements; player churn from the activity rollup. */
export async function churn(em: EntityManager, from: string, to: string, days: number) {
  const before = [addDays(from, -days), addDays(from, -1)];
  const r = (await one<Record<string, string | number>>(
    em,
    `select (select coalesce(sum(active_delta), 0) from analytics.subscription_daily where day < ?::date)::int as at_start,
            (select coalesce(sum(starts), 0) from analytics.subscription_daily where day between ?::date and ?::date)::int as started,
            (select coalesce(sum(ends), 0) from analytics.subscription_daily where day between ?::date and ?::date)::int as ended`,
    [from, from, to, from, to],
  ))!;
  const p = (await one<{ before: number; retained: number }>(
    em,
    `with b as (select distinct user_id from analytics.user_activity_day where day between ?::date and ?::date)
     select count(*)::int as before,
            count(*) filter (where exists (select 1 from analytics.user_activity_day a where a.user_id = b.user_id and a.day between ?::date and ?::date))::int as retained
       from b`,
    [before[0], before[1], from, to],
  ))!;
  const atStart = int(r.at_start);
  const ended = int(r.ended);
  return {
    from,
    to,
    subscriptionsAtStart: atStart,
    subscriptionsStarted: int(r.started),
    subscriptionsEnded: ended,
    subscriptionChurnBp: bp(ended, atStart),
    activePlayersBefore: p.before,
    activePlayersRetained: p.retained,
    playerChurnBp: bp(p.before - p.retained, p.before),
  };
}
