import { createHash, randomBytes } from 'node:crypto';
import { raw } from '@mikro-orm/core';
import { ErrorCode, Role } from '@startales/contracts';
import { AppError, InputError, type EntityManager, type Principal } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import type { AuthExtension, AuthPayload, AuthService } from '../auth/service.ts';
import type { Throttle } from '../account/throttle.ts';
import { LINK_TOKEN, readLinkToken } from '../account/model.ts';
import { MfaChallenge } from './entities/mfa-challenge.entity.ts';
import { MfaRecoveryCode } from './entities/mfa-recovery-code.entity.ts';
import { MfaTotp } from './entities/mfa-totp.entity.ts';
import { readMfaCode, type MfaCode } from './model.ts';
import { TOTP_ISSUER, hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, openSecret, sealSecret, totpUri } from './totp.ts';

/** Roles that reach an access token only when the user has MFA enabled. */
export const ELEVATED_ROLES: ReadonlySet<Role> = new Set([Role.MODERATOR, Role.ADMIN, Role.FINANCE]);

export const MFA_CHALLENGE_TTL_SECONDS = 300;
export const MFA_CHALLENGE_MAX_FAILURES = 5;
export const MFA_ENROLLMENT_TTL_SECONDS = 900;

/** A sign-in that needs its second factor: finish it with `verifyMfa(mfaToken, code)`. */
export class MfaRequiredError extends AppError {
  override readonly name = 'MfaRequiredError';
  constructor(mfaToken: string, expiresAt: Date) {
    super(ErrorCode.MFA_REQUIRED, 'Enter the code from your authenticator app (or a recovery code) to finish signing in', 401, {
      mfaToken,
      mfaTokenExpiresAt: expiresAt.toISOString(),
    });
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const wrongCode = () => new AppError(ErrorCode.INVALID_MFA_CODE, 'That code is not right (or was already used)', 401, { field: 'code' });
const expiredChallenge = () =>
  new AppError(ErrorCode.INVALID_TOKEN, 'This sign-in has expired or is finished; sign in again', 401, { field: 'mfaToken' });
const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message, 409);

export interface MfaServiceOptions {
  auth: AuthService;
  throttle: Throttle;
  /** AES-256-GCM key for secrets at rest (see totp.ts). */
  encryptionKey?: Uint8Array;
  now?: () => number;
}

/** TOTP multi-factor authentication: enrollment, recovery codes, the sign-in challenge, and the elevated-role rule. */
export function createMfaService(options: MfaServiceOptions) {
  const { auth, throttle, encryptionKey } = options;
  const now = options.now ?? Date.now;

  const enabledFactor = (em: EntityManager, userId: string) => em.findOne(MfaTotp, { userId, confirmedAt: { $ne: null } });

  /** Checks a code and uses it up: a TOTP step is accepted once (conditional UPDATE), a recovery code once. */
  async function useCode(em: EntityManager, factor: MfaTotp, code: MfaCode): Promise<boolean> {
    const at = now();
    if (code.kind === 'recovery') {
      const used = await em.nativeUpdate(
        MfaRecoveryCode,
        { userId: factor.userId, codeHash: hashRecoveryCode(code.code), usedAt: null },
        { usedAt: new Date(at) },
      );
      return used === 1;
    }
    const step = matchTotp(openSecret(factor.secret, factor.userId, encryptionKey), code.code, at);
    if (step === null) return false;
    const claimed = await em.nativeUpdate(
      MfaTotp,
      { userId: factor.userId, $or: [{ lastUsedStep: null }, { lastUsedStep: { $lt: step } }] },
      { lastUsedStep: step },
    );
    return claimed === 1;
  }

  /** Replaces the user's recovery codes in the caller's transaction; returns them in clear (shown once). */
  async function replaceRecoveryCodes(tx: EntityManager, userId: string): Promise<string[]> {
    await tx.nativeDelete(MfaRecoveryCode, { userId });
    const codes = newRecoveryCodes();
    for (const code of codes) {
      tx.create(MfaRecoveryCode, {
        id: Bun.randomUUIDv7(),
        userId,
        codeHash: hashRecoveryCode(code.replace(/-/g, '')),
        createdAt: new Date(now()),
        usedAt: null,
      });
    }
    return codes;
  }

  /** Throttles a code attempt for `userId`, checks and uses up the code; wrong → INVALID_MFA_CODE. */
  async function checkCode(em: EntityManager, userId: string, ip: string, factor: MfaTotp, code: MfaCode): Promise<void> {
    const keys = throttle.keys('mfa', { account: userId, ip });
    await throttle.attempt(em, keys);
    if (!(await useCode(em, factor, code))) throw wrongCode();
    await throttle.succeeded(em, keys);
  }

  const authExtension: AuthExtension = {
    /** Every sign-in of an account with MFA stops here with a challenge. */
    async beforeSignIn(em, user) {
      if (!(await enabledFactor(em, user.id))) return;
      const token = randomBytes(32).toString('base64url');
      const createdAt = new Date(now());
      const expiresAt = new Date(createdAt.getTime() + MFA_CHALLENGE_TTL_SECONDS * 1000);
      const fork = em.fork();
      fork.create(MfaChallenge, { id: Bun.randomUUIDv7(), userId: user.id, tokenHash: sha256(token), createdAt, expiresAt, usedAt: null, failedAttempts: 0 });
      await fork.flush();
      throw new MfaRequiredError(token, expiresAt);
    },
    /** Moderator, admin and finance reach a token only with MFA enabled; the user keeps the roles, the token lacks them. */
    async tokenRoles(em, user, roles) {
      if (!roles.some((r) => ELEVATED_ROLES.has(r))) return roles;
      return (await enabledFactor(em, user.id)) ? roles : roles.filter((r) => !ELEVATED_ROLES.has(r));
    },
  };

  return {
    authExtension,

    async isEnabled(em: EntityManager, userId: string): Promise<boolean> {
      return (await enabledFactor(em, userId)) !== null;
    },

    /** Starts (or restarts) enrollment: a new secret, pending until `confirm`. */
    async enroll(em: EntityManager, principal: Principal) {
      const existing = await em.findOne(MfaTotp, { userId: principal.userId });
      if (existing?.confirmedAt) throw conflict('MFA is already enabled; disable it first to enroll a new authenticator');
      const secret = newTotpSecret();
      const createdAt = new Date(now());
      await em.upsert(MfaTotp, { userId: principal.userId, secret: sealSecret(secret, principal.userId, encryptionKey), createdAt, confirmedAt: null, lastUsedStep: null });
      return {
        secret,
        otpauthUri: totpUri(secret, principal.handle),
        issuer: TOTP_ISSUER,
        expiresAt: new Date(createdAt.getTime() + MFA_ENROLLMENT_TTL_SECONDS * 1000),
      };
    },

    /**
     * Turns MFA on with a first code: returns ten recovery codes (shown once) and a new session, and signs out every
     * other session — so every live session of an MFA account has passed MFA (elevated roles included from now on).
     */
    async confirm(em: EntityManager, principal: Principal, ip: string, rawCode: unknown): Promise<{ recoveryCodes: string[]; session: AuthPayload }> {
      const code = readMfaCode(rawCode);
      if (code.kind !== 'totp') throw new InputError('Enter the 6-digit code from your authenticator app', 'code');
      const factor = await em.findOne(MfaTotp, { userId: principal.userId });
      if (!factor) throw conflict('Start enrollment first (enrollMfa)');
      if (factor.confirmedAt) throw conflict('MFA is already enabled');
      if (factor.createdAt.getTime() + MFA_ENROLLMENT_TTL_SECONDS * 1000 < now()) throw conflict('Enrollment expired; start again (enrollMfa)');
      const user = await em.findOne(User, { id: principal.userId });
      if (!user) throw new AppError(ErrorCode.NOT_FOUND, 'Your account no longer exists', 404);
      await checkCode(em, principal.userId, ip, factor, code);
      return em.transactional(async (tx) => {
        const turnedOn = await tx.nativeUpdate(MfaTotp, { userId: principal.userId, confirmedAt: null }, { confirmedAt: new Date(now()) });
        if (turnedOn !== 1) throw conflict('MFA is already enabled');
        const recoveryCodes = await replaceRecoveryCodes(tx, principal.userId);
        await auth.revokeAllSessions(tx, principal.userId);
        return { recoveryCodes, session: await auth.issueVerifiedSession(tx, user) };
      });
    },

    /** Turns MFA off with a code (authenticator or recovery). Elevated roles leave the account's next tokens. */
    async disable(em: EntityManager, principal: Principal, ip: string, rawCode: unknown): Promise<boolean> {
      const code = readMfaCode(rawCode);
      const factor = await enabledFactor(em, principal.userId);
      if (!factor) throw conflict('MFA is not enabled');
      await checkCode(em, principal.userId, ip, factor, code);
      await em.transactional(async (tx) => {
        await tx.nativeDelete(MfaRecoveryCode, { userId: principal.userId });
        await tx.nativeDelete(MfaChallenge, { userId: principal.userId });
        await tx.nativeDelete(MfaTotp, { userId: principal.userId });
      });
      return true;
    },

    /** New recovery codes (the old ones stop working), with a code. */
    async regenerateRecoveryCodes(em: EntityManager, principal: Principal, ip: string, rawCode: unknown): Promise<string[]> {
      const code = readMfaCode(rawCode);
      const factor = await enabledFactor(em, principal.userId);
      if (!factor) throw conflict('MFA is not enabled');
      await checkCode(em, principal.userId, ip, factor, code);
      return em.transactional((tx) => replaceRecoveryCodes(tx, principal.userId));
    },

    /** Recovery codes not used yet. */
    remainingRecoveryCodes(em: EntityManager, userId: string): Promise<number> {
      return em.count(MfaRecoveryCode, { userId, usedAt: null });
    },

    /**
     * Finishes a sign-in that answered MFA_REQUIRED. The challenge yields one session at most and dies after
     * MFA_CHALLENGE_MAX_FAILURES wrong codes; attempts are throttled per account and IP like passwords.
     */
    async verify(em: EntityManager, ip: string, rawToken: unknown, rawCode: unknown): Promise<AuthPayload> {
      const token = readLinkToken(rawToken, 'mfaToken');
      const code = readMfaCode(rawCode);
      const at = new Date(now());
      const challenge = LINK_TOKEN.test(token)
        ? await em.findOne(MfaChallenge, {
            tokenHash: sha256(token),
            usedAt: null,
            expiresAt: { $gt: at },
            failedAttempts: { $lt: MFA_CHALLENGE_MAX_FAILURES },
          })
        : null;
      if (!challenge) {
        await throttle.attempt(em, throttle.keys('mfa', { ip }));
        throw expiredChallenge();
      }
      const factor = await enabledFactor(em, challenge.userId);
      const user = await em.findOne(User, { id: challenge.userId });
      if (!factor || !user) throw expiredChallenge(); // MFA turned off (or the account erased) meanwhile: sign in again
      try {
        await checkCode(em, user.id, ip, factor, code);
      } catch (error) {
        if ((error as AppError).code === ErrorCode.INVALID_MFA_CODE) {
          await em.nativeUpdate(MfaChallenge, { id: challenge.id }, { failedAttempts: raw('failed_attempts + 1') });
        }
        throw error;
      }
      const claimed = await em.nativeUpdate(MfaChallenge, { id: challenge.id, usedAt: null }, { usedAt: new Date(now()) });
      if (claimed !== 1) throw expiredChallenge();
      return auth.issueVerifiedSession(em, user);
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;
