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
    const access = await keys.signAccessToken({ userId: user.id, handle: user.handle, roles: user.roles as Role[] });
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, user };
  }

  async function revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
  }

  return {
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
          return issueSession(tx, user);
        });
        options.afterCommit();
        return payload;
      } catch (error) {
        if (isUniqueViolation(error)) {
          const detail = String((error as { detail?: string }).detail ?? (error as Error).message);
          if (/handle/i.test(detail)) throw new AppError(ErrorCode.HANDLE_TAKEN, 'That handle is taken', 409, { field: 'handle' });
          throw new AppError(ErrorCode.EMAIL_TAKEN, 'An account with that email already exists', 409, { field: 'email' });
        }
        throw error;
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
    completeSignIn(em: EntityManager, user: User): Promise<AuthPayload> {
      return em.transactional((tx) => issueSession(tx, tx.merge(user)));
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
