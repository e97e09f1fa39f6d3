import { Elysia } from 'elysia';
import { createYoga, type Plugin } from 'graphql-yoga';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { useApolloFederation } from '@envelop/apollo-federation';
import { gatewayMask, useTypedRequestErrors } from './errors.ts';
import type { ApolloGateway } from '@apollo/gateway';
import { ErrorCode } from '@startales/contracts';
import { AuthError, bearerToken, health, findAppError, type Logger, type TokenVerifier, type AuthContext } from '@startales/kit';
import { API_KEY_PREFIX, usePartnerScopes, type ApiKeyExchanger } from './partner.ts';

export interface GatewayDeps {
  gateway: ApolloGateway;
  verifier: TokenVerifier;
  logger: Logger;
  production: boolean;
  maxRequestBytes: number;
  /** Partner API keys (`Bearer stk_…`) are exchanged for access tokens here. */
  apiKeys?: ApiKeyExchanger;
}

export interface GatewayContext extends Record<string, unknown> {
  request: Request;
  requestId: string;
  auth: AuthContext;
  /** The caller's address, from the connection (never a header); subgraphs get it as `x-startales-client-ip`. */
  clientIp?: string;
}

/** Introspection is refused in production (partners get the SDL from us, not by probing). */
const disableIntrospection: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(NoSchemaIntrospectionCustomRule);
  },
};

/**
 * The gateway: verifies the caller's access token before anything executes, then runs the federated plan
 * through @apollo/gateway inside Yoga. Expects `gateway.load()` to have resolved. Reads no env, opens no socket.
 */
export function createGatewayApp(deps: GatewayDeps) {
  const state = { ready: false };
  const mask = gatewayMask(deps.logger);
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !deps.production,
    logging: false,
    batching: false,
    maskedErrors: { maskError: (error, message) => mask(error, message) },
    plugins: [useApolloFederation({ gateway: deps.gateway as never }), useTypedRequestErrors, usePartnerScopes as Plugin, ...(deps.production ? [disableIntrospection] : [])],
    context: async ({ request, clientIp }) => {
      const requestId = request.headers.get('x-request-id') ?? Bun.randomUUIDv7();
      try {
        let token = bearerToken(request.headers.get('authorization'));
        if (token?.startsWith(API_KEY_PREFIX)) {
          if (!deps.apiKeys) throw new AuthError('API keys are not accepted here', ErrorCode.INVALID_TOKEN);
          token = await deps.apiKeys.exchange(token);
        }
        return {
          request,
          requestId,
          clientIp: typeof clientIp === 'string' ? clientIp : undefined,
          auth: { principal: token ? await deps.verifier.verify(token) : null },
        };
      } catch (error) {
        const app = findAppError(error);
        if (!app) throw error;
        throw new GraphQLError(app.message, {
          extensions: { ...app.extensions, code: app.code, http: { status: app.status } },
        });
      }
    },
  });
  const tooLarge = () =>
    Response.json(
      { errors: [{ message: `Request body larger than ${deps.maxRequestBytes} bytes`, extensions: { code: ErrorCode.BAD_USER_INPUT } }] },
      { status: 413 },
    );
  const handle = async ({ request, server }: { request: Request; server: { requestIP(r: Request): { address: string } | null } | null }) => {
    // throttling in the subgraphs keys on this: the socket's peer, not anything the client wrote
    const serverContext = { clientIp: server?.requestIP(request)?.address };
    if (request.method === 'POST') {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (Number(declared) > deps.maxRequestBytes) return tooLarge();
      } else {
        // no length declared (chunked): read it, bounded, before Yoga parses it
        const body = await request.arrayBuffer();
        if (body.byteLength > deps.maxRequestBytes) return tooLarge();
        return yoga.fetch(new Request(request.url, { method: 'POST', headers: request.headers, body }), serverContext);
      }
    }
    return yoga.fetch(request, serverContext);
  };
  const app = new Elysia({ name: '@startales/gateway' })
    .use(health({ isReady: () => state.ready }))
    .get('/graphql', handle)
    .post('/graphql', handle, { parse: 'none' })
    .options('/graphql', handle);
  return { app, yoga, state };
}
