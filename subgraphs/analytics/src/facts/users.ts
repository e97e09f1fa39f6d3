import type { EntityManager } from '@startales/kit';
import { all, one, run } from './sql.ts';
import { daysBetween, utcDay, weekStart } from './time.ts';

/** Funnel steps after signup (signup itself is `user_dim.signed_up_at`). */
export const FunnelStepKind = { VERIFIED: 'verified', PAID: 'paid', COMPLETED: 'completed' } as const;
export type FunnelStepKind = (typeof FunnelStepKind)[keyof typeof FunnelStepKind];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Envelope actors are a user id, `system…` or `service:<name>`: only a user id counts as a person's activity. */
export function isUserActor(actor: string): boolean {
  return UUID.test(actor);
}

interface UserRow {
  signup_day: string | null;
  max_day_offset: number;
  max_week_offset: number;
}

/** Creates the user's dimension row if needed and locks it for the rest of the transaction. */
async function lockUser(em: EntityManager, userId: string): Promise<UserRow> {
  await run(em, 'insert into analytics.user_dim (user_id) values (?) on conflict do nothing', [userId]);
  return (await one<UserRow>(
    em,
    `select to_char(signed_up_at at time zone 'utc', 'YYYY-MM-DD') as signup_day, max_day_offset, max_week_offset
       from analytics.user_dim where user_id = ? for update`,
    [userId],
  ))!;
}

/** Adds to `on_count` of one retention cell. */
async function countOn(em: EntityManager, period: 'DAY' | 'WEEK', cohort: string, offset: number, n = 1) {
  await run(
    em,
    `insert into analytics.retention_cell (period, cohort_start, period_offset, on_count, on_or_after_count) values (?, ?::date, ?, ?, 0)
     on conflict (period, cohort_start, period_offset) do update set on_count = retention_cell.on_count + excluded.on_count`,
    [period, cohort, offset, n],
  );
}

/**
 * "On or after" retention: a user counts in period N when they were active in period N or any later one. Each user
 * adds 1 to every period up to the furthest one they reached, so raising that furthest period from `from − 1` to `to`
 * adds 1 to periods `from..to`.
 */
async function countOnOrAfter(em: EntityManager, period: 'DAY' | 'WEEK', cohort: string, from: number, to: number) {
  if (to < from) return;
  await run(
    em,
    `insert into analytics.retention_cell (period, cohort_start, period_offset, on_count, on_or_after_count)
     select ?, ?::date, k, 0, 1 from generate_series(?::int, ?::int) k
     on conflict (period, cohort_start, period_offset) do update set on_or_after_count = retention_cell.on_or_after_count + 1`,
    [period, cohort, from, to],
  );
}

/**
 * `users.registered`: the user joins the day and week cohorts of their (UTC) signup; activity seen before the signup
 * arrived (events are not ordered across streams) is counted now.
 */
export async function recordSignup(em: EntityManager, userId: string, at: string): Promise<void> {
  const user = await lockUser(em, userId);
  if (user.signup_day) return; // first registration wins; a user registers once
  const day = utcDay(at);
  const week = weekStart(day);
  await run(em, 'update analytics.user_dim set signed_up_at = ?::timestamptz where user_id = ?', [at, userId]);
  for (const [period, cohort] of [['DAY', day], ['WEEK', week]] as const) {
    await run(
      em,
      `insert into analytics.retention_cohort (period, cohort_start, users) values (?, ?::date, 1)
       on conflict (period, cohort_start) do update set users = retention_cohort.users + 1`,
      [period, cohort],
    );
  }
  const days = await all<{ day: string }>(em, `select to_char(day, 'YYYY-MM-DD') as day from analytics.user_activity_day where user_id = ? and day > ?::date`, [userId, day]);
  const weeks = await all<{ week: string }>(em, `select to_char(week, 'YYYY-MM-DD') as week from analytics.user_activity_week where user_id = ? and week > ?::date`, [userId, week]);
  let maxDay = 0;
  for (const d of days) {
    const offset = daysBetween(day, d.day);
    await countOn(em, 'DAY', day, offset);
    maxDay = Math.max(maxDay, offset);
  }
  let maxWeek = 0;
  for (const w of weeks) {
    const offset = daysBetween(week, w.week) / 7;
    await countOn(em, 'WEEK', week, offset);
    maxWeek = Math.max(maxWeek, offset);
  }
  await countOnOrAfter(em, 'DAY', day, 1, maxDay);
  await countOnOrAfter(em, 'WEEK', week, 1, maxWeek);
  await run(em, 'update analytics.user_dim set max_day_offset = ?, max_week_offset = ? where user_id = ?', [maxDay, maxWeek, userId]);
}

/** Something the user did at `at`: an active day and week, counted into their cohorts' retention once known. */
export async function recordActivity(em: EntityManager, userId: string, at: string): Promise<void> {
  const user = await lockUser(em, userId);
  const day = utcDay(at);
  const week = weekStart(day);
  const newDay = await run(em, 'insert into analytics.user_activity_day (user_id, day) values (?, ?::date) on conflict do nothing', [userId, day]);
  const newWeek = await run(em, 'insert into analytics.user_activity_week (user_id, week) values (?, ?::date) on conflict do nothing', [userId, week]);
  if (!user.signup_day) return;
  const cohortWeek = weekStart(user.signup_day);
  const d = daysBetween(user.signup_day, day);
  const w = daysBetween(cohortWeek, week) / 7;
  if (newDay && d >= 1) await countOn(em, 'DAY', user.signup_day, d);
  if (newWeek && w >= 1) await countOn(em, 'WEEK', cohortWeek, w);
  const maxDay = Math.max(user.max_day_offset, 0);
  const maxWeek = Math.max(user.max_week_offset, 0);
  if (d > maxDay) await countOnOrAfter(em, 'DAY', user.signup_day, maxDay + 1, d);
  if (w > maxWeek) await countOnOrAfter(em, 'WEEK', cohortWeek, maxWeek + 1, w);
  if (d > user.max_day_offset || w > user.max_week_offset) {
    await run(em, 'update analytics.user_dim set max_day_offset = greatest(max_day_offset, ?), max_week_offset = greatest(max_week_offset, ?) where user_id = ?', [Math.max(d, 0), Math.max(w, 0), userId]);
  }
}

/** One occurrence of a funnel step (idempotent; the earliest instant reported for the same occurrence wins). */
export async function recordStep(em: EntityManager, userId: string, step: FunnelStepKind, ref: string, at: string): Promise<void> {
  await run(
    em,
    `insert into analytics.funnel_step (user_id, step, ref, occurred_at) values (?, ?, ?, ?::timestamptz)
     on conflict (user_id, step, ref) do update set occurred_at = least(funnel_step.occurred_at, excluded.occurred_at)`,
    [userId, step, ref, at],
  );
}
