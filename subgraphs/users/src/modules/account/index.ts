import type { GraphQLResolveInfo } from 'graphql';
import { ErrorCode, Role } from '@startales/contracts';
import { InputError, findAppError, requireRole, requireUser, toExportJson, type RequestContext } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import { normalizeEmail, type LoginInput } from '../auth/model.ts';
import type { UsersModule } from '../types.ts';
import { AccountToken } from './entities/account-token.entity.ts';
import { AuditLog } from './entities/audit-log.entity.ts';
import { AuthThrottle } from './entities/auth-throttle.entity.ts';
import { EmailVerification } from './entities/email-verification.entity.ts';
import { MailMessage } from './entities/mail-message.entity.ts';
import { clientIp } from './client-ip.ts';
import { UUID, readRoles } from './model.ts';
import { setUserRoles } from './roles.ts';
import { createAccountService } from './service.ts';
import { assertSingleAttempt } from './single-attempt.ts';
import { createThrottle, sha256 } from './throttle.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

export const DEFAULT_WEB_APP_URL = 'http://127.0.0.1:5173';

const canSeePrivate = (user: { id: string }, ctx: RequestContext) =>
  ctx.sessionUserId === user.id || ctx.auth.principal?.userId === user.id || ctx.auth.principal?.roles.includes(Role.ADMIN) === true;

const encodeCursor = (id: string) => Buffer.from(`a:${id}`).toString('base64url');
function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (!cursor) return undefined;
  const m = /^a:(.+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m || !UUID.test(m[1]!)) throw new InputError('Invalid cursor', 'after');
  return m[1];
}

/**
 * Account security: email verification, password recovery, brute-force throttling of every secret-checking
 * mutation (this module wraps the base `login` with it), admin role changes and their audit log.
 */
