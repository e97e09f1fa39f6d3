import * as client from 'openid-client';
import { OAuthProviderId } from '../model.ts';
import { toOAuthError, providerUnreachable, verificationFailed } from './errors.ts';
import { isLoopbackHttp, type IdentityProvider, type ProviderIdentity } from './types.ts';

export interface DiscordOptions {
  clientId: string;
  clientSecret: string;
  /** REST base, e.g. https://discord.com/api: token at `/oauth2/token`, profile at `/users/@me`. */
  apiUrl: string;
  authorizeUrl: string;
  timeoutSeconds?: number;
}

interface DiscordUser {
  id?: unknown;
  username?: unknown;
  global_name?: unknown;
  email?: unknown;
  verified?: unknown;
}

/** Discord (plain OAuth 2): authorization code + PKCE (S256) and state, then `GET /users/@me` with the access token. */
export function createDiscordProvider(options: DiscordOptions): IdentityProvider {
  const id = OAuthProviderId.discord;
  const api = options.apiUrl.replace(/\/+$/, '');
  const timeoutMs = (options.timeoutSeconds ?? 10) * 1000;
  const config = new client.Configuration(
    { issuer: new URL(options.authorizeUrl).origin, authorization_endpoint: options.authorizeUrl, token_endpoint: `${api}/oauth2/token` },
    options.clientId,
    options.clientSecret,
  );
  config.timeout = options.timeoutSeconds ?? 10;
  if (isLoopbackHttp(options.authorizeUrl) || isLoopbackHttp(api)) client.allowInsecureRequests(config);

  return {
    id,
    pkce: true,
    nonce: false,
    async authorizationUrl(flow) {
      return client
        .buildAuthorizationUrl(config, {
          redirect_uri: flow.redirectUri,
          scope: 'identify email',
          state: flow.state,
          code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier!),
          code_challenge_method: 'S256',
          prompt: 'none',
        })
        .toString();
    },
    async verify(flow, params): Promise<ProviderIdentity> {
      const currentUrl = new URL(flow.redirectUri);
      currentUrl.search = params.toString();
      let accessToken: string;
      try {
        const tokens = await client.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: flow.codeVerifier!, expectedState: flow.state });
        accessToken = tokens.access_token;
      } catch (error) {
        throw toOAuthError(error, id);
      }
      let res: Response;
      try {
        res = await fetch(`${api}/users/@me`, {
          headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw providerUnreachable(id, error);
      }
      if (res.status >= 500) throw providerUnreachable(id, new Error(`GET /users/@me answered ${res.status}`));
      if (!res.ok) throw verificationFailed(id, 'userinfo', 'The provider refused the profile request');
      const user = (await res.json().catch(() => ({}))) as DiscordUser;
      if (typeof user.id !== 'string' || !/^\d{1,20}$/.test(user.id)) throw verificationFailed(id, 'userinfo', 'The provider sent an invalid profile');
      const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
      const email = user.verified === true && typeof user.email === 'string' ? user.email.toLowerCase() : null;
      return {
        subject: user.id,
        email,
        displayName: str(user.global_name) ?? str(user.username),
        handleHints: [str(user.username), str(user.global_name)].filter((h): h is string => !!h),
      };
    },
  };
}
