import { parse } from 'graphql';
import { createSubgraphApp, type SubgraphDeps } from '@startales/kit';
import { createReportService } from './modules/reports/service.ts';
import { createResolvers } from './resolvers/index.ts';
import typeDefsSource from './schema.graphql' with { type: 'text' };

export const typeDefs = parse(typeDefsSource);

/** The moderation subgraph: player reports (queue, cases and actions arrive with the moderation issue). */
export function createApp(deps: SubgraphDeps) {
  const reports = createReportService({ afterCommit: deps.outbox.kick });
  return createSubgraphApp({ name: 'moderation', typeDefs, resolvers: createResolvers(reports), deps });
}
