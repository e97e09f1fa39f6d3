import type { GdprHandlers, SubgraphDeps } from '@startales/kit';
import type { AuthService } from './auth/service.ts';
import type { SigningKeys } from './auth/keys.ts';

/** Dependencies of the users subgraph (built in main.ts or a test). */
export interface UsersDeps extends SubgraphDeps {
  keys: SigningKeys;
  refreshTtlSeconds: number;
  /** Where this service is reached from outside (links in mails, export downloads). */
  publicUrl?: string;
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
  /**
   * GDPR: what the module exports for a user (a key of the users part of the archive) and how it deletes or
   * anonymises that user's data when the account is erased. Every module that stores user data must have it.
   */
  gdpr?: GdprHandlers;
}
