import type { SubgraphDeps } from '@startales/kit';
import type { CampaignSettings } from './modules/common/settings.ts';

/** Dependencies of the campaigns subgraph (built in main.ts or a test). */
export interface CampaignsDeps extends SubgraphDeps {
  /** Tunables (defaults: real clock, 48 h holds, 180 min matchmaking time-zone distance). */
  settings?: Partial<Omit<CampaignSettings, 'afterCommit'>>;
  /** The prose writer, kicked after each campaign is created (absent: prose waits for the next writer run). */
  prose?: { kick(): void };
}
