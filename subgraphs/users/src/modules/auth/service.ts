import { createHash, randomBytes } from 'node:crypto';
import { DomainEvent, ErrorCode, Role, type UserRegisteredData } from '@startales/contracts';
import { AppError, AuthError, enqueueDomainEvent, isUniqueViolation, type EntityManager } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import { RefreshToken } from '../../entities/refresh-token.entity.ts';
import type { SigningKeys } from './keys.ts';
import { validateEmail, validateHandle, validatePassword, normalizeEmail, type LoginInput, type RegisterInput } from './model.ts';

export interface AuthPayload {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  user: User;
}

/**
 * Extension points for feature modules, registered once with `auth.extend` when the app is built. Hooks run in
 * registration order. (Account security: the `account` module mails and decoys, the `mfa` module gates sign-ins.)
 */
export interface AuthExtension {
  /** Inside the registration transaction, after the account row is created (e.g. queue the verification mail). */
  onRegistered?(tx: EntityManager, user: User): Promise<void> | void;
  /**
   * A registration used the email of an existing account. The caller gets the same answer as for a new account
   * (see `register`); this is where the owner is told, e.g. by mail.
   */
  onDuplicateEmail?(em: EntityManager, existing: User): Promise<void>;
  /** Before any sign-in (password, OAuth, …) gets a session; throw to demand more (MFA_REQUIRED). Not on refresh. */
  beforeSignIn?(em: EntityManager, user: User): Promise<void>;
  /** Narrows the roles an access token carries, at every sign-in and refresh (elevated roles need MFA). */
  tokenRoles?(em: EntityManager, user: User, roles: Role[]): Promise<Role[]> | Role[];
  /** After a commit that queued work for the module (e.g. mail), so it goes out at once. */
  afterCommit?(): void;
}

