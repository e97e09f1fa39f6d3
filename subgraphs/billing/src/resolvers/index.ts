import type { LlmTier } from '@startales/contracts';
import { priceCampaign, type PriceInput } from '../modules/pricing/pricing.ts';

interface CampaignRef {
  id: string;
  lengthWeeks: number;
  playHoursPerWeek: number;
  llmTier: LlmTier;
  maxPlayers: number;
}

export function createResolvers() {
  return {
    Query: {
      quote: (_: unknown, args: { input: PriceInput }) => priceCampaign(args.input),
    },
    Campaign: {
      __resolveReference: (ref: CampaignRef) => ref,
      price: (c: CampaignRef) =>
        priceCampaign({ lengthWeeks: c.lengthWeeks, playHoursPerWeek: c.playHoursPerWeek, llmTier: c.llmTier, players: c.maxPlayers }),
    },
  };
}
