import { generateSkeleton, type CampaignSkeleton } from '@startales/game';
import type { Campaign } from '../../entities/campaign.entity.ts';

/** The stored skeleton JSON; campaigns created before it was stored regenerate the identical one from seed + config. */
export function skeletonJsonOf(c: Campaign): string {
  return c.skeletonJson ?? JSON.stringify(generateSkeleton({ seed: c.seed, mode: c.mode, lengthWeeks: c.lengthWeeks, maxPlayers: c.maxPlayers }));
}

export function skeletonOf(c: Campaign): CampaignSkeleton {
  return JSON.parse(skeletonJsonOf(c)) as CampaignSkeleton;
}
