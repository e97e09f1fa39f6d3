import {
  ADD_ON_CODES,
  BILLING_INTERVALS,
  PLAN_CODES,
  type AddOnCode,
  type BillingInterval,
  type LlmTier,
  type PlanCode,
} from '@startales/contracts';
import { InputError, NotFoundError } from '@startales/kit';
import { SEED_PRICE_BOOK, type PriceBook } from './pricing.ts';

/** Every price book ever in effect, oldest first. Add a book; never edit one that is in effect. */
export const PRICE_BOOKS: readonly PriceBook[] = [SEED_PRICE_BOOK];

/** The price books of one deployment (tests inject their own), with look-ups by date and by id. */
export interface PriceBooks {
  all: readonly PriceBook[];
  /** The book in effect at `at`: the latest whose `effectiveFrom` is not after it (the oldest before any). */
  at(at?: Date): PriceBook;
  /** A book by id (invoices and payments name the book they used); NOT_FOUND when unknown. */
  byId(id: string): PriceBook;
}

export function createPriceBooks(books: readonly PriceBook[] = PRICE_BOOKS): PriceBooks {
  if (books.length === 0) throw new Error('at least one price book is required');
  const sorted = [...books].sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));
  const ids = new Set<string>();
  for (const b of sorted) {
    if (ids.has(b.id)) throw new Error(`duplicate price book id ${b.id}`);
    if (Number.isNaN(Date.parse(b.effectiveFrom))) throw new Error(`price book ${b.id}: effectiveFrom is not a date`);
    ids.add(b.id);
  }
  return {
    all: sorted,
    at(at = new Date()) {
      let current = sorted[0]!;
      for (const b of sorted) if (Date.parse(b.effectiveFrom) <= at.getTime()) current = b;
      return current;
    },
    byId(id) {
      const book = sorted.find((b) => b.id === id);
      if (!book) throw new NotFoundError(`Unknown price book ${id}`);
      return book;
    },
  };
}

/** What a plan subscription is made of. */
export interface SubscriptionSelection {
  plan: PlanCode;
  interval: BillingInterval;
  addOns: AddOnCode[];
}

/** Validates a selection from GraphQL input: known codes, add-ons de-duplicated and sorted (a stable identity). */
export function validateSelection(input: { plan: unknown; interval: unknown; addOns?: unknown }): SubscriptionSelection {
  if (!PLAN_CODES.includes(input.plan as PlanCode)) throw new InputError(`plan must be one of ${PLAN_CODES.join(', ')}`, 'plan');
  if (!BILLING_INTERVALS.includes(input.interval as BillingInterval)) {
    throw new InputError(`interval must be one of ${BILLING_INTERVALS.join(', ')}`, 'interval');
  }
  const raw = input.addOns ?? [];
  if (!Array.isArray(raw) || raw.some((a) => !ADD_ON_CODES.includes(a as AddOnCode))) {
    throw new InputError(`addOns must be a list of ${ADD_ON_CODES.join(', ')}`, 'addOns');
  }
  const addOns = [...new Set(raw as AddOnCode[])].sort();
  return { plan: input.plan as PlanCode, interval: input.interval as BillingInterval, addOns };
}

/** The amount a selection costs per interval, and its monthly equivalent (annual ÷ 12, rounded half up). */
export function priceSubscription(selection: SubscriptionSelection, book: PriceBook) {
  const amountCents = book.plans[selection.plan][selection.interval] + selection.addOns.reduce((sum, a) => sum + book.addOns[a][selection.interval], 0);
  return {
    ...selection,
    amountCents,
    monthlyEquivalentCents: monthlyCents(amountCents, selection.interval),
    currency: book.currency,
    priceBook: book.id,
  };
}

/** A recurring amount normalised to one month (MRR): annual amounts ÷ 12, rounded half up. */
export function monthlyCents(amountCents: number, interval: BillingInterval): number {
  return interval === 'MONTH' ? amountCents : Math.floor((amountCents * 2 + 12) / 24);
}

/** The discount of paying yearly instead of monthly, in basis points (0 when there is none). */
export function annualDiscountBp(prices: Record<BillingInterval, number>): number {
  const full = prices.MONTH * 12;
  return full <= 0 ? 0 : Math.max(0, Math.floor(((full - prices.YEAR) * 10_000 * 2 + full) / (2 * full)));
}

/** The LLM spend a campaign includes before usage is charged, in micro-dollars. */
export function includedLlmMicros(book: PriceBook, campaign: { llmTier: LlmTier; lengthWeeks: number; playHoursPerWeek: number }): number {
  return book.includedLlmSetupMicros + book.includedLlmMicrosPerHour[campaign.llmTier] * campaign.lengthWeeks * campaign.playHoursPerWeek;
}
