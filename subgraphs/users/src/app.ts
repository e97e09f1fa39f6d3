import { parse } from 'graphql';
import { createSubgraphApp, type SubgraphDeps } from '@startales/kit';
import { createAuthService } from './modules/auth/service.ts';
import type { SigningKeys } from './modules/auth/keys.ts';
import { createResolvers } from './resolvers/index.ts';
import typeDefsSource from './schema.graphql' with { type: 'text' };

export interface UsersDeps extends SubgraphDeps {
  keys: SigningKeys;
  refreshTtlSeconds: number;
}

export const typeDefs = parse(typeDefsSource);

/** The users subgraph: accounts, sessions and the JWKS. Reads no env, opens no socket. */
export function createApp(deps: UsersDeps) {
  const auth = createAuthService({ keys: deps.keys, refreshTtlSeconds: deps.refreshTtlSeconds, afterCommit: deps.outbox.kick });
  const { app, yoga, state } = createSubgraphApp({ name: 'users', typeDefs, resolvers: createResolvers(auth), deps });
  return {
    app: app.get('/.well-known/jwks.json', ({ set }) => {
      set.headers['cache-control'] = 'public, max-age=300';
      return deps.keys.jwks;
    }),
    yoga,
    state,
  };
}
