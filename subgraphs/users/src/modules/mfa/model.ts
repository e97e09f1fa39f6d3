import { InputError } from '@startales/kit';

/** A code as typed: 6 digits from the authenticator app, or a recovery code (dashes and spaces ignored). */
export type MfaCode = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };

export function readMfaCode(value: unknown, field = 'code'): MfaCode {
  const compact = typeof value === 'string' ? value.replace(/[\s-]/g, '').toLowerCase() : '';
  if (/^\d{6}$/.test(compact)) return { kind: 'totp', code: compact };
  if (/^[a-z2-7]{16}$/.test(compact)) return { kind: 'recovery', code: compact };
  throw new InputError('Enter the 6-digit code from your authenticator app, or a recovery code', field);
}
