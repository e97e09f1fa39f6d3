import { InputError } from '@startales/kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0/C1 controls except tab and newline
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A UUID argument, lower-cased; BAD_USER_INPUT naming `field` otherwise. */
export function parseId(value: unknown, field: string): string {
  if (!isUuid(value)) throw new InputError(`${field} is not a valid id`, field);
  return value.toLowerCase();
}

/** An optional UUID argument. */
export function parseOptionalId(value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : parseId(value, field);
}

/** Free text, trimmed, `min`–`max` characters, without control characters. */
export function parseText(value: unknown, field: string, limits: { min?: number; max: number }): string {
  const text = typeof value === 'string' ? value.trim() : '';
  const min = limits.min ?? 0;
  if (text.length < min) throw new InputError(min <= 1 ? `${field} must not be empty` : `${field} must be at least ${min} characters`, field);
  if (text.length > limits.max) throw new InputError(`${field} must be at most ${limits.max} characters`, field);
  if (CONTROL.test(text)) throw new InputError(`${field} must not contain control characters`, field);
  return text;
}

/** One of `values`; BAD_USER_INPUT listing them otherwise. */
export function parseEnum<const T extends string>(value: unknown, values: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw new InputError(`${field} must be one of ${values.join(', ')}`, field);
  }
  return value as T;
}
