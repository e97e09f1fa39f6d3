import type { LlmTier } from '@startales/contracts';
import { DateTimeScalar } from '@startales/kit';
import type { BillingServices } from '../deps.ts';
import { priceCampaign, type PriceInput } from '../modules/pricing/pricing.ts';
import { SafeIntScalar } from '@startales/kit';

interface CampaignRef {
  id: string;
  lengthWeeks: number;
  playHoursPerWeek: number;
  llmTier: LlmTier;
  maxPlayers: number;
}

/** The base schema's resolvers: scalars, seat quotes, `Campaign.price`, the `User` entity. */
export function createResolvers({ books, now }: Pick<BillingServices, 'books' | 'now'>) {
  return {
    DateTime: DateTimeScalar,
    SafeInt: SafeIntScalar,
    Query: {
      quote: (_: unknown, args: { input: PriceInput; at?: Date | null }) => priceCampaign(args.input, books.at(args.at ?? now())),
    },
    Campaign: {
      __resolveReference: (ref: CampaignRef) => ref,
      price: (c: CampaignRef) =>
        priceCampaign({ lengthWeeks: c.lengthWeeks, playHoursPerWeek: c.playHoursPerWeek, llmTier: c.llmTier, players: c.maxPlayers }, books.at(now())),
    },
    User: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    },
  };
}
