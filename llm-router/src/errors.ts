import { LlmRouterErrorCode } from '@startales/contracts';

/** Codes in the `code` field of the router's error bodies (lib/contracts: callers branch on them). */
export const RouterErrorCode = LlmRouterErrorCode;
export type RouterErrorCode = (typeof RouterErrorCode)[keyof typeof RouterErrorCode];

/** OpenAI's `error.type` for a status, so OpenAI-built clients classify our errors as they would theirs. */
export function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 402) return 'insufficient_quota';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 529 || status === 503) return 'overloaded_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/** Every expected failure: a code, an HTTP status, and the request parameter at fault when there is one. */
export class RouterError extends Error {
  override readonly name = 'RouterError';
  constructor(
    readonly code: RouterErrorCode,
    message: string,
    readonly status: number,
    readonly extra: { param?: string; retryAfterSeconds?: number; type?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const badRequest = (message: string, param?: string) => new RouterError(RouterErrorCode.BAD_USER_INPUT, message, 400, { param });

/**
 * The error body: OpenAI's `{ error: { message, type, code, param } }`. For `/v1/messages` it also carries
 * Anthropic's top-level `type: "error"`, so both SDKs parse it.
 */
export function errorResponse(error: RouterError, anthropic = false): Response {
  const type = error.extra.type ?? errorType(error.status);
  const body = {
    ...(anthropic ? { type: 'error' } : {}),
    error: { message: error.message, type, code: error.code, param: error.extra.param ?? null },
  };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (error.extra.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.extra.retryAfterSeconds);
  return new Response(JSON.stringify(body), { status: error.status, headers });
}
