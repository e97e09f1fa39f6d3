import {
  CAMPAIGN_DIFFICULTIES,
  CAMPAIGN_LENGTHS_WEEKS,
  CAMPAIGN_MODES,
  LLM_TIERS,
  MAX_PLAYERS,
  MIN_PLAYERS,
  MIN_PLAY_HOURS_PER_WEEK,
  MAX_PLAY_HOURS_PER_WEEK,
  type CampaignDifficulty,
  type CampaignMode,
  type LlmTier,
} from '@startales/contracts';
import { InputError } from '@startales/kit';
import { ONE_SHOT_MINUTES, WEEKDAYS, computeSessions, parseLocalTime, type ScheduledSession, type Weekday } from '@startales/game';
import { VISIBILITIES, type Visibility } from '../../entities/campaign.entity.ts';
import { parseLanguage, parseTimeZone } from '../common/model.ts';

/** Weekly: day, local time and IANA time zone. One-shot: only the time zone (the window starts at `startsAt`). */
export interface ScheduleInput {
  weekday?: Weekday | null;
  time?: string | null;
  timezone: string;
}

/** `createCampaign(input)` as it arrives from GraphQL (startsAt already parsed by the DateTime scalar). */
export interface CreateCampaignInput {
  title: string;
  seed?: string | null;
  mode: CampaignMode;
  difficulty?: CampaignDifficulty | null;
  lengthWeeks: number;
  playHoursPerWeek: number;
  sessionMinutes?: number | null;
  maxPlayers: number;
  llmTier: LlmTier;
  language?: string | null;
  visibility?: Visibility | null;
  /** Weekly: the first session is the first slot at or after this instant. One-shot: the 24-hour window starts here. */
  startsAt: Date;
  schedule?: ScheduleInput | null;
}

export interface ValidCampaignInput {
  title: string;
  seed: string;
  mode: CampaignMode;
  difficulty: CampaignDifficulty;
  lengthWeeks: number;
  playHoursPerWeek: number;
  sessionMinutes: number;
  maxPlayers: number;
  llmTier: LlmTier;
  language: string;
  visibility: Visibility;
  notBefore: Date;
  weekday: Weekday | null;
  time: string | null;
  timezone: string;
}

export const MIN_SESSION_MINUTES = 30;
export const MAX_SESSION_MINUTES = 480;

const SEED = /^[A-Za-z0-9_-]{1,64}$/;
const DAY = 86_400_000;

