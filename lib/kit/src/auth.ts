import { createRemoteJWKSet, createLocalJWKSet, jwtVerify, errors as joseErrors, type JSONWebKeySet } from 'jose';
import { ErrorCode, isRole, type Role } from '@startales/contracts';
import { AuthError, ForbiddenError } from './errors.ts';

/** Algorithms we accept. `none` and HMAC are never accepted, whatever a token's header says. */
export const ACCESS_TOKEN_ALGORITHMS = ['EdDSA', 'ES256'] as const;

/** Who is calling, as proven by a verified access token. */
export interface Principal {
  readonly userId: string;
  readonly handle: string;
  readonly roles: readonly Role[];
  /** The raw bearer token, forwarded to downstream services. */
  readonly token: string;
  /** Set when the token was exchanged for a partner API key: what the key may do. */
  readonly scopes?: readonly string[];
  /** Set when the token was exchanged for a partner API key. */
  readonly apiKeyId?: string;
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export interface VerifierOptions {
  /** Remote JWKS (the users service's `/.well-known/jwks.json`); fetched lazily and refreshed on unknown `kid`. */
  jwksUrl?: string;
  /** A local key set (the users service verifies with its own keys). */
  jwks?: JSONWebKeySet;
  issuer: string;
  audience: string;
}

/** Verifies access tokens against the users service's public keys. */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const keys = options.jwks
    ? createLocalJWKSet(options.jwks)
    : options.jwksUrl
      ? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })
      : undefined;
  if (!keys) throw new Error('createTokenVerifier needs jwksUrl or jwks');
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: [...ACCESS_TOKEN_ALGORITHMS],
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        if (payload.typ !== 'access') throw new AuthError('Not an access token', ErrorCode.INVALID_TOKEN);
        const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => typeof r === 'string' && isRole(r)) : [];
        const scopes = Array.isArray(payload.scopes) ? payload.scopes.filter((s): s is string => typeof s === 'string') : undefined;
        const apiKeyId = typeof payload.akid === 'string' ? payload.akid : undefined;
        return { userId: payload.sub!, handle: String(payload.handle ?? ''), roles, token, ...(scopes ? { scopes } : {}), ...(apiKeyId ? { apiKeyId } : {}) };
      } catch (error) {
        if (error instanceof AuthError) throw error;
        if (error instanceof joseErrors.JWTExpired) {
          throw new AuthError('Access token expired', ErrorCode.TOKEN_EXPIRED, { cause: error });
        }
        if (error instanceof joseErrors.JWKSTimeout || (error instanceof TypeError && /fetch/i.test(error.message))) {
          throw new AuthError('Cannot verify token right now', ErrorCode.SERVICE_UNAVAILABLE, { cause: error });
        }
        throw new AuthError('Invalid access token', ErrorCode.INVALID_TOKEN, { cause: error });
      }
    },
  };
}

/** Extracts a bearer token from an Authorization header; `undefined` when absent, throws when malformed. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AuthError('Authorization header must be "Bearer <token>"', ErrorCode.INVALID_TOKEN);
  return match[1];
}

/** The auth part of every request context: a verified principal or nobody. */
export interface AuthContext {
  readonly principal: Principal | null;
}

/** Resolves the request's principal; a present but invalid token is an error, never "anonymous". */
export async function authenticate(request: Request, verifier: TokenVerifier): Promise<AuthContext> {
  const token = bearerToken(request.headers.get('authorization'));
  if (!token) return { principal: null };
  return { principal: await verifier.verify(token) };
}

/** Returns the principal or throws UNAUTHENTICATED. */
export function requireUser(ctx: AuthContext): Principal {
  if (!ctx.principal) throw new AuthError('Sign in required');
  return ctx.principal;
}

/** Returns the principal when it holds one of `roles` (admins hold every role), else throws. */
export function requireRole(ctx: AuthContext, ...roles: Role[]): Principal {
  const principal = requireUser(ctx);
  if (principal.roles.includes('admin') || roles.some((r) => principal.roles.includes(r))) return principal;
  throw new ForbiddenError(`Requires role: ${roles.join(' or ')}`);
}
