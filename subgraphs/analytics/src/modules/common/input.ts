import { InputError } from '@startales/kit';
import { daysBetween } from '../../facts/time.ts';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A UTC calendar day `YYYY-MM-DD` (BAD_USER_INPUT naming `field` otherwise). */
export function parseDay(value: unknown, field: string): string {
  const m = typeof value === 'string' ? DAY.exec(value) : null;
  if (!m) throw new InputError(`${field} must be a day as YYYY-MM-DD, got ${JSON.stringify(value)}`, field);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== value) throw new InputError(`${field} is not a calendar day: ${value}`, field);
  return value as string;
}

/** An inclusive day range `[from, to]`, at most `maxDays` long. */
export function dayRange(from: unknown, to: unknown, maxDays: number): { from: string; to: string; days: number } {
  const f = parseDay(from, 'from');
  const t = parseDay(to, 'to');
  const days = daysBetween(f, t) + 1;
  if (days < 1) throw new InputError('to must be on or after from', 'to');
  if (days > maxDays) throw new InputError(`the range spans ${days} days; at most ${maxDays} are allowed`, 'to');
  return { from: f, to: t, days };
}

/** An integer within [min, max] (BAD_USER_INPUT naming `field` otherwise); `fallback` when absent. */
export function intInRange(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InputError(`${field} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`, field);
  }
  return value;
}

/** Offset paging with opaque cursors: `first` (1..max), `after` a cursor from a previous page. */
export function page(args: { first?: number | null; after?: string | null }, max = 1000, fallback = 50) {
  const limit = intInRange(args.first, 'first', 1, max, fallback);
  let offset = 0;
  if (args.after) {
    const decoded = /^o:(\d{1,9})$/.exec(Buffer.from(args.after, 'base64url').toString('utf8'));
    if (!decoded) throw new InputError('after is not a cursor this query returned', 'after');
    offset = Number(decoded[1]) + 1;
  }
  return { limit, offset, cursor: (i: number) => Buffer.from(`o:${offset + i}`).toString('base64url') };
}

/** A part as basis points (1 = 0.01%), null when the whole is 0. */
export function bp(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 10_000) / whole) : null;
}

/** Yesterday, UTC: the last complete day. */
export function yesterday(now = new Date()): string {
  return new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
}
