import { graphql } from '../gql/index.ts';

export const QuoteDocument = graphql(`
  query Quote($input: QuoteInput!) {
    quote(input: $input) { perPlayerCents totalCents currency priceBook }
  }
`);

export const PriceBookDocument = graphql(`
  query PriceBook {
    priceBook { id effectiveFrom currency plans { plan interval amountCents monthlyEquivalentCents discountBp } addOns { addOn interval amountCents } }
  }
`);

/** Seat prices for the pricing page: every tier × length for a 4-player table playing 3 hours a week. */
export const PricingMatrixDocument = graphql(`
  query PricingMatrix {
    premium4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }
    premium12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }
    premium24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }
    standard4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }
    standard12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }
    standard24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }
    economy4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }
    economy12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }
    economy24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }
    priceBook { id currency plans { plan interval amountCents monthlyEquivalentCents discountBp } }
  }
`);
