import { SignJWT, generateKeyPair, exportPKCS8, exportJWK, calculateJwkThumbprint, type CryptoKey, type JSONWebKeySet } from 'jose';

/** A signing key pair a test controls, to mint valid, expired or foreign tokens. */
export interface TestKeys {
  privateKeyPem: string;
  privateKey: CryptoKey;
  kid: string;
  jwks: JSONWebKeySet;
}

export async function createTestKeys(): Promise<TestKeys> {
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true, crv: 'Ed25519' });
  const { kty, crv, x } = await exportJWK(privateKey);
  const pub = { kty: kty!, crv: crv!, x: x! };
  const kid = await calculateJwkThumbprint(pub);
  return { privateKeyPem: await exportPKCS8(privateKey), privateKey, kid, jwks: { keys: [{ ...pub, kid, alg: 'EdDSA', use: 'sig' }] } };
}

export interface TokenClaims {
  userId: string;
  handle?: string;
  roles?: string[];
  /** Seconds from now; negative for an already expired token. */
  expiresIn?: number;
  issuer?: string;
  audience?: string;
}

/** Signs an access token the way the users service does. */
export async function signAccessToken(keys: TestKeys, claims: TokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ typ: 'access', handle: claims.handle ?? 'tester', roles: claims.roles ?? ['player'] })
    .setProtectedHeader({ alg: 'EdDSA', kid: keys.kid, typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(claims.issuer ?? 'startales-users')
    .setAudience(claims.audience ?? 'startales')
    .setIssuedAt(now - 60 + Math.min(0, claims.expiresIn ?? 0))
    .setExpirationTime(now + (claims.expiresIn ?? 900))
    .sign(keys.privateKey);
}

/** An unsigned token (`alg: none`) claiming to be `userId`: must always be refused. */
export function unsignedToken(userId: string, roles = ['admin']): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ typ: 'access', sub: userId, roles, iss: 'startales-users', aud: 'startales', iat: now, exp: now + 900 })}.`;
}
