/**
 * A Discord-like OAuth 2 provider on a free loopback port: `/oauth2/authorize` (signs the "browser" in as
 * `nextUser` and redirects back with code + state), `/api/oauth2/token` (client credentials + PKCE) and
 * `/api/users/@me` (the profile for a bearer access token).
 */
import { checkAuthorizeRequest, randomToken, redeemCode, redirectWith, type IssuedCode } from './oauth-common.ts';

export interface FakeDiscordUser {
  id: string;
  username: string;
  global_name?: string | null;
  email?: string | null;
  verified?: boolean;
}

export interface FakeDiscord {
  /** DISCORD_API_URL */
  apiUrl: string;
  /** DISCORD_AUTHORIZE_URL */
  authorizeUrl: string;
  clientId: string;
  clientSecret: string;
  signInAs(user: FakeDiscordUser): void;
  stop(): Promise<void>;
}

export async function startFakeDiscord(options: { clientId?: string; clientSecret?: string } = {}): Promise<FakeDiscord> {
  const client = { id: options.clientId ?? '1100000000000000001', secret: options.clientSecret ?? randomToken() };
  const codes = new Map<string, IssuedCode<FakeDiscordUser>>();
  const accessTokens = new Map<string, FakeDiscordUser>();
  let next: FakeDiscordUser = { id: '80351110224678912', username: 'nelly' };

  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /oauth2/authorize': {
          const p = url.searchParams;
          const bad = checkAuthorizeRequest(p, client.id, 'identify');
          if (bad) return bad;
          const code = randomToken(20);
          codes.set(code, {
            clientId: client.id,
            redirectUri: p.get('redirect_uri')!,
            challenge: p.get('code_challenge')!,
            scope: p.get('scope')!,
            nonce: null,
            user: next,
            expiresAt: Date.now() + 60_000,
          });
          return redirectWith(p.get('redirect_uri')!, { code, state: p.get('state') ?? '' });
        }
        case 'POST /api/oauth2/token': {
          const result = await redeemCode(req, codes, client);
          if ('error' in result) return result.error;
          const accessToken = randomToken(20);
          accessTokens.set(accessToken, result.issued.user);
          return Response.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 604800, refresh_token: randomToken(20), scope: result.issued.scope });
        }
        case 'GET /api/users/@me': {
          const token = /^Bearer (\S+)$/.exec(req.headers.get('authorization') ?? '')?.[1];
          const user = token ? accessTokens.get(token) : undefined;
          if (!user) return Response.json({ message: '401: Unauthorized', code: 0 }, { status: 401 });
          return Response.json({
            id: user.id,
            username: user.username,
            discriminator: '0',
            global_name: user.global_name ?? null,
            avatar: null,
            mfa_enabled: false,
            locale: 'en-US',
            ...(user.email !== undefined && { email: user.email, verified: user.verified ?? false }),
          });
        }
        default:
          return Response.json({ message: '404: Not Found', code: 0 }, { status: 404 });
      }
    },
  });
  const base = `http://127.0.0.1:${server.port}`;
  return {
    apiUrl: `${base}/api`,
    authorizeUrl: `${base}/oauth2/authorize`,
    clientId: client.id,
    clientSecret: client.secret,
    signInAs(user) {
      next = user;
    },
    stop: () => server.stop(true),
  };
}
