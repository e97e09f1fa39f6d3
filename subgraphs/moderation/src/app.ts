import { parse } from 'graphql';
import { createSubgraphApp } from '@startales/kit';
import type { ModerationDeps } from './deps.ts';
import { createServices } from './services.ts';
import { createResolvers } from './resolvers/index.ts';
import baseTypeDefs from './schema.graphql' with { type: 'text' };
import actionsTypeDefs from './modules/actions/schema.graphql' with { type: 'text' };
import appealsTypeDefs from './modules/appeals/schema.graphql' with { type: 'text' };
import auditTypeDefs from './modules/audit/schema.graphql' with { type: 'text' };
import automationTypeDefs from './modules/automation/schema.graphql' with { type: 'text' };
import casesTypeDefs from './modules/cases/schema.graphql' with { type: 'text' };
import reportsTypeDefs from './modules/reports/schema.graphql' with { type: 'text' };

export type { ModerationDeps } from './deps.ts';

/** The subgraph SDL: the base schema plus each module's (the same files composition reads). */
export const typeDefs = parse([baseTypeDefs, actionsTypeDefs, appealsTypeDefs, auditTypeDefs, automationTypeDefs, casesTypeDefs, reportsTypeDefs].join('\n'));

/**
 * The moderation subgraph: reports, automated checks (rules, LLM classifier), the review queue, actions with
 * strikes and escalation, appeals and the audit log. Reads no env, opens no socket.
 */
export function createApp(deps: ModerationDeps) {
  const services = createServices(deps);
  const { app, yoga, state } = createSubgraphApp({ name: 'moderation', typeDefs, resolvers: createResolvers(services), deps });
  return { app, yoga, state, services };
}
