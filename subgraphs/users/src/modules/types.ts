import type { SubgraphDeps } from '@startales/kit';
import type { AuthService } from './auth/service.ts';
import type { SigningKeys } from './auth/keys.ts';

/** Dependencies of the users subgraph (built in main.ts or a test). */
export interface UsersDeps extends SubgraphDeps {
  keys: SigningKeys;
  refreshTtlSeconds: number;
}

/** What every feature module receives: the deps and the shared services other modules expose. */
export interface UsersServices {
  deps: UsersDeps;
  /** Sessions: every sign-in path (password, OAuth, …) ends in `auth.completeSignIn`. */
  auth: AuthService;
}

/**
 * A feature of the users subgraph: its SDL (`modules/<name>/schema.graphql`, using `extend type Query`,
 * `extend type Mutation`, `extend type User`), its entities, and its resolvers.
 */
export interface UsersModule {
  name: string;
  typeDefs?: string;
  entities?: unknown[];
  createResolvers?: (services: UsersServices) => Record<string, unknown>;
}
