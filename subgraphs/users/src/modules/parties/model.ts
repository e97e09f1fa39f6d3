import { MAX_PLAYERS, MIN_PLAYERS } from '@startales/contracts';
import { InputError } from '@startales/kit';

/** Party size limits: a party is at least 2 (a campaign's minimum) and never larger than a campaign (50). */
export interface PartyLimits {
  /** The largest `maxSize` a party may set (PARTY_MAX_SIZE, default 8). */
  maxSizeCap: number;
  /** `maxSize` of a party created without one (PARTY_DEFAULT_SIZE, default 4). */
  defaultSize: number;
}

export const DEFAULT_PARTY_LIMITS: PartyLimits = { maxSizeCap: 8, defaultSize: 4 };

/** Fails fast (at start-up) on limits outside 2–50 or a default above the cap. */
export function checkPartyLimits(limits: PartyLimits): PartyLimits {
  const { maxSizeCap, defaultSize } = limits;
  if (!Number.isInteger(maxSizeCap) || maxSizeCap < MIN_PLAYERS || maxSizeCap > MAX_PLAYERS) {
    throw new Error(`party max size cap must be ${MIN_PLAYERS}–${MAX_PLAYERS}, got ${maxSizeCap}`);
  }
  if (!Number.isInteger(defaultSize) || defaultSize < MIN_PLAYERS || defaultSize > maxSizeCap) {
    throw new Error(`party default size must be ${MIN_PLAYERS}–${maxSizeCap}, got ${defaultSize}`);
  }
  return limits;
}

export interface PartySizeInput {
  maxSize?: number | null;
}

export function validateMaxSize(raw: unknown, limits: PartyLimits): number {
  if (raw === undefined || raw === null) return limits.defaultSize;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < MIN_PLAYERS || raw > limits.maxSizeCap) {
    throw new InputError(`maxSize must be ${MIN_PLAYERS}–${limits.maxSizeCap}`, 'maxSize');
  }
  return raw;
}
