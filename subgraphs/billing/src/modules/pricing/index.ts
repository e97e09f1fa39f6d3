import { ADD_ON_CODES, BILLING_INTERVALS, LLM_TIERS, PLAN_CODES } from '@startales/contracts';
import type { BillingModule } from '../../deps.ts';
import type { PriceBook } from './pricing.ts';
import { annualDiscountBp, monthlyCents, priceSubscription, validateSelection } from './price-books.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

function bookView(book: PriceBook) {
  return {
    id: book.id,
    effectiveFrom: new Date(book.effectiveFrom),
    currency: book.currency,
    plans: PLAN_CODES.flatMap((plan) =>
      BILLING_INTERVALS.map((interval) => ({
        plan,
        interval,
        amountCents: book.plans[plan][interval],
        monthlyEquivalentCents: monthlyCents(book.plans[plan][interval], interval),
        discountBp: interval === 'YEAR' ? annualDiscountBp(book.plans[plan]) : 0,
      })),
    ),
    addOns: ADD_ON_CODES.flatMap((addOn) => BILLING_INTERVALS.map((interval) => ({ addOn, interval, amountCents: book.addOns[addOn][interval] }))),
    llmAllowances: LLM_TIERS.map((llmTier) => ({
      llmTier,
      includedMicrosPerHour: book.includedLlmMicrosPerHour[llmTier],
      includedSetupMicros: book.includedLlmSetupMicros,
    })),
  };
}

/** Price books and subscription quotes (campaign seat quotes are in the base schema). */
export const pricingModule: BillingModule = {
  name: 'pricing',
  typeDefs,
  createResolvers: ({ books, now }) => ({
    Query: {
      priceBook: (_: unknown, args: { at?: Date | null }) => bookView(books.at(args.at ?? now())),
      priceBooks: () => books.all.map(bookView),
      subscriptionQuote: (_: unknown, args: { input: { plan: string; interval: string; addOns?: string[] | null } }) =>
        priceSubscription(validateSelection(args.input), books.at(now())),
    },
  }),
};
