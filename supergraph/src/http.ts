import type { ErrorCode } from '@startales/contracts';

/** A GraphQL-shaped error response from the HTTP layer (before Yoga runs). */
export function errorResponse(status: number, code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return Response.json({ errors: [{ message, extensions: { ...extensions, code } }] }, { status, headers });
}

const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The client's `x-request-id` when it is a sane token (it reaches logs and subgraphs), else a fresh UUIDv7. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && SAFE_REQUEST_ID.test(given) ? given : Bun.randomUUIDv7();
}
