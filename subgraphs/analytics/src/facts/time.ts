/** UTC calendar helpers; days are `YYYY-MM-DD` strings, the shape PostgreSQL `date` columns come back in. */
const DAY_MS = 86_400_000;

/** The UTC day of an instant. */
export function utcDay(at: Date | string): string {
  return (typeof at === 'string' ? new Date(at) : at).toISOString().slice(0, 10);
}

export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: string, n: number): string {
  return new Date(dayMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayMs(b) - dayMs(a)) / DAY_MS);
}

/** The Monday (UTC) of the ISO week holding `day`. */
export function weekStart(day: string): string {
  const dow = (new Date(dayMs(day)).getUTCDay() + 6) % 7;
  return addDays(day, -dow);
}

/** The first day of the month holding `day`. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function addMonths(month: string, n: number): string {
  const d = new Date(dayMs(month));
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)).toISOString().slice(0, 10);
}

export function daysInMonth(month: string): number {
  return daysBetween(month, addMonths(month, 1));
}

/** A valid instant as ISO-8601, or undefined. */
export function isoOrUndefined(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
