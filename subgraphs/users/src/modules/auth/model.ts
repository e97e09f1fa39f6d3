import { ErrorCode } from '@startales/contracts';
import { InputError } from '@startales/kit';

export interface RegisterInput {
  email: string;
  password: string;
  handle: string;
}
export interface LoginInput {
  email: string;
  password: string;
}

// Deliberately simple (RFC 5322 is not what users type): local@domain.tld, no spaces, one @.
const EMAIL = /^[^\s@]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const HANDLE = /^[A-Za-z0-9_]{3,24}$/;
const RESERVED_HANDLES = new Set([
  'admin', 'administrator', 'root', 'system', 'startales', 'moderator', 'mod', 'support', 'staff', 'gm', 'gamemaster',
  'help', 'security', 'official', 'null', 'undefined', 'me', 'api', 'finance',
]);
const COMMON_PASSWORDS = new Set([
  'password', 'password1', 'password123', '1234567890', '12345678910', 'qwertyuiop', 'letmein123', 'iloveyou12',
  'welcome123', 'admin12345', 'passw0rd123', 'abc1234567', 'qwerty1234', '1q2w3e4r5t',
]);

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function validateEmail(raw: string): string {
  const email = normalizeEmail(raw);
  if (email.length > 254 || !EMAIL.test(email)) throw new InputError('Enter a valid email address', 'email');
  return email;
}

export function validateHandle(raw: string): string {
  const handle = raw.trim();
  if (!HANDLE.test(handle)) {
    throw new InputError('Handle must be 3–24 letters, digits or underscores', 'handle');
  }
  if (RESERVED_HANDLES.has(handle.toLowerCase())) throw new InputError('That handle is reserved', 'handle', ErrorCode.HANDLE_TAKEN);
  return handle;
}

/** Length first (NIST 800-63B), plus a small deny-list and a minimum of variety. */
export function validatePassword(password: string, context: { email: string; handle: string }): void {
  const weak = (why: string) => new InputError(`Password is too weak: ${why}`, 'password', ErrorCode.WEAK_PASSWORD);
  if (password.length < PASSWORD_MIN_LENGTH) throw weak(`use at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) throw weak(`use at most ${PASSWORD_MAX_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) throw weak('it is a commonly used password');
  if (new Set(password).size < 5) throw weak('use more different characters');
  const local = context.email.split('@')[0]!.toLowerCase();
  if (lower.includes(context.handle.toLowerCase()) || (local.length >= 4 && lower.includes(local))) {
    throw weak('it must not contain your handle or email');
  }
}
