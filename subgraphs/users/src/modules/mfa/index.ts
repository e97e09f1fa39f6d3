import type { GraphQLResolveInfo } from 'graphql';
import { Role } from '@startales/contracts';
import { requireUser, type RequestContext } from '@startales/kit';
import type { User } from '../../entities/user.entity.ts';
import { clientIp } from '../account/client-ip.ts';
import { assertSingleAttempt } from '../account/single-attempt.ts';
import { createThrottle } from '../account/throttle.ts';
import type { UsersModule } from '../types.ts';
import { MfaChallenge } from './entities/mfa-challenge.entity.ts';
import { MfaRecoveryCode } from './entities/mfa-recovery-code.entity.ts';
import { MfaTotp } from './entities/mfa-totp.entity.ts';
import { createMfaService } from './service.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

const canSeePrivate = (user: { id: string }, ctx: RequestContext) =>
  ctx.sessionUserId === user.id || ctx.auth.principal?.userId === user.id || ctx.auth.principal?.roles.includes(Role.ADMIN) === true;

/**
 * TOTP multi-factor authentication (RFC 6238) with recovery codes. Hooks every sign-in (`auth.completeSignIn` answers
 * MFA_REQUIRED for an account with MFA on) and every token (elevated roles need MFA).
 */
export const mfaModule: UsersModule = {
  name: 'mfa',
  typeDefs,
  entities: [MfaTotp, MfaRecoveryCode, MfaChallenge],
  createResolvers: ({ deps, auth }) => {
    if (deps.production && !deps.mfaEncryptionKey) deps.logger.warn('MFA_ENCRYPTION_KEY not set: TOTP secrets are stored unencrypted');
    const mfa = createMfaService({
      auth,
      throttle: createThrottle({ rules: deps.throttleRules, now: deps.clock }),
      encryptionKey: deps.mfaEncryptionKey,
      now: deps.clock,
    });
    auth.extend(mfa.authExtension);
    const session = <T extends { user: User }>(ctx: RequestContext, payload: T) => {
      ctx.sessionUserId = payload.user.id;
      return payload;
    };

    return {
      Mutation: {
        enrollMfa: (_: unknown, __: unknown, ctx: RequestContext) => mfa.enroll(ctx.em, requireUser(ctx.auth)),
        confirmMfa: async (_: unknown, args: { code: string }, ctx: RequestContext, info: GraphQLResolveInfo) => {
          const principal = requireUser(ctx.auth);
          assertSingleAttempt(info);
          const result = await mfa.confirm(ctx.em, principal, clientIp(ctx.request), args.code);
          session(ctx, result.session);
          return result;
        },
        disableMfa: (_: unknown, args: { code: string }, ctx: RequestContext, info: GraphQLResolveInfo) => {
          const principal = requireUser(ctx.auth);
          assertSingleAttempt(info);
          return mfa.disable(ctx.em, principal, clientIp(ctx.request), args.code);
        },
        regenerateMfaRecoveryCodes: (_: unknown, args: { code: string }, ctx: RequestContext, info: GraphQLResolveInfo) => {
          const principal = requireUser(ctx.auth);
          assertSingleAttempt(info);
          return mfa.regenerateRecoveryCodes(ctx.em, principal, clientIp(ctx.request), args.code);
        },
        verifyMfa: async (_: unknown, args: { mfaToken: string; code: string }, ctx: RequestContext, info: GraphQLResolveInfo) => {
          assertSingleAttempt(info);
          return session(ctx, await mfa.verify(ctx.em, clientIp(ctx.request), args.mfaToken, args.code));
        },
      },
      User: {
        mfaEnabled: (user: User, _: unknown, ctx: RequestContext) => (canSeePrivate(user, ctx) ? mfa.isEnabled(ctx.em, user.id) : null),
        mfaRecoveryCodesRemaining: (user: User, _: unknown, ctx: RequestContext) =>
          canSeePrivate(user, ctx) ? mfa.remainingRecoveryCodes(ctx.em, user.id) : null,
      },
    };
  },
  gdpr: {
    async exportUser(em, userId) {
      const factor = await em.findOne(MfaTotp, { userId });
      const codes = await em.find(MfaRecoveryCode, { userId });
      // never the secret or code hashes: what the person can be shown about their own factor
      return {
        totp: factor && { enrolledAt: factor.createdAt.toISOString(), confirmedAt: factor.confirmedAt?.toISOString() ?? null },
        recoveryCodes: { total: codes.length, used: codes.filter((c) => c.usedAt).length },
      };
    },
    async eraseUser(em, userId) {
      await em.nativeDelete(MfaChallenge, { userId });
      await em.nativeDelete(MfaRecoveryCode, { userId });
      await em.nativeDelete(MfaTotp, { userId });
    },
  },
};

export { MfaRequiredError, ELEVATED_ROLES } from './service.ts';
