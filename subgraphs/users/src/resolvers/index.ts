import { DateTimeScalar, requireUser, NotFoundError, type RequestContext } from '@startales/kit';
import { User } from '../entities/user.entity.ts';
import type { AuthService } from '../modules/auth/service.ts';
import type { LoginInput, RegisterInput } from '../modules/auth/model.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The account a session was just issued for sees its own private fields in the same response. */
function asSession<T extends { user: User }>(ctx: RequestContext, payload: T): T {
  ctx.sessionUserId = payload.user.id;
  return payload;
}

export function createResolvers(auth: AuthService) {
  return {
    DateTime: DateTimeScalar,
    Query: {
      me: async (_: unknown, __: unknown, ctx: RequestContext) => {
        const principal = requireUser(ctx.auth);
        const user = await ctx.em.findOne(User, { id: principal.userId });
        if (!user) throw new NotFoundError('Your account no longer exists');
        return user;
      },
      user: async (_: unknown, args: { id: string }, ctx: RequestContext) => {
        requireUser(ctx.auth);
        if (!UUID.test(args.id)) return null;
        return ctx.em.findOne(User, { id: args.id });
      },
    },
    Mutation: {
      register: async (_: unknown, args: { input: RegisterInput }, ctx: RequestContext) =>
        asSession(ctx, await auth.register(ctx.em, args.input)),
      login: async (_: unknown, args: { input: LoginInput }, ctx: RequestContext) =>
        asSession(ctx, await auth.login(ctx.em, args.input)),
      refreshSession: async (_: unknown, args: { refreshToken: string }, ctx: RequestContext) =>
        asSession(ctx, await auth.refresh(ctx.em, args.refreshToken)),
      logout: (_: unknown, args: { refreshToken: string }, ctx: RequestContext) => auth.logout(ctx.em, args.refreshToken),
    },
    User: {
      __resolveReference: async (ref: { id: string }, ctx: RequestContext) =>
        UUID.test(ref.id) ? ctx.em.findOne(User, { id: ref.id }) : null,
      email: (user: User, _: unknown, ctx: RequestContext) => {
        const p = ctx.auth.principal;
        // placeholder addresses (`…@oauth.invalid` for providers without a verified email) are not emails
        if (user.email.endsWith('.invalid')) return null;
        if (ctx.sessionUserId === user.id) return user.email;
        return p && (p.userId === user.id || p.roles.includes('admin')) ? user.email : null;
      },
      roles: (user: User) => user.roles.map((r) => r.toUpperCase()),
    },
  };
}
