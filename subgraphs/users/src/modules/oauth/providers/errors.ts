import * as client from 'openid-client';
import { ErrorCode } from '@startales/contracts';
import { AppError } from '@startales/kit';

export const verificationFailed = (provider: string, reason: string, message = 'The sign-in could not be verified', extra: Record<string, unknown> = {}, cause?: unknown) =>
  new AppError(ErrorCode.OAUTH_VERIFICATION_FAILED, message, 401, { provider, reason, ...extra }, { cause });

export const providerUnreachable = (provider: string, cause?: unknown) =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, `${provider} cannot be reached right now; try again`, 503, { provider }, { cause });

export const denied = (provider: string, providerError: string) =>
  new AppError(ErrorCode.OAUTH_DENIED, 'The provider did not authorize the sign-in', 401, { provider, providerError });

// openid-client codes that mean "the provider misbehaved or is unreachable", not "the answer is forged"
const UNAVAILABLE = new Set(['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']);

/** Turns an openid-client / oauth4webapi / fetch failure into a typed AppError; programming errors pass through. */
export function toOAuthError(error: unknown, provider: string): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof client.AuthorizationResponseError) return denied(provider, error.error);
  if (error instanceof client.ResponseBodyError) {
    if (error.status >= 500) return providerUnreachable(provider, error);
    // e.g. invalid_grant: an unknown, used or injected code, or a PKCE code_verifier that does not match
    return verificationFailed(provider, 'token_exchange', 'The provider refused the authorization code', { providerError: error.error }, error);
  }
  if (error instanceof client.ClientError) {
    if (!error.code || UNAVAILABLE.has(error.code)) return providerUnreachable(provider, error);
    const detail = (error.cause ?? {}) as { message?: string; cause?: { claim?: string } };
    const claim = detail.cause?.claim;
    if (claim) return verificationFailed(provider, `id_token_${claim}`, `The provider's id_token has an invalid "${claim}" claim`, {}, error);
    if (error.code === 'OAUTH_KEY_SELECTION_FAILED' || /signature/i.test(detail.message ?? '')) {
      return verificationFailed(provider, 'id_token_signature', "The provider's id_token signature is not valid", {}, error);
    }
    return verificationFailed(provider, 'invalid_response', 'The provider sent an invalid response', {}, error);
  }
  // fetch failures (connection refused, DNS, TLS) are TypeErrors without a Node-style ERR_ code
  if (error instanceof TypeError && !String((error as { code?: unknown }).code ?? '').startsWith('ERR_')) return providerUnreachable(provider, error);
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return providerUnreachable(provider, error);
  return error;
}