export const accountModule: UsersModule = {
  name: 'account',
  typeDefs,
  entities: [AccountToken, EmailVerification, MailMessage, AuthThrottle, AuditLog],
  createResolvers: ({ deps, auth }) => {
    const throttle = createThrottle({ rules: deps.throttleRules, now: deps.clock });
    const account = createAccountService({
      orm: deps.orm,
      auth,
      throttle,
      logger: deps.logger,
      webAppUrl: deps.webAppUrl ?? DEFAULT_WEB_APP_URL,
      afterCommit: () => {
        deps.outbox.kick();
        deps.mail?.kick();
      },
    });
    auth.extend(account.authExtension);

    return {
      Query: {
        accountAuditLog: async (_: unknown, args: { first: number; after?: string | null; targetUserId?: string | null }, ctx: RequestContext) => {
          requireRole(ctx.auth, Role.ADMIN);
          if (!Number.isInteger(args.first) || args.first < 1 || args.first > 100) throw new InputError('first must be 1–100', 'first');
          if (args.targetUserId != null && !UUID.test(args.targetUserId)) throw new InputError('targetUserId is not a valid id', 'targetUserId');
          const where = args.targetUserId ? { targetId: args.targetUserId } : {};
          const before = decodeCursor(args.after);
          const rows = await ctx.em.find(AuditLog, before ? { ...where, id: { $lt: before } } : where, { orderBy: { id: 'desc' }, limit: args.first + 1 });
          const totalCount = await ctx.em.count(AuditLog, where);
          const page = rows.slice(0, args.first);
          return {
            edges: page.map((node) => ({ cursor: encodeCursor(node.id), node })),
            pageInfo: { hasNextPage: rows.length > args.first, endCursor: page.length ? encodeCursor(page.at(-1)!.id) : null },
            totalCount,
          };
        },
      },
      Mutation: {
        /**
         * The base `login`, throttled per account (by a hash of the email, so unknown emails are throttled exactly
         * like known ones) and per client IP. A correct password — including one answered with MFA_REQUIRED — is a
         * success.
         */
        login: async (_: unknown, args: { input: LoginInput }, ctx: RequestContext, info: GraphQLResolveInfo) => {
          assertSingleAttempt(info);
          const keys = throttle.keys('login', { account: sha256(normalizeEmail(String(args.input.email))), ip: clientIp(ctx.request) });
          await throttle.attempt(ctx.em, keys);
          try {
            const payload = await auth.login(ctx.em, args.input);
            await throttle.succeeded(ctx.em, keys);
            ctx.sessionUserId = payload.user.id;
            return payload;
          } catch (error) {
            if (findAppError(error)?.code === ErrorCode.MFA_REQUIRED) await throttle.succeeded(ctx.em, keys);
            throw error;
          }
        },
        verifyEmail: (_: unknown, args: { token: string }, ctx: RequestContext, info: GraphQLResolveInfo) => {
          assertSingleAttempt(info);
          return account.verifyEmail(ctx.em, clientIp(ctx.request), args.token);
        },
        resendVerificationEmail: (_: unknown, __: unknown, ctx: RequestContext, info: GraphQLResolveInfo) => {
          const principal = requireUser(ctx.auth);
          assertSingleAttempt(info);
          return account.resendVerification(ctx.em, principal.userId);
        },
        requestPasswordReset: (_: unknown, args: { email: string }, ctx: RequestContext, info: GraphQLResolveInfo) => {
          assertSingleAttempt(info);
          return account.requestPasswordReset(ctx.em, clientIp(ctx.request), args.email);
        },
        resetPassword: (_: unknown, args: { token: string; newPassword: string }, ctx: RequestContext, info: GraphQLResolveInfo) => {
          assertSingleAttempt(info);
          return account.resetPassword(ctx.em, clientIp(ctx.request), args.token, args.newPassword);
        },
        setUserRoles: (_: unknown, args: { userId: string; roles: string[] }, ctx: RequestContext) => {
          const admin = requireRole(ctx.auth, Role.ADMIN);
          if (!UUID.test(args.userId)) throw new InputError('userId is not a valid user id', 'userId');
          return setUserRoles(ctx.em, admin.userId, args.userId, readRoles(args.roles));
        },
      },
      User: {
        emailVerified: async (user: User, _: unknown, ctx: RequestContext) =>
          canSeePrivate(user, ctx) ? account.isEmailVerified(ctx.em, user) : null,
      },
      AccountAuditEntry: {
        actorUser: (entry: AuditLog, _: unknown, ctx: RequestContext) => (UUID.test(entry.actor) ? ctx.em.findOne(User, { id: entry.actor }) : null),
        targetUser: (entry: AuditLog, _: unknown, ctx: RequestContext) =>
          entry.targetType === 'user' && UUID.test(entry.targetId) ? ctx.em.findOne(User, { id: entry.targetId }) : null,
        before: (entry: AuditLog) => (entry.before == null ? null : JSON.stringify(entry.before)),
        after: (entry: AuditLog) => (entry.after == null ? null : JSON.stringify(entry.after)),
      },
    };
  },
  gdpr: {
    async exportUser(em, userId) {
      const verification = await em.findOne(EmailVerification, { userId });
      const tokens = await em.find(AccountToken, { userId }, { orderBy: { createdAt: 'asc' } });
      const mail = await em.find(MailMessage, { userId }, { orderBy: { createdAt: 'asc' } });
      const audit = await em.find(AuditLog, { targetId: userId }, { orderBy: { id: 'asc' } });
      return {
        emailVerification: verification && { email: verification.email, verifiedAt: verification.verifiedAt.toISOString() },
        linkTokens: toExportJson(tokens.map(({ tokenHash: _h, ...t }) => t)),
        mail: toExportJson(mail.map(({ text: _t, ...m }) => m)),
        auditLog: toExportJson(audit),
      };
    },
    async eraseUser(em, userId) {
      const user = await em.findOne(User, { id: userId });
      await em.nativeDelete(AccountToken, { userId });
      await em.nativeDelete(EmailVerification, { userId });
      await em.nativeDelete(MailMessage, user ? { $or: [{ userId }, { to: user.email }] } : { userId });
      const accountKeys = [userId, ...(user ? [sha256(user.email)] : [])];
      await em.nativeDelete(AuthThrottle, { $or: accountKeys.map((id) => ({ key: { $like: `%:account:${id}` } })) });
      // audit rows stay (append-only): they hold ids and roles, nothing that identifies the person once erased
    },
  },
};

export { createMailTransport } from './mail/transport.ts';
export { startMailSender } from './mail/sender.ts';
export { recordRoleChange, CLI_ACTOR } from './roles.ts';
