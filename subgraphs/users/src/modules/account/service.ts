import { DomainEvent, type UserEmailVerifiedData } from '@startales/contracts';
import { InputError, enqueueDomainEvent, type EntityManager, type Logger, type Orm } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import type { AuthExtension, AuthService } from '../auth/service.ts';
import { validateEmail, validatePassword } from '../auth/model.ts';
import { AccountTokenPurpose } from './entities/account-token.entity.ts';
import { EmailVerification } from './entities/email-verification.entity.ts';
import { enqueueMail } from './mail/outbox.ts';
import { mails } from './mail/templates.ts';
import { invalidLinkToken, readLinkToken } from './model.ts';
import { RateLimitedError, sha256, type Throttle } from './throttle.ts';
import { consumeLinkToken, findLinkToken, issueLinkToken } from './tokens.ts';

export const VERIFY_EMAIL_TTL_SECONDS = 24 * 3600;
export const RESET_PASSWORD_TTL_SECONDS = 3600;

export interface AccountServiceOptions {
  orm: Orm;
  auth: AuthService;
  throttle: Throttle;
  logger: Logger;
  /** Where mail links point (`/verify-email?token=…`, `/reset-password?token=…`). */
  webAppUrl: string;
  /** After a commit that queued mail or events. */
  afterCommit: () => void;
}

/** Email verification and password recovery. No HTTP in here; the caller passes the client IP. */
export function createAccountService(options: AccountServiceOptions) {
  const { auth, throttle, webAppUrl } = options;

  async function queueVerification(tx: EntityManager, user: User): Promise<void> {
    const token = await issueLinkToken(tx, { userId: user.id, purpose: AccountTokenPurpose.VERIFY_EMAIL, email: user.email, ttlSeconds: VERIFY_EMAIL_TTL_SECONDS });
    enqueueMail(tx, { userId: user.id, to: user.email, ...mails.verifyEmail(webAppUrl, user.handle, token, VERIFY_EMAIL_TTL_SECONDS / 3600) });
  }

  /** Password reset mail for `email` if it has an account (run after the response, see requestPasswordReset). */
  async function sendReset(email: string): Promise<void> {
    const em = options.orm.em.fork();
    const user = await em.findOne(User, { email });
    if (!user) return;
    await em.transactional(async (tx) => {
      const token = await issueLinkToken(tx, { userId: user.id, purpose: AccountTokenPurpose.RESET_PASSWORD, email, ttlSeconds: RESET_PASSWORD_TTL_SECONDS });
      enqueueMail(tx, { userId: user.id, to: email, ...mails.resetPassword(webAppUrl, user.handle, token, RESET_PASSWORD_TTL_SECONDS / 60) });
    });
    options.afterCommit();
  }

  /** Registration hooks: the verification mail, and the owner's notice on a duplicate registration. */
  const authExtension: AuthExtension = {
    onRegistered: queueVerification,
    async onDuplicateEmail(em, existing) {
      try {
        await throttle.attempt(em, throttle.keys('duplicateRegistrationMail', { account: existing.id }));
      } catch (error) {
        if (error instanceof RateLimitedError) return; // enough notices for now; the caller's answer is unchanged
        throw error;
      }
      await em.transactional((tx) => {
        enqueueMail(tx, { userId: existing.id, to: existing.email, ...mails.duplicateRegistration(webAppUrl, existing.handle) });
      });
    },
    afterCommit: options.afterCommit,
  };

  return {
    authExtension,

    /** True when the account proved it owns its current email. */
    async isEmailVerified(em: EntityManager, user: Pick<User, 'id' | 'email'>): Promise<boolean> {
      const row = await em.findOne(EmailVerification, { userId: user.id });
      return row?.email === user.email;
    },

    /** Uses up a verification link. Wrong tokens count against the caller's IP. */
    async verifyEmail(em: EntityManager, ip: string, rawToken: unknown): Promise<boolean> {
      const token = readLinkToken(rawToken);
      const keys = throttle.keys('emailVerification', { ip });
      await throttle.attempt(em, keys);
      const row = await findLinkToken(em, token, AccountTokenPurpose.VERIFY_EMAIL);
      const user = row && (await em.findOne(User, { id: row.userId }));
      if (!row || !user || user.email !== row.email || !(await consumeLinkToken(em, row))) throw invalidLinkToken();
      const verifiedAt = new Date();
      await em.transactional(async (tx) => {
        await tx.upsert(EmailVerification, { userId: user.id, email: user.email, verifiedAt });
        // analytics' funnel step "verified"
        enqueueDomainEvent<UserEmailVerifiedData>(tx, DomainEvent.USER_EMAIL_VERIFIED, { userId: user.id, verifiedAt: verifiedAt.toISOString() }, user.id);
      });
      options.afterCommit();
      await throttle.succeeded(em, keys);
      return true;
    },

    /** Sends a fresh verification link to the signed-in account (nothing when already verified). */
    async resendVerification(em: EntityManager, userId: string): Promise<boolean> {
      await throttle.attempt(em, throttle.keys('resendVerification', { account: userId }));
      const user = await em.findOne(User, { id: userId });
      if (!user || (await this.isEmailVerified(em, user))) return true;
      await em.transactional((tx) => queueVerification(tx, user));
      options.afterCommit();
      return true;
    },

    /**
     * Always true, and as fast for an unknown email as for a known one: after validation and throttling (the same
     * for both) the lookup and the mail happen once the response is on its way.
     */
    async requestPasswordReset(em: EntityManager, ip: string, rawEmail: unknown): Promise<boolean> {
      const email = validateEmail(typeof rawEmail === 'string' ? rawEmail : '');
      await throttle.attempt(em, throttle.keys('passwordResetRequest', { account: sha256(email), ip }));
      void sendReset(email).catch((error) => options.logger.error('password reset mail failed', { error }));
      return true;
    },

    /**
     * Sets a new password with a reset link: the link is used up, every session of the account is signed out,
     * sign-in throttling for the account starts over, and the address counts as verified (the link proved it).
     */
    async resetPassword(em: EntityManager, ip: string, rawToken: unknown, newPassword: unknown): Promise<boolean> {
      const token = readLinkToken(rawToken);
      if (typeof newPassword !== 'string') throw new InputError('A new password is required', 'newPassword');
      const keys = throttle.keys('passwordReset', { ip });
      await throttle.attempt(em, keys);
      const row = await findLinkToken(em, token, AccountTokenPurpose.RESET_PASSWORD);
      const user = row && (await em.findOne(User, { id: row.userId }));
      if (!row || !user || user.email !== row.email) throw invalidLinkToken();
      await throttle.succeeded(em, keys);
      // a weak password does not use the link up: the user picks another
      try {
        validatePassword(newPassword, { email: user.email, handle: user.handle });
      } catch (error) {
        if (error instanceof InputError) throw new InputError(error.message, 'newPassword', error.code);
        throw error;
      }
      const passwordHash = await Bun.password.hash(newPassword, { algorithm: 'argon2id' });
      await em.transactional(async (tx) => {
        if (!(await consumeLinkToken(tx, row))) throw invalidLinkToken();
        const fresh = await tx.findOneOrFail(User, { id: user.id });
        fresh.passwordHash = passwordHash;
        await auth.revokeAllSessions(tx, user.id);
        await tx.upsert(EmailVerification, { userId: user.id, email: user.email, verifiedAt: new Date() });
        enqueueMail(tx, { userId: user.id, to: user.email, ...mails.passwordChanged(webAppUrl, user.handle) });
      });
      await throttle.clear(em, 'login', sha256(user.email));
      options.afterCommit();
      return true;
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
