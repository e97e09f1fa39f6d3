/**
 * What the public pages show (seat prices from billing's `quote`, plans from the price book). The web server fetches
 * it once every few minutes, renders the pages with it and embeds it in the HTML; the browser reuses the embedded copy.
 */
import type { PricingMatrixQuery } from '../../gql/graphql.ts';

export type PricingData = PricingMatrixQuery;

export interface PublicData {
  pricing: PricingData | null;
  /** Why pricing is missing (billing unreachable), shown instead of a table. */
  pricingError?: string;
}

export const TIERS = [
  { key: 'premium', tier: 'PREMIUM', name: 'Premium', blurb: 'GPT-4-class and Claude game masters: the richest prose and memory.' },
  { key: 'standard', tier: 'STANDARD', name: 'Standard', blurb: 'Gemini and Grok game masters: fast, vivid and great value.' },
  { key: 'economy', tier: 'ECONOMY', name: 'Economy', blurb: 'Open models on our own hardware: the lowest price per seat.' },
] as const;

export const LENGTHS = [4, 12, 24] as const;

export function seatPrice(data: PricingData, tier: (typeof TIERS)[number]['key'], weeks: (typeof LENGTHS)[number]) {
  return data[`${tier}${weeks}` as const];
}

export function priceRange(data: PricingData): { low: number; high: number; currency: string } {
  const all = TIERS.flatMap((t) => LENGTHS.map((l) => seatPrice(data, t.key, l)));
  return { low: Math.min(...all.map((q) => q.perPlayerCents)), high: Math.max(...all.map((q) => q.perPlayerCents)), currency: all[0]?.currency ?? 'USD' };
}

/** Read the copy the server embedded in the page (absent when the app was opened on another route). */
export function embeddedPublicData(): PublicData | null {
  if (typeof document === 'undefined') return null;
  const el = document.getElementById('public-data');
  if (!el?.textContent) return null;
  try {
    return JSON.parse(el.textContent) as PublicData;
  } catch {
    return null;
  }
}
