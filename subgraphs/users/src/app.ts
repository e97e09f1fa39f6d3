import { parse } from 'graphql';
import { createSubgraphApp, mergeResolvers, findAppError } from '@startales/kit';
import { createApiKeyService } from './modules/apikeys/service.ts';
import { createGdprService } from './modules/gdpr/service.ts';
import { createAuthService } from './modules/auth/service.ts';
import { createResolvers } from './resolvers/index.ts';
import { modules } from './modules/index.ts';
import { characterImageServiceFor } from './modules/characters/index.ts';
import type { UsersDeps, UsersServices } from './modules/types.ts';
import baseTypeDefs from './schema.graphql' with { type: 'text' };

export type { UsersDeps } from './modules/types.ts';

/** The subgraph SDL: the base schema plus every module's (the same files composition reads). */
export const typeDefs = parse([baseTypeDefs, ...modules.map((m) => m.typeDefs ?? '')].join('\n'));

/** The users subgraph: accounts, sessions, the JWKS and the feature modules. Reads no env, opens no socket. */
export function createApp(deps: UsersDeps) {
  const auth = createAuthService({ keys: deps.keys, refreshTtlSeconds: deps.refreshTtlSeconds, afterCommit: deps.outbox.kick });
  const services: UsersServices = { deps, auth };
  const resolvers = mergeResolvers(createResolvers(auth), ...modules.map((m) => m.createResolvers?.(services) ?? {}));
  const { app, yoga, state } = createSubgraphApp({ name: 'users', typeDefs, resolvers, deps });
  const apiKeys = createApiKeyService({ keys: deps.keys });
  const gdpr = createGdprService({ publicUrl: deps.publicUrl ?? 'http://127.0.0.1:4001', afterCommit: deps.outbox.kick });
  const characters = characterImageServiceFor(deps);
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return {
    app: app
      .get('/.well-known/jwks.json', ({ set }) => {
        set.headers['cache-control'] = 'public, max-age=300';
        return deps.keys.jwks;
      })
      // The gateway exchanges a partner API key for a short-lived access token (possession of the key is the credential).
      .post('/api-keys/exchange', async ({ body, set }) => {
        const key = (body as { key?: unknown } | null)?.key;
        if (typeof key !== 'string') {
          set.status = 400;
          return { error: { code: 'BAD_USER_INPUT', message: 'body must be {"key": "<api key>"}' } };
        }
        try {
          return await apiKeys.exchange(deps.orm.em.fork(), key);
        } catch (error) {
          const app = findAppError(error);
          if (!app) throw error;
          set.status = app.status;
          return { error: { code: app.code, reason: app.extensions.reason, message: app.message } };
        }
      })
      // A data export's archive, served once to whoever holds the link's token.
      .get('/gdpr/exports/:id', async ({ params, query, set }) => {
        const token = typeof query.token === 'string' ? query.token : '';
        if (!UUID.test(params.id) || !token) {
          set.status = 400;
          return { error: { code: 'BAD_USER_INPUT', message: 'expected /gdpr/exports/<id>?token=<token>' } };
        }
        try {
          const archive = await gdpr.download(deps.orm.em.fork(), params.id, token);
          set.headers['content-disposition'] = `attachment; filename="startales-export-${params.id}.json"`;
          set.headers['cache-control'] = 'no-store';
          return archive;
        } catch (error) {
          const app = findAppError(error);
          if (!app) throw error;
          set.status = app.status;
          return { error: { code: app.code, message: app.message, ...app.extensions } };
        }
      })
      // Character portraits: public to whoever holds the (unguessable) URL; immutable per id.
      .get('/media/characters/:file', async ({ params, request }) => {
        const notFound = () => Response.json({ error: { code: 'NOT_FOUND', message: 'No such image' } }, { status: 404, headers: { 'cache-control': 'no-store' } });
        let media: Awaited<ReturnType<typeof characters.media>>;
        try {
          media = await characters.media(deps.orm.em.fork(), params.file);
        } catch (error) {
          deps.logger.warn('character image could not be read', { file: params.file, error });
          return Response.json({ error: { code: 'SERVICE_UNAVAILABLE', message: 'Try again shortly' } }, { status: 503, headers: { 'retry-after': '5' } });
        }
        if (!media) return notFound();
        const headers = {
          'content-type': media.contentType,
          // removal must take effect within a day even in shared caches
          'cache-control': 'public, max-age=86400',
          etag: `"${media.id}"`,
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cross-origin-resource-policy': 'cross-origin',
        };
        if (request.headers.get('if-none-match') === headers.etag) return new Response(null, { status: 304, headers });
        return new Response(media.bytes, { headers: { ...headers, 'content-length': String(media.bytes.length) } });
      }),
    yoga,
    state,
    services,
  };
}
