/** Bits every fake OAuth 2 provider needs: PKCE S256, client authentication, form bodies, redirects. */
import { createHash, randomBytes } from 'node:crypto';

export const randomToken = (bytes = 24) => randomBytes(bytes).toString('base64url');

/** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) must equal the stored code_challenge. */
export function pkceMatches(verifier: string | null, challenge: string): boolean {
  if (!verifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

/** client_secret_basic or client_secret_post (RFC 6749 §2.3.1); returns the authenticated client id or null. */
export function authenticateClient(req: Request, form: URLSearchParams, client: { id: string; secret: string }): string | null {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.get('authorization') ?? '');
  let id = form.get('client_id');
  let secret = form.get('client_secret');
  if (basic) {
    const [u, p] = Buffer.from(basic[1]!, 'base64').toString().split(':');
    id = decodeURIComponent(u ?? '');
    secret = decodeURIComponent(p ?? '');
  }
  return id === client.id && secret === client.secret ? id : null;
}

export const oauthError = (status: number, error: string, description: string) =>
  Response.json({ error, error_description: description }, { status, headers: { 'cache-control': 'no-store' } });

/** A 302 to `target` with `params` added to its query (what the provider sends the browser). */
export function redirectWith(target: string, params: Record<string, string>): Response {
  const url = new URL(target);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return new Response(null, { status: 302, headers: { location: url.toString() } });
}

export async function readForm(req: Request): Promise<URLSearchParams | null> {
  if (!(req.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return null;
  return new URLSearchParams(await req.text());
}

/** A pending authorization code, bound to the client, redirect URI and PKCE challenge it was issued for. */
export interface IssuedCode<U> {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  nonce: string | null;
  user: U;
  expiresAt: number;
}

/**
 * The authorization-code grant checks shared by the fakes (RFC 6749 §4.1.3, RFC 7636 §4.6): client auth, a
 * single-use unexpired code, the same redirect_uri and a code_verifier matching the challenge.
 */
export async function redeemCode<U>(
  req: Request,
  codes: Map<string, IssuedCode<U>>,
  client: { id: string; secret: string },
): Promise<{ issued: IssuedCode<U> } | { error: Response }> {
  const form = await readForm(req);
  if (!form) return { error: oauthError(400, 'invalid_request', 'expected a form body') };
  if (!authenticateClient(req, form, client)) return { error: oauthError(401, 'invalid_client', 'client authentication failed') };
  if (form.get('grant_type') !== 'authorization_code') return { error: oauthError(400, 'unsupported_grant_type', 'authorization_code only') };
  const code = form.get('code') ?? '';
  const issued = codes.get(code);
  codes.delete(code); // single use, whatever happens next
  if (!issued || issued.expiresAt < Date.now() || issued.clientId !== client.id) {
    return { error: oauthError(400, 'invalid_grant', 'unknown, used or expired code') };
  }
  if (form.get('redirect_uri') !== issued.redirectUri) return { error: oauthError(400, 'invalid_grant', 'redirect_uri mismatch') };
  if (!pkceMatches(form.get('code_verifier'), issued.challenge)) return { error: oauthError(400, 'invalid_grant', 'PKCE verification failed') };
  return { issued };
}

/** The authorize-endpoint checks shared by the fakes; returns the error response or null. */
export function checkAuthorizeRequest(params: URLSearchParams, clientId: string, scopeNeeded: string): Response | null {
  if (params.get('client_id') !== clientId) return new Response('unknown client_id', { status: 400 });
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri) return new Response('redirect_uri required', { status: 400 });
  if (params.get('response_type') !== 'code') return redirectWith(redirectUri, { error: 'unsupported_response_type', state: params.get('state') ?? '' });
  if (!params.get('code_challenge') || params.get('code_challenge_method') !== 'S256') {
    return redirectWith(redirectUri, { error: 'invalid_request', error_description: 'PKCE S256 required', state: params.get('state') ?? '' });
  }
  if (!(params.get('scope') ?? '').split(' ').includes(scopeNeeded)) {
    return redirectWith(redirectUri, { error: 'invalid_scope', state: params.get('state') ?? '' });
  }
  return null;
}
