import { ErrorCode, ROLES, type Role } from '@startales/contracts';
import { AppError, InputError } from '@startales/kit';

/** Link tokens are 32 random bytes, base64url (43 characters). */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same answer for an unknown, expired, used or mistyped link token. */
export const invalidLinkToken = (field = 'token') =>
  new AppError(ErrorCode.INVALID_TOKEN, 'This link is invalid or has expired; ask for a new one', 400, { field });

/** A link token argument: a string of sane length (its format is checked against the store, uniformly). */
export function readLinkToken(value: unknown, field = 'token'): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InputError('A token is required', field);
  if (value.length > 256) throw new InputError('Token is too long', field);
  return value.trim();
}

/** `setUserRoles` roles: GraphQL enum values (`ADMIN`) to stored roles (`admin`), at least one, no repeats. */
export function readRoles(values: unknown): Role[] {
  if (!Array.isArray(values) || values.length === 0) throw new InputError('Give at least one role', 'roles');
  const roles = values.map((v) => String(v).toLowerCase());
  for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) throw new InputError(`Unknown role ${r}`, 'roles');
  return [...new Set(roles)] as Role[];
}
