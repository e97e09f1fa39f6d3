import { requireUser, type RequestContext } from '@startales/kit';
import type { User } from '../../entities/user.entity.ts';
import type { UsersServices } from '../types.ts';
import type { OAuthAccount } from './entities/oauth-account.entity.ts';
import { providerFromGraphQL, providerToGraphQL } from './model.ts';
import { createOAuthService } from './service.ts';

interface StartArgs {
  input: { provider: string; redirectUri: string; link?: boolean | null };
}
interface CompleteArgs {
  input: { provider: string; params: string };
}

export function createOAuthResolvers(services: UsersServices) {
  const oauth = createOAuthService(services.deps.oauth, { auth: services.auth, afterCommit: services.deps.outbox.kick });
  const complete = (input: CompleteArgs['input']) => ({ provider: providerFromGraphQL(input.provider), params: input.params });
  return {
    Query: {
      oauthProviders: () => oauth.providers().map(providerToGraphQL),
    },
    Mutation: {
      oauthStart: (_: unknown, { input }: StartArgs, ctx: RequestContext) =>
        oauth.start(ctx.em, { provider: providerFromGraphQL(input.provider), redirectUri: input.redirectUri, link: input.link === true }, ctx.auth.principal),
      oauthComplete: async (_: unknown, { input }: CompleteArgs, ctx: RequestContext) => {
        const payload = await oauth.complete(ctx.em, complete(input));
        ctx.sessionUserId = payload.user.id; // the new session's own account sees its private fields
        return payload;
      },
      linkOAuthAccount: (_: unknown, { input }: CompleteArgs, ctx: RequestContext) => oauth.link(ctx.em, requireUser(ctx.auth), complete(input)),
      unlinkOAuthAccount: (_: unknown, args: { provider: string }, ctx: RequestContext) =>
        oauth.unlink(ctx.em, requireUser(ctx.auth), providerFromGraphQL(args.provider)),
    },
    User: {
      linkedAccounts: (user: User, _: unknown, ctx: RequestContext) => {
        const self = ctx.sessionUserId === user.id || ctx.auth.principal?.userId === user.id;
        return self ? oauth.linkedAccounts(ctx.em, user.id) : null;
      },
    },
    LinkedAccount: {
      provider: (account: OAuthAccount) => providerToGraphQL(account.provider),
      linkedAt: (account: OAuthAccount) => account.createdAt,
    },
  };
}
