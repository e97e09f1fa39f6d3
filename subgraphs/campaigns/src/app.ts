import { parse } from 'graphql';
import { createSubgraphApp } from '@startales/kit';
import { DEFAULT_MAX_OFFSET_MINUTES } from './modules/matchmaking/plan.ts';
import { DEFAULT_HOLD_MS, type CampaignSettings } from './modules/common/settings.ts';
import { createCampaignService } from './modules/campaigns/service.ts';
import { createLifecycleService } from './modules/lifecycle/service.ts';
import { createRegistrationService } from './modules/registration/service.ts';
import { createMatchmakingService } from './modules/matchmaking/service.ts';
import { createActionService } from './modules/actions/service.ts';
import { createResolvers } from './resolvers/index.ts';
import type { CampaignsDeps } from './deps.ts';
import baseTypeDefs from './schema.graphql' with { type: 'text' };
import lifecycleTypeDefs from './modules/lifecycle/schema.graphql' with { type: 'text' };
import registrationTypeDefs from './modules/registration/schema.graphql' with { type: 'text' };
import matchmakingTypeDefs from './modules/matchmaking/schema.graphql' with { type: 'text' };
import discoveryTypeDefs from './modules/discovery/schema.graphql' with { type: 'text' };
import actionsTypeDefs from './modules/actions/schema.graphql' with { type: 'text' };
import sanctionsTypeDefs from './modules/sanctions/schema.graphql' with { type: 'text' };

export type { CampaignsDeps } from './deps.ts';

/** The subgraph SDL: the base schema plus each module's (the same files composition reads). */
export const typeDefs = parse([baseTypeDefs, actionsTypeDefs, discoveryTypeDefs, lifecycleTypeDefs, matchmakingTypeDefs, registrationTypeDefs, sanctionsTypeDefs].join('\n'));

/** Settings with defaults filled in. */
export function campaignSettings(deps: CampaignsDeps): CampaignSettings {
  return {
    clock: deps.settings?.clock ?? (() => new Date()),
    holdMs: deps.settings?.holdMs ?? DEFAULT_HOLD_MS,
    maxOffsetMinutes: deps.settings?.maxOffsetMinutes ?? DEFAULT_MAX_OFFSET_MINUTES,
    afterCommit: deps.outbox.kick,
  };
}

/** The campaigns subgraph. Reads no env, opens no socket. */
export function createApp(deps: CampaignsDeps) {
  const settings = campaignSettings(deps);
  const resolvers = createResolvers({
    campaigns: createCampaignService({ ...settings, onCreated: () => deps.prose?.kick() }),
    lifecycle: createLifecycleService(settings),
    registrations: createRegistrationService(settings),
    matchmaking: createMatchmakingService(settings),
    actions: createActionService(settings),
    clock: settings.clock,
  });
  return createSubgraphApp({ name: 'campaigns', typeDefs, resolvers, deps });
}
