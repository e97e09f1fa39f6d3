import { expect, test } from 'bun:test';
import { validateEmail, validateHandle, validatePassword } from '../src/modules/auth/model.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

test('emails are trimmed, lower-cased and checked', () => {
  expect(validateEmail('  Alice@Example.COM ')).toBe('alice@example.com');
  for (const bad of ['alice', 'alice@', '@example.com', 'a b@example.com', 'alice@example', 'a@@example.com', `${'a'.repeat(250)}@example.com`]) {
    expect(codeOf(() => validateEmail(bad))).toBe('BAD_USER_INPUT');
  }
});

test('handles: 3–24 word characters, reserved words refused', () => {
  expect(validateHandle(' Night_Owl ')).toBe('Night_Owl');
  expect(codeOf(() => validateHandle('ab'))).toBe('BAD_USER_INPUT');
  expect(codeOf(() => validateHandle('has space'))).toBe('BAD_USER_INPUT');
  expect(codeOf(() => validateHandle('Admin'))).toBe('HANDLE_TAKEN');
});

test('passwords: long enough, not common, not the handle', () => {
  const ctx = { email: 'alice@example.com', handle: 'nightowl' };
  expect(codeOf(() => validatePassword('correct horse battery', ctx))).toBe('accepted');
  expect(codeOf(() => validatePassword('short', ctx))).toBe('WEAK_PASSWORD');
  expect(codeOf(() => validatePassword('Password123', ctx))).toBe('WEAK_PASSWORD');
  expect(codeOf(() => validatePassword('aaaaaaaaaaaa', ctx))).toBe('WEAK_PASSWORD');
  expect(codeOf(() => validatePassword('my-nightowl-pass', ctx))).toBe('WEAK_PASSWORD');
  expect(codeOf(() => validatePassword('x'.repeat(60) + 'abcdefghijklmnopqrstuvwxyz'.repeat(3), ctx))).toBe('WEAK_PASSWORD');
});
