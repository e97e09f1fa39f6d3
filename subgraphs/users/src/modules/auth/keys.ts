import {
  SignJWT,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importPKCS8,
  calculateJwkThumbprint,
  type JSONWebKeySet,
  type CryptoKey,
} from 'jose';
import type { Role } from '@startales/contracts';

export const ACCESS_TOKEN_ALG = 'EdDSA';

/** What an access token says about its holder. */
export interface AccessTokenClaims {
  userId: string;
  handle: string;
  roles: readonly Role[];
  /** Partner API keys: what the key may do (absent for player sessions: no restriction beyond roles). */
  scopes?: readonly string[];
  /** Partner API keys: which key the token was exchanged for. */
  apiKeyId?: string;
  /** Overrides the configured lifetime (never longer). */
  ttlSeconds?: number;
}

/** The users service's signing key and the public key set it serves at `/.well-known/jwks.json`. */
export interface SigningKeys {
  readonly kid: string;
  readonly jwks: JSONWebKeySet;
  signAccessToken(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }>;
}

/** Generates a fresh Ed25519 key pair and returns its private half as PKCS#8 PEM. */
export async function generatePrivateKeyPem(): Promise<string> {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true, crv: 'Ed25519' });
  return exportPKCS8(privateKey);
}

/** Loads the signing key from PEM (or generates one) and derives the JWKS from it. */
export async function createSigningKeys(options: {
  privateKeyPem: string | undefined;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}): Promise<SigningKeys> {
  let privateKey: CryptoKey;
  if (options.privateKeyPem) {
    privateKey = await importPKCS8(options.privateKeyPem.replace(/\\n/g, '\n'), ACCESS_TOKEN_ALG, { extractable: true });
  } else {
    privateKey = (await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true, crv: 'Ed25519' })).privateKey;
  }
  const { kty, crv, x } = await exportJWK(privateKey);
  const publicJwk = { kty: kty!, crv: crv!, x: x! };
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, kid, alg: ACCESS_TOKEN_ALG, use: 'sig' }] };
  return {
    kid,
    jwks,
    async signAccessToken(claims) {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + Math.min(options.ttlSeconds, claims.ttlSeconds ?? options.ttlSeconds);
      const token = await new SignJWT({
        typ: 'access',
        handle: claims.handle,
        roles: [...claims.roles],
        ...(claims.scopes ? { scopes: [...claims.scopes] } : {}),
        ...(claims.apiKeyId ? { akid: claims.apiKeyId } : {}),
      })
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid, typ: 'JWT' })
        .setSubject(claims.userId)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt(now)
        .setExpirationTime(exp)
        .setJti(Bun.randomUUIDv7())
        .sign(privateKey);
      return { token, expiresAt: new Date(exp * 1000) };
    },
  };
}
