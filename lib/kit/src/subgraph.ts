import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Orm, EntityManager } from './db.ts';
import { pingDatabase } from './db.ts';
import type { Bus } from './events.ts';
import type { TokenVerifier, AuthContext } from './auth.ts';
import { authenticate } from './auth.ts';
import type { Logger } from './logger.ts';
import type { OutboxRelay } from './outbox.ts';
import { createSubgraphYoga } from './graphql.ts';
import { createGraphQLService } from './service.ts';

/** What every subgraph's `createApp` receives; built in `main.ts` (or by a test). */
export interface SubgraphDeps {
  orm: Orm;
  bus: Bus;
  verifier: TokenVerifier;
  logger: Logger;
  production: boolean;
  /** Publishes queued domain events right after a commit. */
  outbox: Pick<OutboxRelay, 'kick'>;
}

/** The per-request GraphQL context shared by all subgraphs. */
export interface RequestContext extends Record<string, unknown> {
  /** A fresh EntityManager fork for this request only. */
  em: EntityManager;
  auth: AuthContext;
  logger: Logger;
  requestId: string;
  request: Request;
  /** Set by sign-in mutations: the account whose session this response carries. */
  sessionUserId?: string;
}

export interface SubgraphAppOptions {
  name: string;
  typeDefs: DocumentNode;
  resolvers: Record<string, unknown>;
  deps: SubgraphDeps;
  plugins?: Plugin[];
}

/** Readiness flag owned by the app; main.ts flips it on listen and off on shutdown. */
export interface ReadyFlag {
  ready: boolean;
}

/** Builds the Elysia app + Yoga handler of a subgraph. Reads no env, opens no socket. */
export function createSubgraphApp(options: SubgraphAppOptions) {
  const { deps } = options;
  const state: ReadyFlag = { ready: false };
  const yoga = createSubgraphYoga<RequestContext>({
    name: options.name,
    typeDefs: options.typeDefs,
    resolvers: options.resolvers,
    logger: deps.logger,
    production: deps.production,
    plugins: options.plugins,
    context: async (request) => {
      const requestId = request.headers.get('x-request-id') ?? Bun.randomUUIDv7();
      return {
        em: deps.orm.em.fork(),
        auth: await authenticate(request, deps.verifier),
        logger: deps.logger.child({ requestId }),
        requestId,
        request,
      };
    },
  });
  const app = createGraphQLService({
    name: options.name,
    yoga,
    logger: deps.logger,
    isReady: () => state.ready,
    checks: { database: () => pingDatabase(deps.orm), nats: () => !deps.bus.nc.isClosed() },
  });
  return { app, yoga, state };
}
