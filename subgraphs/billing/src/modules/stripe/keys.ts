/**
 * Deterministic Idempotency-Keys: the same logical operation always sends the same key, so a retry after a timeout
 * (by stripe-node, by us, or by the player clicking again) makes Stripe replay the first answer instead of acting twice.
 */
export function idempotencyKey(operation: string, ...parts: Array<string | number>): string {
  const key = ['startales', operation, ...parts.map(String)].join(':');
  // Stripe accepts up to 255 characters; every part we use is an id, a code or a number, well below that
  if (key.length > 255) throw new Error(`idempotency key too long: ${key.slice(0, 60)}…`);
  return key;
}

/** Whole seconds since the epoch (Stripe's timestamps). */
export const toUnix = (d: Date) => Math.floor(d.getTime() / 1000);
/** A Stripe timestamp as a Date. */
export const fromUnix = (s: number) => new Date(s * 1000);
/** A Stripe timestamp or null as a Date or null. */
export const fromUnixOrNull = (s: number | null | undefined) => (s == null ? null : new Date(s * 1000));
/** The id of an expandable Stripe field (`string | object | null`). */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value == null) return null;
  return typeof value === 'string' ? value : value.id;
}