/** Checks every rule and reports the first broken one with the field it concerns. */
export function validateCreateCampaign(input: CreateCampaignInput, now = new Date()): ValidCampaignInput {
  const title = input.title.trim();
  if (title.length < 3 || title.length > 120) throw new InputError('Title must be 3–120 characters', 'title');
  if (!CAMPAIGN_MODES.includes(input.mode)) throw new InputError(`mode must be one of ${CAMPAIGN_MODES.join(', ')}`, 'mode');
  const difficulty = input.difficulty ?? 'NORMAL';
  if (!CAMPAIGN_DIFFICULTIES.includes(difficulty)) throw new InputError(`difficulty must be one of ${CAMPAIGN_DIFFICULTIES.join(', ')}`, 'difficulty');
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
  const visibility = input.visibility ?? 'PUBLIC';
  if (!VISIBILITIES.includes(visibility)) throw new InputError(`visibility must be one of ${VISIBILITIES.join(', ')}`, 'visibility');
  const language = input.language == null ? 'en' : parseLanguage(input.language);
  checkStart(input.startsAt, now);

  let sessionMinutes: number;
  if (input.mode === 'ONE_SHOT') {
    if (input.sessionMinutes != null && input.sessionMinutes !== ONE_SHOT_MINUTES) throw new InputError(`a one-shot is one ${ONE_SHOT_MINUTES}-minute window`, 'sessionMinutes');
    sessionMinutes = ONE_SHOT_MINUTES;
  } else {
    sessionMinutes = input.sessionMinutes ?? Math.min(MAX_SESSION_MINUTES, Math.max(MIN_SESSION_MINUTES, input.playHoursPerWeek * 60));
    if (!Number.isInteger(sessionMinutes) || sessionMinutes < MIN_SESSION_MINUTES || sessionMinutes > MAX_SESSION_MINUTES) {
      throw new InputError(`sessionMinutes must be ${MIN_SESSION_MINUTES}–${MAX_SESSION_MINUTES}`, 'sessionMinutes');
    }
  }
  const { weekday, time, timezone } = validateSchedule(input.mode, input.schedule ?? null, input.startsAt);

  let seed = input.seed?.trim();
  if (seed === undefined || seed === '') seed = generateSeed();
  else if (!SEED.test(seed)) throw new InputError('seed must be 1–64 letters, digits, - or _', 'seed');
  return {
    title,
    seed,
    mode: input.mode,
    difficulty,
    lengthWeeks: input.lengthWeeks,
    playHoursPerWeek: input.playHoursPerWeek,
    sessionMinutes,
    maxPlayers: input.maxPlayers,
    llmTier: input.llmTier,
    language,
    visibility,
    // a slot derived from startsAt keeps its minute: the first session is startsAt itself, not a week later
    notBefore: input.schedule == null ? new Date(Math.floor(input.startsAt.getTime() / 60_000) * 60_000) : input.startsAt,
    weekday,
    time,
    timezone,
  };
}

/** `startsAt` is in the future and within a year. */
export function checkStart(startsAt: Date, now: Date): void {
  if (startsAt.getTime() < now.getTime() - 60_000) throw new InputError('startsAt must be in the future', 'startsAt');
  if (startsAt.getTime() > now.getTime() + 366 * DAY) throw new InputError('startsAt must be within a year', 'startsAt');
}

/** Without a schedule, a weekly campaign plays on startsAt's weekday and time in UTC. */
function validateSchedule(mode: CampaignMode, schedule: ScheduleInput | null, startsAt: Date): { weekday: Weekday | null; time: string | null; timezone: string } {
  if (mode === 'ONE_SHOT') {
    if (schedule?.weekday != null || schedule?.time != null) throw new InputError('a one-shot has no weekly slot: give only schedule.timezone', 'schedule');
    return { weekday: null, time: null, timezone: schedule ? parseTimeZone(schedule.timezone, 'schedule.timezone') : 'UTC' };
  }
  if (!schedule) {
    const iso = startsAt.toISOString();
    return { weekday: WEEKDAYS[(startsAt.getUTCDay() + 6) % 7]!, time: iso.slice(11, 16), timezone: 'UTC' };
  }
  if (schedule.weekday == null || !WEEKDAYS.includes(schedule.weekday)) throw new InputError(`schedule.weekday must be one of ${WEEKDAYS.join(', ')}`, 'schedule.weekday');
  if (schedule.time == null || !parseLocalTime(schedule.time)) throw new InputError('schedule.time must be a 24-hour local time HH:MM', 'schedule.time');
  return { weekday: schedule.weekday, time: schedule.time, timezone: parseTimeZone(schedule.timezone, 'schedule.timezone') };
}

/** The sessions of a validated config, starting at or after `notBefore`. */
export function sessionsFor(c: { mode: string; weekday: string | null; time: string | null; timezone: string; lengthWeeks: number; sessionMinutes: number }, notBefore: Date): ScheduledSession[] {
  return computeSessions({
    mode: c.mode,
    notBefore,
    weekday: (c.weekday ?? undefined) as Weekday | undefined,
    localTime: c.time ?? undefined,
    timezone: c.timezone,
    weeks: c.lengthWeeks,
    sessionMinutes: c.sessionMinutes,
  });
}

/** A random seed when the creator gives none (128 bits, URL-safe). */
export function generateSeed(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
}
