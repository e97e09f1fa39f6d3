import { parse } from 'graphql';
import { createSubgraphApp, type SubgraphDeps } from '@startales/kit';
import { createResolvers } from './resolvers/index.ts';
import { modules } from './modules/index.ts';
import baseTypeDefs from './schema.graphql' with { type: 'text' };

/** The subgraph SDL: the base schema plus every module's (the same files composition reads). */
export const typeDefs = parse([baseTypeDefs, ...modules.map((m) => m.typeDefs)].join('\n'));

/** The analytics subgraph. Its consumers and partition maintenance are started by main.ts (or a test), not here. */
export function createApp(deps: SubgraphDeps) {
  return createSubgraphApp({ name: 'analytics', typeDefs, resolvers: createResolvers(), deps });
}
