import type { UsersModule } from '../types.ts';
import { OAuthFlow } from './entities/oauth-flow.entity.ts';
import { OAuthAccount } from './entities/oauth-account.entity.ts';
import { OAuthPasswordMarker } from './entities/oauth-password-marker.entity.ts';
import { createOAuthResolvers } from './resolvers.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

export type { OAuthOptions } from './service.ts';

/** OAuth sign-in (Google OIDC, Discord OAuth 2, Steam OpenID 2.0), account creation, link and unlink. */
export const oauthModule: UsersModule = {
  name: 'oauth',
  typeDefs,
  entities: [OAuthFlow, OAuthAccount, OAuthPasswordMarker],
  createResolvers: createOAuthResolvers,
  gdpr: {
    async exportUser(em, userId) {
      const links = await em.find(OAuthAccount, { userId }, { orderBy: { createdAt: 'asc' } });
      return {
        linkedAccounts: links.map((l) => ({
          provider: l.provider,
          subject: l.subject,
          email: l.email ?? null,
          displayName: l.displayName ?? null,
          linkedAt: l.createdAt.toISOString(),
          lastUsedAt: l.lastUsedAt?.toISOString() ?? null,
        })),
      };
    },
    async eraseUser(em, userId) {
      await em.nativeDelete(OAuthAccount, { userId });
      await em.nativeDelete(OAuthFlow, { userId });
      await em.nativeDelete(OAuthPasswordMarker, { userId });
    },
  },
};
