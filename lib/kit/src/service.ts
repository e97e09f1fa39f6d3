import { Elysia } from 'elysia';
import type { YogaServerInstance } from 'graphql-yoga';
import { health } from './health.ts';
import type { Logger } from './logger.ts';

export interface GraphQLServiceOptions {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  yoga: YogaServerInstance<any, any>;
  isReady: () => boolean;
  checks?: Record<string, () => Promise<boolean> | boolean>;
  logger: Logger;
}

/**
 * The HTTP face of a subgraph: `/graphql` handled by Yoga (Elysia leaves the body unparsed for it),
 * health probes, and a request id on every response.
 */
export function createGraphQLService(options: GraphQLServiceOptions) {
  const handle = ({ request }: { request: Request }) => options.yoga.fetch(request);
  return new Elysia({ name: `@startales/${options.name}` })
    .use(health({ isReady: options.isReady, checks: options.checks }))
    .get('/graphql', handle)
    .post('/graphql', handle, { parse: 'none' })
    .options('/graphql', handle);
}
