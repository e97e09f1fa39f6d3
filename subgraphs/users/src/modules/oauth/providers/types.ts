import type { OAuthProviderId } from '../model.ts';

/** Who the provider says signed in. Only stable, verified facts are kept. */
export interface ProviderIdentity {
  /** The provider's stable id for the person (Google `sub`, Discord user id, 64-bit SteamID). */
  subject: string;
  /** Present only when the provider asserts the email is verified; lower-cased. */
  email: string | null;
  displayName: string | null;
  /** Strings a handle may be derived from, best first. */
  handleHints: string[];
}

/** What `oauthStart` generated for one attempt; the verifier and nonce stay on the server. */
export interface FlowSecrets {
  state: string;
  redirectUri: string;
  codeVerifier: string | null;
  nonce: string | null;
}

/** One identity provider: builds the authorization URL and verifies what came back. No database in here. */
export interface IdentityProvider {
  readonly id: OAuthProviderId;
  /** Whether flows need a PKCE verifier / an OIDC nonce generated at start. */
  readonly pkce: boolean;
  readonly nonce: boolean;
  authorizationUrl(flow: FlowSecrets): Promise<string>;
  /** Verifies the callback parameters against the flow; throws AppError (OAUTH_*, SERVICE_UNAVAILABLE) on failure. */
  verify(flow: FlowSecrets, params: URLSearchParams): Promise<ProviderIdentity>;
}

/** Plain HTTP is allowed only to loopback hosts (local fakes and development), never to a real provider. */
export function isLoopbackHttp(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}
