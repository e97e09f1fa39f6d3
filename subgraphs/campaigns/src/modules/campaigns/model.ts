import {
  CAMPAIGN_LENGTHS_WEEKS,
  CAMPAIGN_MODES,
  LLM_TIERS,
  MAX_PLAYERS,
  MIN_PLAYERS,
  MIN_PLAY_HOURS_PER_WEEK,
  MAX_PLAY_HOURS_PER_WEEK,
  type CampaignMode,
  type LlmTier,
} from '@startales/contracts';
import { InputError } from '@startales/kit';

/** `createCampaign(input)` as it arrives from GraphQL (startsAt already parsed by the DateTime scalar). */
export interface CreateCampaignInput {
  title: string;
  seed?: string | null;
  mode: CampaignMode;
  lengthWeeks: number;
  playHoursPerWeek: number;
  maxPlayers: number;
  llmTier: LlmTier;
  startsAt: Date;
}

export type ValidCampaignInput = Required<{ [K in keyof CreateCampaignInput]: NonNullable<CreateCampaignInput[K]> }>;

const SEED = /^[A-Za-z0-9_-]{1,64}$/;

/** Checks every rule and reports the first broken one with the field it concerns. */
export function validateCreateCampaign(input: CreateCampaignInput, now = new Date()): ValidCampaignInput {
  const title = input.title.trim();
  if (title.length < 3 || title.length > 120) throw new InputError('Title must be 3–120 characters', 'title');
  if (!CAMPAIGN_MODES.includes(input.mode)) throw new InputError(`mode must be one of ${CAMPAIGN_MODES.join(', ')}`, 'mode');
  if (!(CAMPAIGN_LENGTHS_WEEKS as readonly number[]).includes(input.lengthWeeks)) {
    throw new InputError(`lengthWeeks must be one of ${CAMPAIGN_LENGTHS_WEEKS.join(', ')}`, 'lengthWeeks');
  }
  if (!Number.isInteger(input.playHoursPerWeek) || input.playHoursPerWeek < MIN_PLAY_HOURS_PER_WEEK || input.playHoursPerWeek > MAX_PLAY_HOURS_PER_WEEK) {
    throw new InputError(`playHoursPerWeek must be ${MIN_PLAY_HOURS_PER_WEEK}–${MAX_PLAY_HOURS_PER_WEEK}`, 'playHoursPerWeek');
  }
  if (!Number.isInteger(input.maxPlayers) || input.maxPlayers < MIN_PLAYERS || input.maxPlayers > MAX_PLAYERS) {
    throw new InputError(`maxPlayers must be ${MIN_PLAYERS}–${MAX_PLAYERS}`, 'maxPlayers');
  }
  if (!LLM_TIERS.includes(input.llmTier)) throw new InputError(`llmTier must be one of ${LLM_TIERS.join(', ')}`, 'llmTier');
  if (input.startsAt.getTime() < now.getTime() - 60_000) throw new InputError('startsAt must be in the future', 'startsAt');
  if (input.startsAt.getTime() > now.getTime() + 366 * 86_400_000) throw new InputError('startsAt must be within a year', 'startsAt');
  let seed = input.seed?.trim();
  if (seed === undefined || seed === '') seed = generateSeed();
  else if (!SEED.test(seed)) throw new InputError('seed must be 1–64 letters, digits, - or _', 'seed');
  return { ...input, title, seed };
}

/** A random seed when the creator gives none (128 bits, URL-safe). */
export function generateSeed(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
}
