/**
 * The browser's only way to the API: POST one typed operation to the same-origin `/graphql` (the web server proxies
 * it to the gateway). Errors come back as ApiError carrying the gateway's `extensions.code`.
 */
import type { TypedDocumentString } from '../gql/graphql.ts';
import { ErrorCode } from '@startales/contracts';

export interface GraphQLErrorBody {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

/** A failed operation: the first GraphQL error's code, or a transport failure. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
    readonly errors: GraphQLErrorBody[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  /** `extensions.field` of a BAD_USER_INPUT / WEAK_PASSWORD error, when the server named one. */
  get field(): string | undefined {
    return typeof this.extensions.field === 'string' ? this.extensions.field : undefined;
  }
  get reason(): string | undefined {
    return typeof this.extensions.reason === 'string' ? this.extensions.reason : undefined;
  }
}

/** What the client needs from the session: the current access token and a way to renew it once. */
export interface AuthHooks {
  accessToken(): string | undefined;
  /** Renews the access token after TOKEN_EXPIRED; resolves false when the session is gone. */
  renew(): Promise<boolean>;
}

let hooks: AuthHooks = { accessToken: () => undefined, renew: async () => false };

export function setAuthHooks(next: AuthHooks): void {
  hooks = next;
}

export const GRAPHQL_PATH = '/graphql';

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** Send no token even when signed in (public operations used before sign-in). */
  anonymous?: boolean;
}

async function post(query: string, variables: unknown, token: string | undefined, signal?: AbortSignal) {
  let res: Response;
  try {
    res = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('The server cannot be reached. Check your connection and try again.', 'NETWORK_ERROR', {}, [], { cause: error });
  }
  let body: { data?: unknown; errors?: GraphQLErrorBody[] };
  try {
    body = (await res.json()) as typeof body;
  } catch (error) {
    throw new ApiError(`The server answered ${res.status} without a GraphQL response.`, res.status >= 500 ? ErrorCode.SERVICE_UNAVAILABLE : 'BAD_RESPONSE', {}, [], { cause: error });
  }
  return body;
}

const isExpired = (e: GraphQLErrorBody | undefined) =>
  e?.extensions?.code === ErrorCode.UNAUTHENTICATED && (e.extensions.reason === ErrorCode.TOKEN_EXPIRED || e.extensions.reason === ErrorCode.INVALID_TOKEN);

/** Runs one operation; renews an expired access token once and retries. */
export async function execute<R, V>(document: TypedDocumentString<R, V>, variables: V, options: ExecuteOptions = {}): Promise<R> {
  const query = document.toString();
  const token = options.anonymous ? undefined : hooks.accessToken();
  let body = await post(query, variables ?? {}, token, options.signal);
  if (token && isExpired(body.errors?.[0]) && (await hooks.renew())) {
    body = await post(query, variables ?? {}, hooks.accessToken(), options.signal);
  }
  const first = body.errors?.[0];
  if (first) {
    const extensions = first.extensions ?? {};
    throw new ApiError(first.message, typeof extensions.code === 'string' ? extensions.code : ErrorCode.INTERNAL_SERVER_ERROR, extensions, body.errors);
  }
  if (body.data === undefined || body.data === null) throw new ApiError('The server answered without data.', 'BAD_RESPONSE');
  return body.data as R;
}
