import { GraphQLError } from 'graphql';
import { ErrorCode } from '@startales/contracts';
import { maskError, type Logger } from '@startales/kit';
import type { Plugin } from 'graphql-yoga';
import type { ExecutionResult } from 'graphql';

/** Codes a subgraph put on an error on purpose: these reach the client unchanged. */
const INTERNAL_CODES = new Set<string>([ErrorCode.INTERNAL_SERVER_ERROR, 'DOWNSTREAM_SERVICE_ERROR']);

/**
 * Gateway error masking. Subgraphs mask their own unexpected errors, so a subgraph error carrying a typed
 * `extensions.code` is passed through as is (message, path, code and fields). Anything raised inside the
 * gateway itself — an unreachable subgraph, a planning failure — is logged and masked: its text names
 * internal URLs.
 */
export function gatewayMask(logger: Logger) {
  const fallback = maskError(logger);
  return (error: unknown, message: string): Error => {
    if (error instanceof GraphQLError) {
      const code = error.extensions?.code;
      if (typeof code === 'string' && !INTERNAL_CODES.has(code) && !error.extensions?.response) {
        const { serviceName: _s, exception: _e, ...extensions } = error.extensions as Record<string, unknown>;
        return new GraphQLError(error.message, { path: error.path, extensions });
      }
      const response = error.extensions?.response as { status?: number; body?: { errors?: Array<{ message?: string; extensions?: Record<string, unknown> }> } } | undefined;
      const first = response?.body?.errors?.[0];
      const firstCode = first?.extensions?.code;
      // a subgraph refused the request itself (e.g. a variable its scalar rejects): relay its typed answer
      if (response?.status && response.status < 500 && typeof firstCode === 'string' && !INTERNAL_CODES.has(firstCode)) {
        return new GraphQLError(first?.message ?? message, { path: error.path, extensions: first?.extensions });
      }
      if (response || code === 'DOWNSTREAM_SERVICE_ERROR') {
        logger.error('subgraph request failed', { error: error.message, extensions: error.extensions });
        return new GraphQLError('A service is temporarily unavailable', { path: error.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
      }
    }
    return fallback(error, message);
  };
}

const SUGGESTION = /\s*Did you mean[^?]*\?/g;

function withoutSuggestions(error: GraphQLError): GraphQLError {
  if (!error.message.includes('Did you mean')) return error;
  return new GraphQLError(error.message.replace(SUGGESTION, ''), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/**
 * Production: no "Did you mean …?" in validation or execution errors, so the schema cannot be probed field by
 * field when introspection is off.
 */
export const useHiddenSuggestions: Plugin = {
  onValidate() {
    return ({ result, setResult }) => {
      if (result.length) setResult(result.map((e) => (e instanceof GraphQLError ? withoutSuggestions(e) : e)));
    };
  },
  onExecutionResult({ result, setResult }) {
    const r = result as ExecutionResult;
    if (r && Array.isArray(r.errors) && r.errors.length) setResult({ ...r, errors: r.errors.map(withoutSuggestions) });
  },
};
