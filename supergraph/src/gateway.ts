import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ErrorCode } from '@startales/contracts';
import { AppError, type Logger } from '@startales/kit';

/** A subgraph that cannot be reached (refused, reset, timed out): typed for clients, logged with its name here. */
export class SubgraphUnavailableError extends AppError {
  override readonly name = 'SubgraphUnavailableError';
  constructor(cause: unknown) {
    super(ErrorCode.SERVICE_UNAVAILABLE, 'A service is temporarily unavailable; try again shortly', 503, {}, { cause });
  }
}

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
}

/** The @apollo/gateway that plans and executes federated operations (Bun's fetch, no telemetry). */
export function createApolloGateway(options: GatewayOptions): ApolloGateway {
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const timeoutMs = options.timeoutMs;
  const timedFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    try {
      return await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      options.logger.error('subgraph unreachable', { url: String(input), error });
      throw new SubgraphUnavailableError(error);
    }
  }) as typeof fetch;
  return new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: {
      debug: (m) => options.logger.debug(String(m)),
      info: (m) => options.logger.info(String(m)),
      warn: (m) => options.logger.warn(String(m)),
      error: (m) => options.logger.error(String(m)),
    },
    buildService({ name, url }) {
      return new RemoteGraphQLDataSource({
        url: options.subgraphUrls?.[name.toLowerCase()] ?? url,
        fetcher: timedFetch as never,
        willSendRequest({ request, context }) {
          const incoming = (context as { request?: Request }).request;
          if (!incoming || !request.http) return;
          const ctx = context as { requestId?: string; auth?: { principal?: { token: string } | null } };
          for (const header of FORWARDED_HEADERS) {
            // subgraphs get the verified access token (for partner keys: the token the key was exchanged for)
            const value =
              header === 'x-request-id'
                ? ctx.requestId
                : header === 'authorization'
                  ? ctx.auth?.principal && `Bearer ${ctx.auth.principal.token}`
                  : incoming.headers.get(header);
            if (value) request.http.headers.set(header, value);
          }
          const clientIp = (context as { clientIp?: string }).clientIp;
          if (clientIp) request.http.headers.set(CLIENT_IP_HEADER, clientIp);
          else request.http.headers.delete(CLIENT_IP_HEADER);
        },
      });
    },
  });
}
