import type { SubgraphDeps } from '@startales/kit';

/** Dependencies of the moderation subgraph (built in main.ts or a test). */
export interface ModerationDeps extends SubgraphDeps {
  /** The clock of SLAs, strikes, expiries and the appeal window (tests move it); default `new Date()`. */
  clock?: () => Date;
}
