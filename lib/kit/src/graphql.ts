import { GraphQLError, GraphQLScalarType, Kind, parse, type DocumentNode, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import { createYoga, type YogaServerInstance, type Plugin } from 'graphql-yoga';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { ErrorCode } from '@startales/contracts';
import { AppError } from './errors.ts';
import type { Logger } from './logger.ts';
import { metrics } from './metrics.ts';

const operations = metrics.counter('graphql_operations_total', 'GraphQL operations executed, by operation type.', ['type']);
const graphqlErrors = metrics.counter('graphql_errors_total', 'Errors in GraphQL results, by extensions.code (INTERNAL_SERVER_ERROR = unexpected).', ['code']);

/**
 * Counts GraphQL operations and the errors in their results by `extensions.code` (a 200 response can carry errors,
 * so HTTP status alone undercounts them). Every kit subgraph has it; the gateway adds it to its Yoga plugins.
 */
export function useGraphQLMetrics(): Plugin {
  return {
    onExecute({ args }) {
      const document = args.document as DocumentNode;
      const op = document.definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
      );
      operations.inc({ type: op?.operation ?? 'unknown' });
    },
    onExecutionResult({ result }) {
      if (!result || Symbol.asyncIterator in result) return;
      for (const error of (result as { errors?: readonly GraphQLError[] }).errors ?? []) {
        graphqlErrors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
      }
    },
  };
}

/**
 * Request errors (nothing executed, so no `path`) that the executor raises without a code: variables that do not
 * coerce (a required input field or variable missing, a wrong scalar type, an unknown enum value, a custom scalar's
 * plain rejection). Gives them `extensions.code: BAD_USER_INPUT` (Apollo's convention; Yoga already does so for
 * subscriptions) with the message intact, so clients can switch on them as on every other bad input. With no `data`,
 * HTTP 400 — the status Yoga's executor already gives them — as GraphQL over HTTP asks for request errors.
 * Every kit subgraph has it, and so does the gateway (whose @apollo/gateway executor raises the same plain errors).
 */
export function useTypedRequestErrors(): Plugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (!result || Symbol.asyncIterator in result) return;
      const r = result as ExecutionResult;
      if (!Array.isArray(r.errors) || r.errors.every((e) => e.extensions?.code || e.path)) return;
      setResult({
        ...r,
        errors: r.errors.map((e) => {
          if (e.extensions?.code || e.path) return e;
          const http = r.data === undefined ? { http: { status: 400, ...(e.extensions?.http as object | undefined) } } : {};
          return new GraphQLError(e.message, {
            nodes: e.nodes,
            source: e.source,
            positions: e.positions,
            originalError: e.originalError,
            extensions: { ...e.extensions, ...http, code: ErrorCode.BAD_USER_INPUT },
          });
        }),
      });
    },
  };
}

/** `DateTime`: ISO-8601 strings on the wire, `Date` inside. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time with offset, e.g. 2027-01-09T18:00:00Z',
  serialize(value) {
    const d = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return d.toISOString();
  },
  parseValue(value) {
    return parseDateTime(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be an ISO-8601 string', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    return parseDateTime(ast.value);
  },
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO.test(value) || Number.isNaN(new Date(value).getTime())) {
    throw new GraphQLError(`DateTime must be an ISO-8601 date-time with offset, got ${JSON.stringify(value)}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return new Date(value);
}

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });

function toSafeInt(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw badInput(`SafeInt must be an integer within ±(2^53 − 1), got ${JSON.stringify(String(value))}`);
  return n;
}

/**
 * `SafeInt`: integers up to ±(2^53 − 1) as JSON numbers (PostgreSQL bigint sums arrive as strings). Every subgraph
 * that declares the scalar uses this one, so composition merges identical definitions.
 */
export const SafeIntScalar = new GraphQLScalarType<number, number>({
  name: 'SafeInt',
  description: 'An integer up to ±(2^53 − 1): money totals in cents and LLM spend in micro-dollars, which outgrow 32 bits.',
  serialize: (value) => toSafeInt(value),
  parseValue: (value) => toSafeInt(value),
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw badInput('SafeInt must be an integer literal');
    return toSafeInt(ast.value);
  },
});

/** Finds an AppError anywhere in an error's cause / originalError chain. */
export function findAppError(error: unknown): AppError | undefined {
  let e: unknown = error;
  for (let i = 0; i < 8 && e; i++) {
    if (e instanceof AppError) return e;
    e = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function isOriginalGraphQLError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  return error.originalError == null ? true : isOriginalGraphQLError(error.originalError);
}

/**
 * Error masking: an AppError becomes a GraphQLError with its `code`; a GraphQLError raised on purpose passes;
 * anything else is logged with the request id and reaches the client as INTERNAL_SERVER_ERROR.
 */
export function maskError(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const app = findAppError(error);
    if (app) {
      const path = error instanceof GraphQLError ? error.path : undefined;
      return new GraphQLError(app.message, {
        path,
        extensions: { ...app.extensions, code: app.code },
      });
    }
    if (isOriginalGraphQLError(error)) return error as GraphQLError;
    logger.error('unexpected error', { error: (error as GraphQLError).originalError ?? error });
    return new GraphQLError(message, { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  };
}

/** Reads an SDL file next to the caller. */
export async function loadTypeDefs(url: URL): Promise<DocumentNode> {
  return parse(await Bun.file(url).text());
}

export interface SubgraphYogaOptions<TContext extends Record<string, unknown>> {
  name: string;
  typeDefs: DocumentNode;
  /** Resolver map, including `__resolveReference` on entities. */
  resolvers: Record<string, unknown>;
  context: (request: Request) => Promise<TContext>;
  logger: Logger;
  production: boolean;
  plugins?: Plugin[];
}

/** A federated subgraph served by Yoga: masked errors, no GraphiQL in production, no batching. */
export function createSubgraphYoga<TContext extends Record<string, unknown>>(
  options: SubgraphYogaOptions<TContext>,
): YogaServerInstance<Record<string, unknown>, TContext> {
  // @apollo/subgraph 2.15 crashes at run time on the object form: pass an array.
  const schema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as never }]);
  const mask = maskError(options.logger);
  return createYoga<Record<string, unknown>, TContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !options.production,
    logging: false,
    batching: false,
    maskedErrors: { maskError: (error, message) => mask(error, message) },
    // typed first, so the metrics count request errors by their code
    plugins: [useTypedRequestErrors(), useGraphQLMetrics(), ...(options.plugins ?? [])],
    context: async ({ request }) => {
      try {
        return await options.context(request);
      } catch (error) {
        const app = findAppError(error);
        if (app) {
          // 200 with an error body: the gateway passes typed errors through only from 2xx responses
          throw new GraphQLError(app.message, { extensions: { ...app.extensions, code: app.code } });
        }
        throw error;
      }
    },
  }) as never;
}

/** Merges resolver maps type by type (later maps win on the same field); modules each bring their own. */
export function mergeResolvers(...maps: Array<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, value] of Object.entries(map)) {
      const existing = out[type];
      if (existing && typeof existing === 'object' && value && typeof value === 'object' && !(value as object).constructor?.name?.startsWith('GraphQL')) {
        out[type] = { ...(existing as object), ...(value as object) };
      } else {
        out[type] = value;
      }
    }
  }
  return out;
}
