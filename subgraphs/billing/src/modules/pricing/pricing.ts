import {
  CAMPAIGN_LENGTHS_WEEKS,
  LLM_TIERS,
  MAX_PLAYERS,
  MAX_PLAY_HOURS_PER_WEEK,
  MIN_PLAYERS,
  MIN_PLAY_HOURS_PER_WEEK,
  type LlmTier,
} from '@startales/contracts';
import type { AddOnCode, BillingInterval, PlanCode } from '@startales/contracts';
import { InputError } from '@startales/kit';

/** What a price depends on. */
export interface PriceInput {
  lengthWeeks: number;
  playHoursPerWeek: number;
  llmTier: LlmTier;
  players: number;
}

/** A price in integer cents. `perPlayerCents` is always within USD 10–50. */
export interface Price {
  perPlayerCents: number;
  totalCents: number;
  currency: 'USD';
  priceBook: string;
}

/**
 * A versioned price book: every figure a quote, a checkout or an invoice uses. A book never changes once in effect;
 * new prices are a new book with a later `effectiveFrom` (see price-books.ts). Integers only; ratios in basis points.
 */
export interface PriceBook {
  id: string;
  /** ISO-8601 instant from which this book prices new quotes and checkouts. */
  effectiveFrom: string;
  currency: 'USD';
  minPerPlayerCents: number;
  maxPerPlayerCents: number;
  baseCentsByLength: Record<number, number>;
  hourTiers: ReadonlyArray<{ upToHours: number; centsPerHour: number }>;
  tierBp: Record<LlmTier, number>;
  groupDiscountBpPerPlayer: number;
  roundToCents: number;
  /** Subscription plans: the amount charged per interval (annual carries the discount). */
  plans: Record<PlanCode, Record<BillingInterval, number>>;
  /** Premium add-ons on a plan subscription, per interval. */
  addOns: Record<AddOnCode, Record<BillingInterval, number>>;
  /** LLM spend a campaign includes, in micro-dollars: per scheduled hour of play by tier, plus a one-off for generation. */
  includedLlmMicrosPerHour: Record<LlmTier, number>;
  includedLlmSetupMicros: number;
}

/** The seed price book. Every figure is an integer; ratios are basis points (10000 = 1×). */
export const SEED_PRICE_BOOK: PriceBook = {
  id: '2026-11-seed',
  effectiveFrom: '2026-11-01T00:00:00.000Z',
  currency: 'USD',
  minPerPlayerCents: 1000,
  maxPerPlayerCents: 5000,
  /** Fixed part by campaign length (world generation, scheduling, recap narration). */
  baseCentsByLength: { 4: 900, 12: 1300, 24: 1700 } as Record<number, number>,
  /** Per scheduled hour of play: the first 60 hours at full rate, the next 240 at a lower one, the rest free. */
  hourTiers: [
    { upToHours: 60, centsPerHour: 15 },
    { upToHours: 300, centsPerHour: 5 },
  ],
  /** The AI game master's model class drives most of the running cost. */
  tierBp: { PREMIUM: 13_000, STANDARD: 10_000, ECONOMY: 8_000 } as Record<LlmTier, number>,
  /** Larger groups share narration: each player past the second takes 0.3% off, down to 85.6% at 50. */
  groupDiscountBpPerPlayer: 30,
  /** Prices end on a multiple of 10 cents. */
  roundToCents: 10,
  /** Annual plans: two months free (12 × monthly × 10/12). */
  plans: {
    ADVENTURER: { MONTH: 999, YEAR: 9990 },
    HERO: { MONTH: 1999, YEAR: 19990 },
  },
  addOns: {
    ADVANCED_AI: { MONTH: 499, YEAR: 4990 },
    PRIORITY_SCHEDULING: { MONTH: 299, YEAR: 2990 },
  },
  /**
   * Sized so the LLM spend a campaign includes stays near 30% of its seat revenue at typical group sizes (the seed
   * targets a 60–70% gross margin after LLM and infrastructure); spend beyond it is billed as usage.
   */
  includedLlmMicrosPerHour: { PREMIUM: 1_200_000, STANDARD: 400_000, ECONOMY: 50_000 },
  includedLlmSetupMicros: 500_000,
};

/** Rejects inputs outside the product's range with a typed error naming the field. */
export function validatePriceInput(input: PriceInput): void {
  if (!(CAMPAIGN_LENGTHS_WEEKS as readonly number[]).includes(input.lengthWeeks)) {
    throw new InputError(`lengthWeeks must be one of ${CAMPAIGN_LENGTHS_WEEKS.join(', ')}`, 'lengthWeeks');
  }
  if (!Number.isInteger(input.playHoursPerWeek) || input.playHoursPerWeek < MIN_PLAY_HOURS_PER_WEEK || input.playHoursPerWeek > MAX_PLAY_HOURS_PER_WEEK) {
    throw new InputError(`playHoursPerWeek must be ${MIN_PLAY_HOURS_PER_WEEK}–${MAX_PLAY_HOURS_PER_WEEK}`, 'playHoursPerWeek');
  }
  if (!LLM_TIERS.includes(input.llmTier)) throw new InputError(`llmTier must be one of ${LLM_TIERS.join(', ')}`, 'llmTier');
  if (!Number.isInteger(input.players) || input.players < MIN_PLAYERS || input.players > MAX_PLAYERS) {
    throw new InputError(`players must be ${MIN_PLAYERS}–${MAX_PLAYERS}`, 'players');
  }
}

/** Integer division rounding half up (inputs are non-negative). */
const divRound = (n: number, d: number) => Math.floor((n * 2 + d) / (2 * d));

/**
 * The price of one seat, a pure function of the campaign's length, scheduled hours, LLM tier and player count.
 * Integer arithmetic only; the result is clamped to the price book's USD 10–50 range.
 */
export function priceCampaign(input: PriceInput, book: PriceBook = SEED_PRICE_BOOK): Price {
  validatePriceInput(input);
  const totalHours = input.lengthWeeks * input.playHoursPerWeek;
  let hoursCents = 0;
  let from = 0;
  for (const tier of book.hourTiers) {
    const hours = Math.max(0, Math.min(totalHours, tier.upToHours) - from);
    hoursCents += hours * tier.centsPerHour;
    from = tier.upToHours;
  }
  const subtotal = book.baseCentsByLength[input.lengthWeeks]! + hoursCents;
  const groupBp = 10_000 - book.groupDiscountBpPerPlayer * (input.players - MIN_PLAYERS);
  const raw = divRound(subtotal * book.tierBp[input.llmTier] * groupBp, 10_000 * 10_000);
  const rounded = divRound(raw, book.roundToCents) * book.roundToCents;
  const perPlayerCents = Math.min(book.maxPerPlayerCents, Math.max(book.minPerPlayerCents, rounded));
  return { perPlayerCents, totalCents: perPlayerCents * input.players, currency: 'USD', priceBook: book.id };
}
