/**
 * CSRF prevention, as Apollo Server and Yoga's `useCSRFPrevention` do it: a browser sends a cross-site request without
 * a CORS preflight only when it is "simple" (GET/POST with no content type or a form / text one, and no custom
 * header). Such a request is refused unless it carries one of these headers, which force a preflight.
 */
export const CSRF_HEADERS = ['x-graphql-client-name', 'apollo-require-preflight', 'x-apollo-operation-name', 'graphql-preflight'] as const;

const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const OPERATION_PARAMS = /[?&](query|documentId|extensions)=/;

export function isPreflighted(request: Request): boolean {
  if (request.method !== 'GET' && request.method !== 'POST' && request.method !== 'HEAD') return true;
  const contentType = request.headers.get('content-type');
  if (contentType) {
    const mime = contentType.split(';', 1)[0]!.trim().toLowerCase();
    if (!SIMPLE_CONTENT_TYPES.has(mime)) return true;
  }
  for (const header of CSRF_HEADERS) if (request.headers.get(header)) return true;
  // a GET that names no operation runs nothing (GraphiQL's page in development, or Yoga's own refusal)
  return request.method !== 'POST' && !OPERATION_PARAMS.test(request.url);
}
