/** Tunables of the campaigns service (main.ts reads them from config; tests pass their own). */
export interface CampaignSettings {
  /** The clock (tests move it). */
  clock: () => Date;
  /** How long a seat is held for payment (default 48 h). */
  holdMs: number;
  /** Matchmaking: the largest UTC-offset distance between a player's time zone and a campaign's (default 180 min). */
  maxOffsetMinutes: number;
  /** Publishes what a transaction queued, right after its commit. */
  afterCommit: () => void;
}

export const DEFAULT_HOLD_MS = 48 * 3_600_000;
