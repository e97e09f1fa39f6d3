import { ApolloGateway } from '@apollo/gateway';
import type { Logger, Principal } from '@startales/kit';
import { SubgraphDataSource, type ForwardedHeaders } from './datasource.ts';

export { SubgraphUnavailableError } from './datasource.ts';

/** Request headers forwarded to subgraphs; nothing else crosses (explicit allow-list). */
export const FORWARDED_HEADERS = ['authorization', 'x-request-id', 'accept-language'] as const;

/**
 * Set by the gateway on every subgraph request to the caller's address (from the connection); a client-supplied
 * value never crosses. Subgraphs trust it because only the gateway can reach them: keep them private (network policy).
 */
export const CLIENT_IP_HEADER = 'x-startales-client-ip';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Per-subgraph URL overrides, keyed by subgraph name (lower case). */
  subgraphUrls?: Record<string, string>;
  timeoutMs: number;
  logger: Logger;
  /** Deduplicate identical in-flight subgraph queries (default true). */
  dedup?: boolean;
  /** Observes every subgraph call actually sent. */
  onSubgraphFetch?: (name: string) => void;
}

interface RequestContextLike {
  request?: Request;
  requestId?: string;
  clientIp?: string;
  auth?: { principal?: Principal | null };
}

const headerCache = new WeakMap<object, ForwardedHeaders>();

/**
 * The headers a subgraph call carries, from the allow-list: the verified access token (for partner keys, the token the
 * key was exchanged for), the request id, the caller's language and address. Built once per incoming request.
 */
export function forwardedHeaders(context: Record<string, unknown>): ForwardedHeaders {
  const cached = headerCache.get(context);
  if (cached) return cached;
  const ctx = context as RequestContextLike;
  const headers: ForwardedHeaders = {};
  for (const header of FORWARDED_HEADERS) {
    const value =
      header === 'x-request-id'
        ? ctx.requestId
        : header === 'authorization'
          ? ctx.auth?.principal && `Bearer ${ctx.auth.principal.token}`
          : ctx.request?.headers.get(header);
    if (value) headers[header] = value;
  }
  if (ctx.clientIp) headers[CLIENT_IP_HEADER] = ctx.clientIp;
  headerCache.set(context, headers);
  return headers;
}

/** The @apollo/gateway that plans and executes federated operations (lean Bun-fetch data sources, no telemetry). */
export function createApolloGateway(options: GatewayOptions): ApolloGateway {
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  return new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: {
      debug: (m) => options.logger.debug(String(m)),
      info: (m) => options.logger.info(String(m)),
      warn: (m) => options.logger.warn(String(m)),
      error: (m) => options.logger.error(String(m)),
    },
    // plans are cached by the gateway itself (an LRU keyed by the operation text + operation name; see the tests)
    buildService({ name, url }) {
      return new SubgraphDataSource({
        name,
        url: options.subgraphUrls?.[name.toLowerCase()] ?? url!,
        timeoutMs: options.timeoutMs,
        logger: options.logger,
        headers: forwardedHeaders,
        dedup: options.dedup ?? true,
        onFetch: options.onSubgraphFetch,
      });
    },
  });
}
