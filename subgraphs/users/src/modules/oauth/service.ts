import { createHash, randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import * as client from 'openid-client';
import { DomainEvent, ErrorCode, Role, type UserRegisteredData } from '@startales/contracts';
import { AppError, AuthError, NotFoundError, enqueueDomainEvent, isUniqueViolation, type EntityManager, type Principal } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import type { AuthService, AuthPayload } from '../auth/service.ts';
import { OAuthFlow } from './entities/oauth-flow.entity.ts';
import { OAuthAccount } from './entities/oauth-account.entity.ts';
import { OAuthPasswordMarker } from './entities/oauth-password-marker.entity.ts';
import { OAuthIntent, OAuthProviderId, handleBase, handleCandidates, parseCallbackParams, validateRedirectUri } from './model.ts';
import { createGoogleProvider, type GoogleOptions } from './providers/google.ts';
import { createDiscordProvider, type DiscordOptions } from './providers/discord.ts';
import { createSteamProvider, type SteamOptions } from './providers/steam.ts';
import type { FlowSecrets, IdentityProvider, ProviderIdentity } from './providers/types.ts';

/** OAuth settings (from config.ts through UsersDeps). A provider left out answers OAUTH_PROVIDER_UNAVAILABLE. */
export interface OAuthOptions {
  /** Origins a `redirectUri` may be on (the web app's), e.g. `http://127.0.0.1:5173`. */
  redirectOrigins: readonly string[];
  /** How long a started flow can be completed, in seconds. Default 600. */
  flowTtlSeconds?: number;
  google?: GoogleOptions;
  discord?: DiscordOptions;
  steam?: SteamOptions;
}

export interface OAuthStartResult {
  authorizationUrl: string;
  state: string;
  expiresAt: Date;
}

const PROVIDER_NAMES: Record<OAuthProviderId, string> = { google: 'Google', discord: 'Discord', steam: 'Steam' };

/**
 * Accounts created by OAuth with no verified email still need a unique `user_account.email`: they get
 * `<user id>@oauth.invalid` (`.invalid` is reserved by RFC 2606 and never delivers).
 */
export const PLACEHOLDER_EMAIL_DOMAIN = 'oauth.invalid';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

const invalidState = () =>
  new AppError(ErrorCode.OAUTH_STATE_INVALID, 'This sign-in attempt is invalid, expired or already used; start again', 400, { field: 'params' });

/** Text of a database error (detail, constraint, message) across its cause chain, to tell which unique key failed. */
function violationText(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const x = e as { detail?: string; constraint?: string; message?: string };
    parts.push(x.detail ?? '', x.constraint ?? '', x.message ?? '');
  }
  return parts.join(' ');
}

