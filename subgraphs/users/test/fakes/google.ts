/**
 * A Google-like OpenID Connect provider on a free loopback port: discovery document, JWKS, authorize endpoint
 * (signs the "browser" in as `nextUser` at once and redirects back with code + state), and a token endpoint that
 * checks client credentials and PKCE and returns an RS256 id_token carrying the request's nonce.
 */
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { checkAuthorizeRequest, randomToken, redeemCode, redirectWith, type IssuedCode } from './oauth-common.ts';

export interface FakeGoogleUser {
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  givenName?: string;
}

/** Ways the next id_token is broken, to prove the client refuses each. */
export type IdTokenFault = 'wrong-nonce' | 'unknown-key' | 'bad-signature' | 'expired' | 'wrong-audience';

export interface FakeGoogle {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next authorization signs in as, and how its id_token is broken (once). */
  signInAs(user: FakeGoogleUser, fault?: IdTokenFault): void;
  /** Token requests answered so far (successful or not). */
  readonly tokenRequests: number;
  stop(): Promise<void>;
}

interface Pending {
  user: FakeGoogleUser;
  fault?: IdTokenFault;
}

export async function startFakeGoogle(options: { clientId?: string; clientSecret?: string } = {}): Promise<FakeGoogle> {
  const client = { id: options.clientId ?? 'fake-google-client.apps.example', secret: options.clientSecret ?? randomToken() };
  const kid = randomToken(8);
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const rogue = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const codes = new Map<string, IssuedCode<Pending>>();
  let next: Pending = { user: { sub: '100000000000000000001' } };
  let tokenRequests = 0;

  async function idToken(issuer: string, issued: IssuedCode<Pending>): Promise<string> {
    const { user, fault } = issued.user;
    const now = Math.floor(Date.now() / 1000);
    const iat = fault === 'expired' ? now - 7200 : now;
    const key: CryptoKey = fault === 'unknown-key' || fault === 'bad-signature' ? rogue.privateKey : privateKey;
    const aud = fault === 'wrong-audience' ? 'someone-else.apps.example' : client.id;
    return new SignJWT({
      azp: aud,
      ...(user.email !== undefined && { email: user.email, email_verified: user.emailVerified ?? true }),
      ...(user.name && { name: user.name }),
      ...(user.givenName && { given_name: user.givenName }),
      ...(issued.nonce !== null && { nonce: fault === 'wrong-nonce' ? randomToken() : issued.nonce }),
    })
      .setProtectedHeader({ alg: 'RS256', kid: fault === 'unknown-key' ? randomToken(8) : kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(aud)
      .setSubject(user.sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(key);
  }

  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const issuer = url.origin;
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /.well-known/openid-configuration':
          return Response.json({
            issuer,
            authorization_endpoint: `${issuer}/o/oauth2/v2/auth`,
            token_endpoint: `${issuer}/token`,
            userinfo_endpoint: `${issuer}/v1/userinfo`,
            jwks_uri: `${issuer}/oauth2/v3/certs`,
            response_types_supported: ['code', 'token', 'id_token', 'code id_token'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
            scopes_supported: ['openid', 'email', 'profile'],
            token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
            claims_supported: ['aud', 'email', 'email_verified', 'exp', 'given_name', 'iat', 'iss', 'name', 'sub'],
            code_challenge_methods_supported: ['plain', 'S256'],
            grant_types_supported: ['authorization_code', 'refresh_token'],
          });
        case 'GET /oauth2/v3/certs':
          return Response.json(jwks, { headers: { 'cache-control': 'public, max-age=300' } });
        case 'GET /o/oauth2/v2/auth': {
          const p = url.searchParams;
          const bad = checkAuthorizeRequest(p, client.id, 'openid');
          if (bad) return bad;
          const code = `4/${randomToken()}`;
          codes.set(code, {
            clientId: client.id,
            redirectUri: p.get('redirect_uri')!,
            challenge: p.get('code_challenge')!,
            scope: p.get('scope')!,
            nonce: p.get('nonce'),
            user: next,
            expiresAt: Date.now() + 60_000,
          });
          next = { user: next.user };
          // Google adds scope/authuser/prompt to the redirect: a client must ignore parameters it does not know
          return redirectWith(p.get('redirect_uri')!, { state: p.get('state') ?? '', code, scope: p.get('scope')!, authuser: '0', prompt: 'none' });
        }
        case 'POST /token': {
          tokenRequests++;
          const result = await redeemCode(req, codes, client);
          if ('error' in result) return result.error;
          return Response.json(
            {
              access_token: `ya29.${randomToken()}`,
              expires_in: 3599,
              scope: result.issued.scope,
              token_type: 'Bearer',
              id_token: await idToken(issuer, result.issued),
            },
            { headers: { 'cache-control': 'no-store' } },
          );
        }
        default:
          return new Response('not found', { status: 404 });
      }
    },
  });

  return {
    issuer: `http://127.0.0.1:${server.port}`,
    clientId: client.id,
    clientSecret: client.secret,
    signInAs(user, fault) {
      next = { user, fault };
    },
    get tokenRequests() {
      return tokenRequests;
    },
    stop: () => server.stop(true),
  };
}
