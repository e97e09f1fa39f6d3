import * as client from 'openid-client';
import { OAuthProviderId } from '../model.ts';
import { toOAuthError, providerUnreachable, verificationFailed } from './errors.ts';
import { isLoopbackHttp, type IdentityProvider, type ProviderIdentity } from './types.ts';

export interface GoogleOptions {
  clientId: string;
  clientSecret: string;
  /** OIDC issuer; its `/.well-known/openid-configuration` is discovered once and cached. */
  issuer: string;
  /** Seconds per HTTP call to the provider. */
  timeoutSeconds?: number;
}

/**
 * Google (OpenID Connect): discovery, authorization code + PKCE (S256), state, nonce, and an id_token whose
 * signature (JWKS from discovery), `iss`, `aud`, `azp`, `exp`/`iat` and `nonce` openid-client verifies.
 */
export function createGoogleProvider(options: GoogleOptions): IdentityProvider {
  const id = OAuthProviderId.google;
  let config: Promise<client.Configuration> | undefined;

  const configuration = () => {
    config ??= client
      .discovery(new URL(options.issuer), options.clientId, options.clientSecret, undefined, {
        timeout: options.timeoutSeconds ?? 10,
        execute: [
          // id_tokens arrive over TLS from the token endpoint, where the spec lets clients skip the signature
          // check; we check it anyway (and the tests prove a token signed by an unknown key is refused)
          client.enableNonRepudiationChecks,
          ...(isLoopbackHttp(options.issuer) ? [client.allowInsecureRequests] : []),
        ],
      })
      .catch((error: unknown) => {
        config = undefined; // retry discovery on the next attempt
        throw providerUnreachable(id, error);
      });
    return config;
  };

  return {
    id,
    pkce: true,
    nonce: true,
    async authorizationUrl(flow) {
      const cfg = await configuration();
      return client
        .buildAuthorizationUrl(cfg, {
          redirect_uri: flow.redirectUri,
          scope: 'openid email profile',
          state: flow.state,
          nonce: flow.nonce!,
          code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier!),
          code_challenge_method: 'S256',
        })
        .toString();
    },
    async verify(flow, params): Promise<ProviderIdentity> {
      const cfg = await configuration();
      const currentUrl = new URL(flow.redirectUri);
      currentUrl.search = params.toString();
      let claims: client.IDToken | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(cfg, currentUrl, {
          pkceCodeVerifier: flow.codeVerifier!,
          expectedState: flow.state,
          expectedNonce: flow.nonce!,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        throw toOAuthError(error, id);
      }
      if (!claims?.sub) throw verificationFailed(id, 'id_token_sub', 'The provider sent no subject');
      const email = claims.email_verified === true && typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
      const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
      return {
        subject: claims.sub,
        email,
        displayName: str(claims.name),
        handleHints: [str(claims.given_name), str(claims.name), email?.split('@')[0], str(claims.email)?.split('@')[0]].filter((h): h is string => !!h),
      };
    },
  };
}
