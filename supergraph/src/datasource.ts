import { GraphQLError } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ErrorCode } from '@startales/contracts';
import { AppError, type Logger } from '@startales/kit';

/** A subgraph that cannot be reached (refused, reset, timed out): typed for clients, logged with its name here. */
export class SubgraphUnavailableError extends AppError {
  override readonly name = 'SubgraphUnavailableError';
  constructor(cause: unknown) {
    super(ErrorCode.SERVICE_UNAVAILABLE, 'A service is temporarily unavailable; try again shortly', 503, {}, { cause });
  }
}

/** What the gateway forwards to every subgraph for one incoming request (computed once per request). */
export type ForwardedHeaders = Record<string, string>;

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  timeoutMs: number;
  logger: Logger;
  /** Headers for the subgraph call, from the request context (see gateway.ts). */
  headers: (context: Record<string, unknown>) => ForwardedHeaders;
  /** Share one subgraph call among identical in-flight queries (same subgraph, operation, variables and headers). */
  dedup: boolean;
  /** Observes every subgraph call actually sent (tests, metrics). */
  onFetch?: (name: string) => void;
}

interface Raw {
  status: number;
  statusText: string;
  contentType: string;
  text: string;
}

/** `GraphQLDataSourceRequestKind.INCOMING_OPERATION` (the enum is not exported from the package root). */
const INCOMING_OPERATION = 'incoming operation';

/** Headers that say who is asking; a shared answer must agree on all of them (the request id only traces). */
const IDENTITY_HEADERS = ['authorization', 'accept-language', 'x-startales-client-ip'];

/**
 * A lean GraphQLDataSource for @apollo/gateway on Bun's fetch (keep-alive pooled per origin): no node-fetch Headers or
 * Request objects per call, headers computed once per incoming request, a timeout on every call, and in-flight
 * deduplication of identical queries (never mutations). Each waiter parses its own copy of the shared body, because
 * the query-plan executor merges entities into the objects it gets. Subgraph response headers are never read, so
 * nothing a subgraph sets (`Set-Cookie` included) reaches the client.
 */
export class SubgraphDataSource implements GraphQLDataSource<Record<string, unknown>> {
  private readonly inFlight = new Map<string, Promise<Raw>>();
  constructor(private readonly options: SubgraphDataSourceOptions) {}

  async process(request: GraphQLDataSourceProcessOptions<Record<string, unknown>>) {
    const { query, variables, operationName } = request.request;
    if (!query) throw new Error('Missing query');
    const headers = (request.kind as string) === INCOMING_OPERATION ? this.options.headers(request.context) : {};
    const body = JSON.stringify({ query, variables, operationName });
    let raw: Raw;
    if (this.options.dedup && (request.kind as string) === INCOMING_OPERATION && isQuery(query)) {
      let key = body;
      for (const h of IDENTITY_HEADERS) key += `\n${headers[h] ?? ''}`;
      let shared = this.inFlight.get(key);
      if (!shared) {
        shared = this.send(headers, body).finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, shared);
      }
      raw = await shared;
    } else raw = await this.send(headers, body);
    return this.parse(raw);
  }

  private async send(headers: ForwardedHeaders, body: string): Promise<Raw> {
    this.options.onFetch?.(this.options.name);
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      return { status: res.status, statusText: res.statusText, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
    } catch (error) {
      this.options.logger.error('subgraph unreachable', { subgraph: this.options.name, error: String(error) });
      throw new SubgraphUnavailableError(error);
    }
  }

  private parse(raw: Raw) {
    const json = /^application\/(graphql-response\+)?json/.test(raw.contentType);
    let body: unknown = raw.text;
    if (json) {
      try {
        body = JSON.parse(raw.text);
      } catch (error) {
        throw new SubgraphUnavailableError(error);
      }
    }
    if (raw.status < 200 || raw.status >= 300) {
      // the shape RemoteGraphQLDataSource gives, which errors.ts relays (typed 4xx) or masks
      throw new GraphQLError(`${raw.status}: ${raw.statusText}`, {
        extensions: {
          response: { url: this.options.url, status: raw.status, statusText: raw.statusText, body },
          ...(raw.status === 401 ? { code: 'UNAUTHENTICATED' } : raw.status === 403 ? { code: 'FORBIDDEN' } : {}),
        },
      });
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${String(body).slice(0, 200)}`);
    const { data, errors, extensions } = body as { data?: Record<string, unknown> | null; errors?: GraphQLError[]; extensions?: Record<string, unknown> };
    return { data, errors, extensions };
  }
}

/** Query plan fetches are printed by the planner: `query …` or `{…}` for queries, `mutation …` otherwise. */
function isQuery(operation: string): boolean {
  const head = operation.trimStart();
  return head.startsWith('{') || head.startsWith('query');
}
