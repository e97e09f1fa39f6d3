import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { dirname, join } from 'node:path';

/**
 * Returns the path of the users service's Ed25519 signing key (PKCS#8 PEM), creating it on first start so
 * sessions survive restarts.
 */
export function ensureSigningKey(dataDir: string): string {
  const file = join(dataDir, 'jwt-ed25519.pem');
  if (existsSync(file)) return file;
  mkdirSync(dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  // write then rename, so a crash never leaves a truncated key behind
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, privateKey, { mode: 0o600 });
  renameSync(partial, file);
  return file;
}
