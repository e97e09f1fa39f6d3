/**
 * Session schedules: a weekly slot (day, local time, IANA time zone) over N weeks, or one 24-hour window.
 * Instants are computed with Temporal in the campaign's time zone, so a weekly 19:00 stays 19:00 local across
 * daylight-saving changes (its UTC instant moves by the offset change).
 */

/** ISO weekday names, Monday = 1. */
export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A one-shot is one window of this many minutes. */
export const ONE_SHOT_MINUTES = 24 * 60;

export interface ScheduleInput {
  mode: 'WEEKLY' | 'ONE_SHOT' | string;
  /** The first session starts at the first slot at or after this instant (a one-shot starts exactly here). */
  notBefore: Date;
  /** Weekly: the day of the week. */
  weekday?: Weekday;
  /** Weekly: local wall-clock time `HH:MM` (24 h). */
  localTime?: string;
  /** IANA time zone the slot is anchored in. */
  timezone: string;
  /** Weekly: one session per week for this many weeks. */
  weeks: number;
  /** Weekly: how long one session lasts (real minutes). One-shots always last 24 h. */
  sessionMinutes: number;
}

export interface ScheduledSession {
  /** 0-based. */
  index: number;
  /** ISO instant (UTC, `Z`). */
  startsAt: string;
  endsAt: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True when `tz` is an IANA time zone name this runtime knows (plus `UTC`). */
export function isTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  try {
    Temporal.Now.zonedDateTimeISO(tz);
    return true;
  } catch {
    return false;
  }
}

/** `HH:MM` → [hour, minute], or undefined when malformed. */
export function parseLocalTime(value: string): [number, number] | undefined {
  const m = HHMM.exec(value);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** The UTC offset of `timezone` at `at`, in minutes (east positive). */
export function zoneOffsetMinutes(timezone: string, at: Date): number {
  const zdt = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timezone);
  return Math.round(zdt.offsetNanoseconds / 60e9);
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/**
 * Computes every session of a schedule. Weekly: the first `weekday localTime` in `timezone` at or after
 * `notBefore`, then the same local day and time each following week. A local time that does not exist on a
 * given date (spring forward) moves forward by the gap; an ambiguous one (fall back) takes the earlier instant
 * (Temporal's `compatible` disambiguation). Deterministic: same input, same sessions.
 */
export function computeSessions(input: ScheduleInput): ScheduledSession[] {
  const start = input.notBefore.getTime();
  if (input.mode === 'ONE_SHOT') return [{ index: 0, startsAt: iso(start), endsAt: iso(start + ONE_SHOT_MINUTES * 60_000) }];
  const time = input.localTime ? parseLocalTime(input.localTime) : undefined;
  if (!input.weekday || !time) throw new RangeError('a weekly schedule needs weekday and localTime HH:MM');
  if (!isTimeZone(input.timezone)) throw new RangeError(`unknown time zone ${input.timezone}`);
  const [hour, minute] = time;
  const targetDow = WEEKDAYS.indexOf(input.weekday) + 1;
  const local = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(input.timezone).toPlainDate();
  const at = (date: Temporal.PlainDate) =>
    date.toZonedDateTime({ timeZone: input.timezone, plainTime: new Temporal.PlainTime(hour, minute) }).epochMilliseconds;
  let first = local.add({ days: (targetDow - local.dayOfWeek + 7) % 7 });
  if (at(first) < start) first = first.add({ days: 7 });
  return Array.from({ length: input.weeks }, (_, index) => {
    const begins = at(first.add({ days: 7 * index }));
    return { index, startsAt: iso(begins), endsAt: iso(begins + input.sessionMinutes * 60_000) };
  });
}