/** OAuth sign-in, sign-up and account linking. No HTTP in here besides the providers' own calls. */
export function createOAuthService(options: OAuthOptions | undefined, deps: { auth: AuthService; afterCommit: () => void }) {
  const ttlMs = (options?.flowTtlSeconds ?? 600) * 1000;
  const providers = new Map<OAuthProviderId, IdentityProvider>();
  if (options?.google) providers.set('google', createGoogleProvider(options.google));
  if (options?.discord) providers.set('discord', createDiscordProvider(options.discord));
  if (options?.steam) providers.set('steam', createSteamProvider(options.steam));

  function provider(id: OAuthProviderId): IdentityProvider {
    const p = providers.get(id);
    if (!p) {
      throw new AppError(ErrorCode.OAUTH_PROVIDER_UNAVAILABLE, `Sign-in with ${PROVIDER_NAMES[id]} is not available`, 400, {
        field: 'provider',
        provider: id,
      });
    }
    return p;
  }

  /** Claims a flow by its state: deleted at once (single use, even when verification then fails). */
  async function claim(em: EntityManager, providerId: OAuthProviderId, state: string, intent: OAuthIntent, userId?: string): Promise<FlowSecrets> {
    const row = await em.findOne(OAuthFlow, { stateHash: sha256(state) });
    if (!row) throw invalidState();
    const deleted = await em.nativeDelete(OAuthFlow, { id: row.id });
    if (deleted !== 1) throw invalidState(); // a concurrent completion won
    if (row.expiresAt.getTime() <= Date.now() || row.provider !== providerId || row.intent !== intent) throw invalidState();
    // a link flow completes only for the account that started it: a victim tricked into opening an attacker's
    // link URL cannot attach their provider account to the attacker's Startales account
    if (intent === OAuthIntent.link && row.userId !== userId) throw invalidState();
    return { state, redirectUri: row.redirectUri, codeVerifier: row.codeVerifier ?? null, nonce: row.nonce ?? null };
  }

  async function verify(em: EntityManager, providerId: OAuthProviderId, rawParams: string, intent: OAuthIntent, userId?: string) {
    const p = provider(providerId);
    const params = parseCallbackParams(rawParams);
    const flow = await claim(em, providerId, params.get('state')!, intent, userId);
    return p.verify(flow, params);
  }

  async function createUser(em: EntityManager, providerId: OAuthProviderId, identity: ProviderIdentity): Promise<User> {
    // an unusable password: a real argon2id hash of 32 random bytes nobody ever sees (see OAuthPasswordMarker)
    const passwordHash = await Bun.password.hash(randomBytes(32).toString('base64url'), { algorithm: 'argon2id' });
    const base = handleBase(identity.handleHints) ?? 'player';
    for (let attempt = 0; attempt < 4; attempt++) {
      const candidates = handleCandidates(base, 6);
      const taken = new Set(
        (await em.find(User, { handleKey: { $in: candidates.map((c) => c.toLowerCase()) } }, { fields: ['handleKey'] })).map((u) => u.handleKey),
      );
      const handle = candidates.find((c) => !taken.has(c.toLowerCase()));
      if (!handle) continue;
      try {
        const user = await em.transactional(async (tx) => {
          const id = Bun.randomUUIDv7();
          const created = tx.create(User, {
            id,
            email: identity.email ?? `${id}@${PLACEHOLDER_EMAIL_DOMAIN}`,
            handle,
            handleKey: handle.toLowerCase(),
            passwordHash,
            roles: [Role.PLAYER],
            createdAt: new Date(),
          });
          tx.create(OAuthPasswordMarker, { userId: id, passwordHash, createdAt: new Date() });
          tx.create(OAuthAccount, {
            id: Bun.randomUUIDv7(),
            userId: id,
            provider: providerId,
            subject: identity.subject,
            email: identity.email,
            displayName: identity.displayName,
            createdAt: new Date(),
            lastUsedAt: new Date(),
          });
          enqueueDomainEvent<UserRegisteredData>(tx, DomainEvent.USER_REGISTERED, { userId: id, handle, registeredAt: created.createdAt.toISOString() }, id);
          return created;
        });
        deps.afterCommit();
        return user;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const text = violationText(error);
        if (/handle/i.test(text)) continue; // someone took the handle in between: try other candidates
        if (/subject/i.test(text)) {
          // the same provider account signed up concurrently: sign in to the account that won
          const existing = await findLinked(em.fork(), providerId, identity);
          if (existing) return existing;
        }
        if (/email/i.test(text)) throw accountExists(providerId);
        throw error;
      }
    }
    throw new AppError(ErrorCode.HANDLE_TAKEN, 'Could not find a free handle; try again', 409);
  }

  const accountExists = (providerId: OAuthProviderId) =>
    new AppError(
      ErrorCode.OAUTH_ACCOUNT_EXISTS,
      `An account with your ${PROVIDER_NAMES[providerId]} email already exists. Sign in to it, then link ${PROVIDER_NAMES[providerId]} from your account settings.`,
      409,
      { provider: providerId },
    );

  /** The user a provider identity is linked to (refreshing the link's profile snapshot), or null. */
  async function findLinked(em: EntityManager, providerId: OAuthProviderId, identity: ProviderIdentity): Promise<User | null> {
    const link = await em.findOne(OAuthAccount, { provider: providerId, subject: identity.subject });
    if (!link) return null;
    const user = await em.findOne(User, { id: link.userId });
    if (!user) {
      // the account is gone (erased) but its link was left behind: drop it so the identity can sign up afresh
      await em.nativeDelete(OAuthAccount, { id: link.id });
      return null;
    }
    link.lastUsedAt = new Date();
    link.email = identity.email;
    link.displayName = identity.displayName;
    await em.flush();
    return user;
  }

  return {
    /** Provider ids configured on this deployment. */
    providers: (): OAuthProviderId[] => [...providers.keys()],

    /**
     * Starts a flow: a fresh state (+ PKCE verifier and nonce where the protocol has them), persisted for one use
     * within the flow lifetime; returns the URL to send the browser to.
     */
    async start(em: EntityManager, input: { provider: OAuthProviderId; redirectUri: string; link: boolean }, principal: Principal | null): Promise<OAuthStartResult> {
      const p = provider(input.provider);
      const redirectUri = validateRedirectUri(input.redirectUri, options?.redirectOrigins ?? []);
      if (input.link && !principal) throw new AuthError('Sign in to link an account');
      const flow: FlowSecrets = {
        state: randomBytes(32).toString('base64url'),
        redirectUri,
        codeVerifier: p.pkce ? client.randomPKCECodeVerifier() : null,
        nonce: p.nonce ? client.randomNonce() : null,
      };
      const authorizationUrl = await p.authorizationUrl(flow);
      const now = new Date();
      const expiresAt = new Date(now.getTime() + ttlMs);
      await em.nativeDelete(OAuthFlow, { expiresAt: { $lt: now } }); // housekeeping: abandoned flows
      em.create(OAuthFlow, {
        id: Bun.randomUUIDv7(),
        stateHash: sha256(flow.state),
        provider: p.id,
        intent: input.link ? OAuthIntent.link : OAuthIntent.signIn,
        userId: input.link ? principal!.userId : null,
        redirectUri,
        codeVerifier: flow.codeVerifier,
        nonce: flow.nonce,
        createdAt: now,
        expiresAt,
      });
      await em.flush();
      return { authorizationUrl, state: flow.state, expiresAt };
    },

    /**
     * Completes a sign-in flow: the linked account signs in; an unknown identity gets a new account, unless its
     * verified email already belongs to an account (OAUTH_ACCOUNT_EXISTS: never linked silently).
     */
    async complete(em: EntityManager, input: { provider: OAuthProviderId; params: string }): Promise<AuthPayload> {
      const identity = await verify(em, input.provider, input.params, OAuthIntent.signIn);
      let user = await findLinked(em, input.provider, identity);
      if (!user) {
        if (identity.email && (await em.count(User, { email: identity.email })) > 0) throw accountExists(input.provider);
        user = await createUser(em, input.provider, identity);
      }
      return deps.auth.completeSignIn(em, user);
    },

    /** Completes a link flow started by the same signed-in account. */
    async link(em: EntityManager, principal: Principal, input: { provider: OAuthProviderId; params: string }): Promise<OAuthAccount> {
      const identity = await verify(em, input.provider, input.params, OAuthIntent.link, principal.userId);
      const name = PROVIDER_NAMES[input.provider];
      const alreadyLinked = (message: string) => new AppError(ErrorCode.OAUTH_ALREADY_LINKED, message, 409, { provider: input.provider });
      try {
        return await em.transactional(async (tx) => {
          const existing = await tx.findOne(OAuthAccount, { provider: input.provider, subject: identity.subject });
          if (existing && existing.userId !== principal.userId) throw alreadyLinked(`This ${name} account is linked to another Startales account`);
          if (!existing && (await tx.count(OAuthAccount, { userId: principal.userId, provider: input.provider })) > 0) {
            throw alreadyLinked(`Another ${name} account is linked to yours: unlink it first`);
          }
          const link =
            existing ??
            tx.create(OAuthAccount, { id: Bun.randomUUIDv7(), userId: principal.userId, provider: input.provider, subject: identity.subject, createdAt: new Date() });
          link.email = identity.email;
          link.displayName = identity.displayName;
          link.lastUsedAt = new Date();
          return link;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyLinked(`This ${name} account could not be linked: it is already linked`);
        throw error;
      }
    },

    /**
     * Removes a provider from the caller's account, refused when it is the last way to sign in (no usable
     * password and no other provider). The user row is locked so two concurrent unlinks cannot both pass.
     */
    async unlink(em: EntityManager, principal: Principal, providerId: OAuthProviderId): Promise<OAuthAccount[]> {
      return em.transactional(async (tx) => {
        const user = await tx.findOne(User, { id: principal.userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!user) throw new NotFoundError('Your account no longer exists');
        const links = await tx.find(OAuthAccount, { userId: user.id }, { orderBy: { createdAt: 'asc' } });
        const target = links.find((l) => l.provider === providerId);
        if (!target) throw new NotFoundError(`No ${PROVIDER_NAMES[providerId]} account is linked`);
        const marker = await tx.findOne(OAuthPasswordMarker, { userId: user.id });
        const hasPassword = !marker || marker.passwordHash !== user.passwordHash;
        if (!hasPassword && links.length === 1) {
          throw new AppError(
            ErrorCode.OAUTH_LAST_SIGN_IN_METHOD,
            `${PROVIDER_NAMES[providerId]} is your only way to sign in: set a password or link another provider first`,
            409,
            { provider: providerId },
          );
        }
        if (marker && hasPassword) tx.remove(marker); // a real password was set since: the marker is stale
        tx.remove(target);
        return links.filter((l) => l !== target);
      });
    },

    linkedAccounts(em: EntityManager, userId: string): Promise<OAuthAccount[]> {
      return em.find(OAuthAccount, { userId }, { orderBy: { createdAt: 'asc' } });
    },
  };
}

export type OAuthService = ReturnType<typeof createOAuthService>;