export interface AuthServiceOptions {
  keys: SigningKeys;
  refreshTtlSeconds: number;
  /** Called after a commit that queued events, so they are published at once. */
  afterCommit: () => void;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// A real argon2id hash of a random password: verifying against it makes a login for an unknown email
// take as long as one with a wrong password, so timing does not reveal which emails exist.
const DUMMY_HASH = await Bun.password.hash(randomBytes(24).toString('base64url'), { algorithm: 'argon2id' });

const invalidCredentials = () => new AuthError('Email or password is incorrect', ErrorCode.INVALID_CREDENTIALS);

/** Accounts, passwords and sessions (access + rotating refresh tokens). No HTTP in here. */
export function createAuthService(options: AuthServiceOptions) {
  const { keys } = options;
  const extensions: AuthExtension[] = [];
  const afterCommit = () => {
    options.afterCommit();
    for (const ext of extensions) ext.afterCommit?.();
  };

  async function issueSession(em: EntityManager, user: User, familyId: string = Bun.randomUUIDv7()): Promise<AuthPayload> {
    const refreshToken = randomBytes(32).toString('base64url');
    em.create(RefreshToken, {
      id: Bun.randomUUIDv7(),
      tokenHash: hashToken(refreshToken),
      familyId,
      userId: user.id,
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + options.refreshTtlSeconds * 1000),
      usedAt: null,
      revokedAt: null,
    });
    let roles = user.roles as Role[];
    for (const ext of extensions) if (ext.tokenRoles) roles = await ext.tokenRoles(em, user, roles);
    const access = await keys.signAccessToken({ userId: user.id, handle: user.handle, roles });
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, user };
  }

  /**
   * What `register` answers when the email already has an account: the shape of a new account's payload, but no
   * account and no session behind it (a fresh id; the refresh token is not stored). See `register`.
   */
  async function decoyPayload(email: string, handle: string): Promise<AuthPayload> {
    const user = Object.assign(new User(), {
      id: Bun.randomUUIDv7(),
      email,
      handle,
      handleKey: handle.toLowerCase(),
      passwordHash: '',
      roles: [Role.PLAYER],
      createdAt: new Date(),
    });
    const access = await keys.signAccessToken({ userId: user.id, handle, roles: [Role.PLAYER] });
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: randomBytes(32).toString('base64url'), user };
  }

  async function revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
  }

  return {
    /** Registers a module's hooks (called while the app is built, before any request). */
    extend(extension: AuthExtension): void {
      extensions.push(extension);
    },

    /**
     * Creates an account and signs it in. Registration never reveals whether an email is registered: for an
     * existing email the answer has the same shape and timing as for a new account (a decoy payload: no account,
     * no session is created) and the owner is told by mail instead (`onDuplicateEmail`). Handles are public, so a
     * taken handle is still HANDLE_TAKEN — checked first, so it never depends on whether the email exists.
     */
    async register(em: EntityManager, input: RegisterInput): Promise<AuthPayload> {
      const email = validateEmail(input.email);
      const handle = validateHandle(input.handle);
      validatePassword(input.password, { email, handle });
      const passwordHash = await Bun.password.hash(input.password, { algorithm: 'argon2id' });
      try {
        const payload = await em.transactional(async (tx) => {
          const user = tx.create(User, {
            id: Bun.randomUUIDv7(),
            email,
            handle,
            handleKey: handle.toLowerCase(),
            passwordHash,
            roles: [Role.PLAYER],
            createdAt: new Date(),
          });
          enqueueDomainEvent<UserRegisteredData>(
            tx,
            DomainEvent.USER_REGISTERED,
            { userId: user.id, handle, registeredAt: user.createdAt.toISOString() },
            user.id,
          );
          for (const ext of extensions) await ext.onRegistered?.(tx, user);
          return issueSession(tx, user);
        });
        afterCommit();
        return payload;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const fresh = em.fork();
        if ((await fresh.count(User, { handleKey: handle.toLowerCase() })) > 0) {
          throw new AppError(ErrorCode.HANDLE_TAKEN, 'That handle is taken', 409, { field: 'handle' });
        }
        const existing = await fresh.findOne(User, { email });
        // neither is taken any more (the other account was erased meanwhile): the caller may simply retry
        if (!existing) throw new AppError(ErrorCode.CONFLICT, 'Registration conflicted with another change; try again', 409, { cause: error });
        for (const ext of extensions) await ext.onDuplicateEmail?.(fresh, existing);
        afterCommit();
        return decoyPayload(email, handle);
      }
    },

    async login(em: EntityManager, input: LoginInput): Promise<AuthPayload> {
      const user = await em.findOne(User, { email: normalizeEmail(input.email) });
      const ok = await Bun.password.verify(input.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) throw invalidCredentials();
      return this.completeSignIn(em, user);
    },

    /**
     * Rotates a refresh token. The "mark used" is a conditional UPDATE, so two concurrent refreshes with
     * the same token cannot both succeed: the loser is treated as reuse and revokes the family.
     */
    async refresh(em: EntityManager, refreshToken: string): Promise<AuthPayload> {
      const tokenHash = hashToken(refreshToken);
      const row = await em.findOne(RefreshToken, { tokenHash });
      if (!row || row.revokedAt) throw new AuthError('Refresh token is invalid or revoked', ErrorCode.INVALID_REFRESH_TOKEN);
      if (row.expiresAt.getTime() <= Date.now()) throw new AuthError('Refresh token expired', ErrorCode.INVALID_REFRESH_TOKEN);
      const claimed = await em.nativeUpdate(RefreshToken, { id: row.id, usedAt: null, revokedAt: null }, { usedAt: new Date() });
      if (claimed !== 1) {
        await revokeFamily(em, row.familyId);
        throw new AuthError('Refresh token was already used; all sessions from that sign-in are revoked', ErrorCode.REFRESH_TOKEN_REUSED);
      }
      const user = await em.findOne(User, { id: row.userId });
      if (!user) throw new AuthError('Account no longer exists', ErrorCode.INVALID_REFRESH_TOKEN);
      return em.transactional((tx) => issueSession(tx, tx.merge(user), row.familyId));
    },

    /**
     * The last step of every sign-in path (password, OAuth, …): issues a session for an authenticated user.
     * Policies that apply to all sign-ins (multi-factor, suspensions) belong here.
     */
    async completeSignIn(em: EntityManager, user: User): Promise<AuthPayload> {
      // may throw MFA_REQUIRED (AppError, `extensions.mfaToken`): the caller passes it on to the client
      for (const ext of extensions) await ext.beforeSignIn?.(em, user);
      return em.transactional((tx) => issueSession(tx, tx.merge(user)));
    },

    /**
     * Issues a session for a sign-in whose every factor was already checked (the MFA module, after a code).
     * Skips `beforeSignIn`; never call it from a first-factor path — use `completeSignIn`.
     */
    issueVerifiedSession(em: EntityManager, user: User): Promise<AuthPayload> {
      return em.transactional((tx) => issueSession(tx, tx.merge(user)));
    },

    /** Signs out every session of the user (each refresh-token family); access tokens lapse within their TTL. */
    async revokeAllSessions(em: EntityManager, userId: string): Promise<number> {
      return em.nativeUpdate(RefreshToken, { userId, revokedAt: null }, { revokedAt: new Date() });
    },

    /** Ends the sign-in the token belongs to (its whole family). Idempotent; unknown tokens are ignored. */
    async logout(em: EntityManager, refreshToken: string): Promise<boolean> {
      const row = await em.findOne(RefreshToken, { tokenHash: hashToken(refreshToken) });
      if (row) await revokeFamily(em, row.familyId);
      return true;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
