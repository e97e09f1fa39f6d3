import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** The TOTP parameters every authenticator app supports (RFC 6238 defaults). */
export const TOTP_ISSUER = 'Startales';
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the previous and next step are accepted too (clock drift). */
export const TOTP_WINDOW = 1;

const totp = (secretBase32: string, label = '') =>
  new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });

/** A fresh 160-bit secret (RFC 4226's recommended length), base32. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The otpauth:// URI an authenticator app reads from a QR code. */
export const totpUri = (secretBase32: string, accountName: string) => totp(secretBase32, accountName).toString();

/** The time step `code` is valid for at `now` (± the window), or null. */
export function matchTotp(secretBase32: string, code: string, now: number): number | null {
  const t = totp(secretBase32);
  const delta = t.validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  return delta === null ? null : t.counter({ timestamp: now }) + delta;
}

/** Ten recovery codes: 80 random bits each, shown as `abcd-efgh-ijkl-mnop` (base32, no look-alike digits). */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () =>
    new Secret({ buffer: new Uint8Array(randomBytes(10)).buffer }).base32.toLowerCase().match(/.{4}/g)!.join('-'),
  );
}

/** Recovery codes are compared by the SHA-256 of their normalized form (no dashes or spaces, lower case). */
export const hashRecoveryCode = (normalized: string) => createHash('sha256').update(normalized).digest('hex');

/**
 * Seals a TOTP secret for storage: AES-256-GCM bound to the user id (`v1:`), or `plain:` without a key. A secret
 * cannot be hashed (the server must compute codes), so encryption is what keeps a database dump from being an MFA
 * bypass.
 */
export function sealSecret(secretBase32: string, userId: string, key?: Uint8Array): string {
  if (!key) return `plain:${secretBase32}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(userId));
  const sealed = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
}

export function openSecret(stored: string, userId: string, key?: Uint8Array): string {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  if (!stored.startsWith('v1:')) throw new Error('unknown MFA secret format');
  if (!key) throw new Error('MFA secrets are encrypted but MFA_ENCRYPTION_KEY is not configured');
  const raw = Buffer.from(stored.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(Buffer.from(userId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
