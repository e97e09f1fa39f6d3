import { parse } from 'graphql';
import { createSubgraphApp, type SubgraphDeps } from '@startales/kit';
import { createResolvers } from './resolvers/index.ts';
import typeDefsSource from './schema.graphql' with { type: 'text' };

export const typeDefs = parse(typeDefsSource);

/** The analytics subgraph. Its consumers are started by main.ts (or a test), not here. */
export function createApp(deps: SubgraphDeps) {
  return createSubgraphApp({ name: 'analytics', typeDefs, resolvers: createResolvers(), deps });
}
