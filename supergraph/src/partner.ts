import { createHash } from 'node:crypto';
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode, type FragmentDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '@startales/contracts';
import { AuthError, type Logger } from '@startales/kit';

/** Partner API keys are opaque strings with this prefix; anything else after `Bearer` is a JWT. */
export const API_KEY_PREFIX = 'stk_';

export interface ApiKeyExchanger {
  /** Returns an access token for the key (cached until shortly before it expires). */
  exchange(key: string): Promise<string>;
}

/**
 * Exchanges partner API keys for short-lived access tokens at the users service, caching each by the key's
 * hash so a busy partner costs one exchange per few minutes, not one per request.
 */
export function createApiKeyExchanger(options: { usersUrl: string; logger: Logger; maxEntries?: number }): ApiKeyExchanger {
  const url = options.usersUrl.replace(/\/graphql\/?$/, '') + '/api-keys/exchange';
  const cache = new Map<string, { token: string; refreshAt: number }>();
  // refused keys are remembered briefly, so replaying one does not reach the users service every time
  const refused = new Map<string, number>();
  const inFlight = new Map<string, Promise<string>>();
  const max = options.maxEntries ?? 10_000;
  return {
    async exchange(key) {
      const id = createHash('sha256').update(key).digest('hex');
      const hit = cache.get(id);
      if (hit && hit.refreshAt > Date.now()) return hit.token;
      const until = refused.get(id);
      if (until !== undefined && until > Date.now()) throw new AuthError('Invalid API key', ErrorCode.INVALID_TOKEN);
      const pending = inFlight.get(id);
      if (pending) return pending;
      const p = (async () => {
        let res: Response;
        try {
          res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
        } catch (error) {
          options.logger.error('api key exchange unreachable', { error });
          throw new AuthError('Cannot verify the API key right now', ErrorCode.SERVICE_UNAVAILABLE, { cause: error });
        }
        if (!res.ok) {
          cache.delete(id);
          if (res.status === 401 || res.status === 400) {
            if (refused.size >= max) refused.delete(refused.keys().next().value!);
            refused.set(id, Date.now() + 10_000);
          }
          throw new AuthError('Invalid API key', ErrorCode.INVALID_TOKEN);
        }
        const body = (await res.json()) as { accessToken: string; expiresAt: string };
        // refresh a minute early; a revoked key stops working once its token lapses (≤ 5 minutes)
        const refreshAt = Math.min(new Date(body.expiresAt).getTime() - 60_000, Date.now() + 60_000);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(id, { token: body.accessToken, refreshAt });
        return body.accessToken;
      })().finally(() => inFlight.delete(id));
      inFlight.set(id, p);
      return p;
    },
  };
}

/** Root fields an operation selects (following fragments on the root type). */
export function rootFields(document: DocumentNode, operationName?: string | null): { operation: string; fields: string[] } | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op) return undefined;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const fields = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) fields.add(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const f = fragments.get(sel.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(op.selectionSet);
  return { operation: op.operation, fields: [...fields] };
}

/** Root fields any key may select: introspection is governed by its own policy (app.ts), not by scopes. */
const INTROSPECTION_FIELDS = new Set(['__typename', '__schema', '__type']);

/**
 * Enforces partner key scopes before anything executes: `read` allows any query, `operation:<field>` allows that
 * root field (query or mutation). Player sessions carry no scopes and are not restricted here.
 */
export const usePartnerScopes: Plugin<{ auth?: { principal?: { scopes?: readonly string[] } | null } }> = {
  onExecute({ args }) {
    const scopes = (args.contextValue as { auth?: { principal?: { scopes?: readonly string[] } | null } }).auth?.principal?.scopes;
    if (!scopes) return;
    const root = rootFields(args.document, args.operationName);
    const denied = !root
      ? ['(unknown operation)']
      : root.fields.filter((f) => !INTROSPECTION_FIELDS.has(f) && !scopes.includes(`operation:${f}`) && !(root.operation === 'query' && scopes.includes('read')));
    if (denied.length) {
      throw new GraphQLError(`This API key may not call: ${denied.join(', ')}`, {
        extensions: { code: ErrorCode.FORBIDDEN, missingScopes: denied.map((f) => `operation:${f}`) },
      });
    }
  },
};
