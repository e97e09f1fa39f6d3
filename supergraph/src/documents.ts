import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '@startales/contracts';
import type { Logger, Principal } from '@startales/kit';

/** Where a partner's trusted documents (persisted operations) are looked up: the users subgraph's documents module. */
export interface TrustedDocumentStore {
  /** The text of the document `id` (SHA-256 hex) the principal's owner registered, or null. */
  get(principal: Principal, id: string): Promise<string | null>;
}

const DOCUMENT_ID = /^[0-9a-f]{64}$/;
const LOOKUP = 'query StartalesTrustedDocument($id: ID!) { myTrustedDocument(id: $id) { body } }';

/**
 * Looks documents up at the users subgraph with the caller's own (key-exchanged) token, so a key only ever reaches
 * its owner's documents. A document's text never changes for its id, so hits are cached for `ttlMs` (bounding how
 * long a removed document keeps working) and misses for `missTtlMs`.
 */
export function createTrustedDocumentStore(options: { usersUrl: string; logger: Logger; ttlMs?: number; missTtlMs?: number; maxEntries?: number; timeoutMs?: number }): TrustedDocumentStore {
  const url = options.usersUrl.replace(/\/graphql\/?$/, '') + '/graphql';
  const ttl = options.ttlMs ?? 5 * 60_000;
  const missTtl = options.missTtlMs ?? 10_000;
  const max = options.maxEntries ?? 20_000;
  const cache = new Map<string, { body: string | null; until: number }>();
  const inFlight = new Map<string, Promise<string | null>>();
  return {
    async get(principal, id) {
      if (!DOCUMENT_ID.test(id)) return null;
      const key = `${principal.userId}:${id}`;
      const hit = cache.get(key);
      if (hit && hit.until > Date.now()) return hit.body;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const p = (async () => {
        let res: Response;
        try {
          res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${principal.token}` },
            body: JSON.stringify({ query: LOOKUP, variables: { id } }),
            signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
          });
        } catch (error) {
          options.logger.error('trusted document lookup failed', { error });
          throw new GraphQLError('Cannot look up the document right now', { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503 } } });
        }
        const body = (await res.json().catch(() => null)) as { data?: { myTrustedDocument?: { body: string } | null }; errors?: unknown[] } | null;
        if (!res.ok || !body || body.errors?.length) {
          options.logger.warn('trusted document lookup refused', { status: res.status, errors: body?.errors });
          return null;
        }
        const text = body.data?.myTrustedDocument?.body ?? null;
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(key, { body: text, until: Date.now() + (text === null ? missTtl : ttl) });
        return text;
      })().finally(() => inFlight.delete(key));
      inFlight.set(key, p);
      return p;
    },
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function fail(code: ErrorCode, message: string, status: number): never {
  throw new GraphQLError(message, { extensions: { code, http: { status } } });
}

/** The document id a request names: `documentId` (optionally `sha256:`-prefixed) or Apollo's `persistedQuery.sha256Hash`. */
export function requestedDocumentId(params: Record<string, unknown>): string | undefined {
  const raw = params.documentId ?? (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery?.sha256Hash;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') fail(ErrorCode.BAD_USER_INPUT, 'documentId must be a string', 400);
  return raw.startsWith('sha256:') ? raw.slice(7) : raw;
}

/**
 * Trusted documents. A request may name a registered document instead of sending its text; where `required`
 * (production, or REQUIRE_TRUSTED_DOCUMENTS), a partner API key may run nothing else. Text sent with an id must hash
 * to it. Runs on the request's params, before parsing.
 */
export function useTrustedDocuments(options: { store?: TrustedDocumentStore; required: boolean }): Plugin {
  return {
    async onParams({ params, setParams, context }) {
      if (!params || typeof params !== 'object' || Array.isArray(params)) return;
      const principal = (context as { auth?: { principal?: Principal | null } }).auth?.principal ?? null;
      const partnerKey = !!principal?.apiKeyId;
      const p = params as unknown as Record<string, unknown>;
      const id = requestedDocumentId(p);
      const { documentId: _d, ...rest } = p;
      const query = p.query;
      if (typeof query === 'string' && query.length > 0) {
        if (id !== undefined && sha256(query) !== id) fail(ErrorCode.BAD_USER_INPUT, 'The document does not match its sha256Hash', 400);
        if (partnerKey && options.required) {
          if (id === undefined) fail(ErrorCode.PERSISTED_QUERY_REQUIRED, 'API keys may run only registered trusted documents: send documentId', 400);
          if (!options.store || !(await options.store.get(principal!, id))) fail(ErrorCode.PERSISTED_QUERY_NOT_FOUND, 'PersistedQueryNotFound', 400);
        }
        if (_d !== undefined) setParams(rest as never);
        return;
      }
      if (id === undefined) {
        if (partnerKey && options.required) fail(ErrorCode.PERSISTED_QUERY_REQUIRED, 'API keys may run only registered trusted documents: send documentId', 400);
        return;
      }
      const text = principal && options.store ? await options.store.get(principal, id) : null;
      // the message is what Apollo clients look for before retrying with the full text (where that is allowed)
      if (!text) fail(ErrorCode.PERSISTED_QUERY_NOT_FOUND, 'PersistedQueryNotFound', 400);
      setParams({ ...rest, query: text } as never);
    },
  };
}
