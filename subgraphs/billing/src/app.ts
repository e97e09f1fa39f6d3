import { parse } from 'graphql';
import { createSubgraphApp, type SubgraphDeps } from '@startales/kit';
import { createResolvers } from './resolvers/index.ts';
import typeDefsSource from './schema.graphql' with { type: 'text' };

export const typeDefs = parse(typeDefsSource);

/** The billing subgraph: prices (Stripe and usage charges arrive with the billing issue). */
export function createApp(deps: SubgraphDeps) {
  return createSubgraphApp({ name: 'billing', typeDefs, resolvers: createResolvers(), deps });
}
