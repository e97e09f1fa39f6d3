import type { GdprHandlers, ObjectStorage, SubgraphDeps } from '@startales/kit';
import type { AuthService } from './auth/service.ts';
import type { SigningKeys } from './auth/keys.ts';
import type { OAuthOptions } from './oauth/service.ts';
import type { MailSender } from './account/mail/sender.ts';
import type { ThrottleRules } from './account/throttle.ts';
import type { CharacterRouter } from './characters/router.ts';

/** Dependencies of the users subgraph (built in main.ts or a test). */
export interface UsersDeps extends SubgraphDeps {
  keys: SigningKeys;
  refreshTtlSeconds: number;
  /** OAuth providers and redirect allow-list; absent: every provider answers OAUTH_PROVIDER_UNAVAILABLE. */
  oauth?: OAuthOptions;
  /** Where this service is reached from outside (links in mails, export downloads). */
  publicUrl?: string;
  /** Parties: the largest maxSize a party may choose (2–50; default 8). */
  partyMaxSize?: number;
  /** Parties: maxSize of a party created without one (2–partyMaxSize; default 4). */
  partyDefaultSize?: number;
  /** Account security: where mail links point (`/verify-email?token=…`); default http://127.0.0.1:5173. */
  webAppUrl?: string;
  /** Account security: sends queued mail (main.ts starts it); without one, mail waits in the outbox. */
  mail?: Pick<MailSender, 'kick'>;
  /** Account security: throttling rules (tests tighten them); default DEFAULT_THROTTLE_RULES. */
  throttleRules?: Partial<ThrottleRules>;
  /** Account security: the clock of throttling and MFA (tests move it); default Date.now. */
  clock?: () => number;
  /** MFA: AES-256-GCM key (32 bytes) for TOTP secrets at rest; without one they are stored unencrypted. */
  mfaEncryptionKey?: Uint8Array;
  /** Blobs (character portraits); without it, generation answers SERVICE_UNAVAILABLE. */
  storage?: ObjectStorage;
  /** Character portraits: the llm-router client; without it, generation answers SERVICE_UNAVAILABLE. */
  characterRouter?: CharacterRouter;
  /** Character portraits: one player's attempts per rolling 24 hours (default 10). */
  characterImagesPerDay?: number;
  /** Media (portraits) are served at `<mediaPublicUrl>/media/…`; default publicUrl. */
  mediaPublicUrl?: string;
}

/** What modules' GDPR handlers may need beyond the EntityManager (main.ts builds it from the same config as the app). */
export interface UsersGdprDeps {
  storage?: ObjectStorage;
  /** Base of media URLs in exports (default http://127.0.0.1:4001). */
  mediaPublicUrl?: string;
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
  /** GDPR handlers that need dependencies (object storage): built once with them; instead of `gdpr`. */
  createGdpr?: (deps: UsersGdprDeps) => GdprHandlers;
}
