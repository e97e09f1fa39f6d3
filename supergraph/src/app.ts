import { Elysia } from 'elysia';
import { createYoga, type Plugin } from 'graphql-yoga';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { useApolloFederation } from '@envelop/apollo-federation';
import type { ApolloGateway } from '@apollo/gateway';
import { ErrorCode, Role } from '@startales/contracts';
import { AuthError, bearerToken, health, findAppError, useGraphQLMetrics, useTypedRequestErrors, type Logger, type TokenVerifier, type AuthContext, type Principal } from '@startales/kit';
import { gatewayMask, useHiddenSuggestions } from './errors.ts';
import { API_KEY_PREFIX, usePartnerScopes, type ApiKeyExchanger } from './partner.ts';
import { DEFAULT_LIMITS, createLimitedParse, createOperationLimitsRule, limitError, type OperationLimits } from './limits.ts';
import { createCostEstimator, type ListSizeHint } from './cost.ts';
import { rateLimitedError, type RateLimiter, type RateLimits, type RateLimitRule } from './rate-limit.ts';
import { useTrustedDocuments, type TrustedDocumentStore } from './documents.ts';
import { isPreflighted, CSRF_HEADERS } from './csrf.ts';
import { errorResponse, requestIdOf } from './http.ts';

export interface GatewayDeps {
  gateway: ApolloGateway;
  verifier: TokenVerifier;
  logger: Logger;
  production: boolean;
  maxRequestBytes: number;
  /** Partner API keys (`Bearer stk_…`) are exchanged for access tokens here. */
  apiKeys?: ApiKeyExchanger;
  /** Operation limits; unset ones take DEFAULT_LIMITS. */
  limits?: Partial<OperationLimits>;
  /** `@listSize`-style hints for the cost estimate, keyed `Type.field`. */
  listSizeHints?: Record<string, ListSizeHint>;
  /** Shared rate limiter (Redis); without one nothing is rate limited. */
  rateLimiter?: RateLimiter;
  rateLimits?: Partial<RateLimits>;
  /** Partners' trusted documents. */
  documents?: TrustedDocumentStore;
  /** API keys may run only trusted documents (default: in production). */
  requireTrustedDocuments?: boolean;
}

export interface GatewayContext extends Record<string, unknown> {
  request: Request;
  requestId: string;
  auth: AuthContext;
  /** The caller's address, from the connection (never a header); subgraphs get it as `x-startales-client-ip`. */
  clientIp?: string;
}

const NO_RATE_LIMITS: RateLimits = { ipRequests: 0, ipCost: 0, keyRequests: 0, keyCost: 0 };

/** In production, introspection is for signed-in partners (keys or sessions) and admins only. */
const mayIntrospect = (principal: Principal | null | undefined) => !!principal && (principal.roles.includes(Role.PARTNER) || principal.roles.includes(Role.ADMIN));

/**
 * The gateway. Before anything executes, in order: CSRF check, body size, per-IP request rate, the caller's token or
 * API key, per-key request rate; then in Yoga: trusted documents, token limit while parsing, depth / alias / directive
 * limits and the introspection policy while validating, scopes, cost limit and cost rate at execution; then the
 * federated plan through @apollo/gateway. Expects `gateway.load()` to have resolved. Reads no env, opens no socket.
 */
