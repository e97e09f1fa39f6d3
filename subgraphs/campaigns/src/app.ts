import { parse } from 'graphql';
import { createSubgraphApp, type SubgraphDeps } from '@startales/kit';
import { createCampaignService } from './modules/campaigns/service.ts';
import { createResolvers } from './resolvers/index.ts';
import typeDefsSource from './schema.graphql' with { type: 'text' };

export const typeDefs = parse(typeDefsSource);

/** The campaigns subgraph. Reads no env, opens no socket. */
export function createApp(deps: SubgraphDeps) {
  const campaigns = createCampaignService({ afterCommit: deps.outbox.kick });
  return createSubgraphApp({ name: 'campaigns', typeDefs, resolvers: createResolvers(campaigns), deps });
}