export function createGatewayApp(deps: GatewayDeps) {
  const state = { ready: false };
  const limits: OperationLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const rates: RateLimits = { ...NO_RATE_LIMITS, ...deps.rateLimits };
  const limiter = deps.rateLimiter;
  const mask = gatewayMask(deps.logger);
  const parse = createLimitedParse(limits.maxTokens);
  const limitsRule = createOperationLimitsRule(limits);
  const estimator = createCostEstimator({ defaultListSize: limits.defaultListSize, hints: deps.listSizeHints });

  const useOperationLimits: Plugin = {
    onParse({ setParseFn }) {
      setParseFn(parse);
    },
    onValidate({ addValidationRule, context }) {
      addValidationRule(limitsRule);
      if (deps.production && !mayIntrospect((context as Partial<GatewayContext>).auth?.principal)) addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };

  const useCost: Plugin = {
    async onExecute({ args }) {
      const cost = estimator.estimate(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
      if (cost > limits.maxCost) throw limitError('cost', limits.maxCost, cost);
      if (!limiter) return;
      const ctx = args.contextValue as unknown as GatewayContext;
      const keyId = ctx.auth.principal?.apiKeyId;
      const rules: RateLimitRule[] = [];
      if (ctx.clientIp) rules.push({ key: `ip:cost:${ctx.clientIp}`, amount: cost, limit: rates.ipCost });
      if (keyId) rules.push({ key: `key:cost:${keyId}`, amount: cost, limit: rates.keyCost });
      const decision = await limiter.consume(rules, keyId ? { keyId, requests: 1, cost } : undefined);
      if (!decision.allowed) throw rateLimitedError(decision);
    },
  };

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !deps.production,
    logging: false,
    batching: false,
    maskedErrors: { maskError: (error, message) => mask(error, message) },
    plugins: [
      // request errors (variables that do not coerce) get BAD_USER_INPUT before the metrics count them by code
      useTypedRequestErrors(),
      useGraphQLMetrics(),
      useApolloFederation({ gateway: deps.gateway as never }),
      useTrustedDocuments({ store: deps.documents, required: deps.requireTrustedDocuments ?? deps.production }),
      useOperationLimits,
      ...(deps.production ? [useHiddenSuggestions] : []),
      usePartnerScopes as Plugin,
      useCost,
    ],
  });

  const tooLarge = () => errorResponse(413, ErrorCode.BAD_USER_INPUT, `Request body larger than ${deps.maxRequestBytes} bytes`);

  /** Resolves the caller (bearer token or API key); an error becomes the response. */
  const authenticate = async (request: Request): Promise<AuthContext | Response> => {
    try {
      let token = bearerToken(request.headers.get('authorization'));
      if (token?.startsWith(API_KEY_PREFIX)) {
        if (!deps.apiKeys) throw new AuthError('API keys are not accepted here', ErrorCode.INVALID_TOKEN);
        token = await deps.apiKeys.exchange(token);
      }
      return { principal: token ? await deps.verifier.verify(token) : null };
    } catch (error) {
      const app = findAppError(error);
      if (!app) throw error;
      return errorResponse(app.status, app.code, app.message, app.extensions);
    }
  };

  const rateLimited = async (rules: RateLimitRule[]): Promise<Response | undefined> => {
    if (!limiter || !rules.length) return undefined;
    const decision = await limiter.consume(rules);
    if (decision.allowed) return undefined;
    return errorResponse(429, ErrorCode.RATE_LIMITED, `Too many requests; retry after ${decision.retryAfterSeconds} s`, { retryAfterSeconds: decision.retryAfterSeconds }, {
      'retry-after': String(decision.retryAfterSeconds),
    });
  };

  const serve = async (request: Request, clientIp: string | undefined, requestId: string): Promise<Response> => {
    if (request.method === 'OPTIONS') return yoga.fetch(request, { clientIp, requestId, auth: { principal: null } });
    if (!isPreflighted(request)) {
      return errorResponse(403, ErrorCode.CSRF_PREFLIGHT_REQUIRED, `Send content-type: application/json or one of the headers ${CSRF_HEADERS.join(', ')}`);
    }
    let body: ArrayBuffer | undefined;
    if (request.method === 'POST') {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (Number(declared) > deps.maxRequestBytes) return tooLarge();
      } else {
        // no length declared (chunked): read it, bounded, before Yoga parses it
        body = await request.arrayBuffer();
        if (body.byteLength > deps.maxRequestBytes) return tooLarge();
      }
    }
    if (clientIp) {
      const refused = await rateLimited([{ key: `ip:req:${clientIp}`, amount: 1, limit: rates.ipRequests }]);
      if (refused) return refused;
    }
    const auth = await authenticate(request);
    if (auth instanceof Response) return auth;
    const keyId = auth.principal?.apiKeyId;
    if (keyId) {
      const refused = await rateLimited([{ key: `key:req:${keyId}`, amount: 1, limit: rates.keyRequests }]);
      if (refused) return refused;
    }
    const req = body ? new Request(request.url, { method: 'POST', headers: request.headers, body }) : request;
    return yoga.fetch(req, { clientIp, requestId, auth });
  };

  const handle = async ({ request, server }: { request: Request; server: { requestIP(r: Request): { address: string } | null } | null }) => {
    const requestId = requestIdOf(request);
    // throttling here and in the subgraphs keys on this: the socket's peer, not anything the client wrote
    const response = await serve(request, server?.requestIP(request)?.address, requestId);
    response.headers.set('x-request-id', requestId);
    return response;
  };

  const app = new Elysia({ name: '@startales/gateway' })
    .use(health({ isReady: () => state.ready }))
    .get('/graphql', handle)
    .post('/graphql', handle, { parse: 'none' })
    .options('/graphql', handle);
  return { app, yoga, state };
}
