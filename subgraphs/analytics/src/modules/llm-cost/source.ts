import { addDays, addMonths, daysBetween, monthStart } from '../../facts/time.ts';
import { USER_WINDOW_MONTHS } from '../../facts/usage.ts';

export type LlmCostDimension = 'DAY' | 'PROVIDER' | 'MODEL' | 'TIER' | 'PURPOSE' | 'CAMPAIGN' | 'USER';

export interface LlmCostFilter {
  providers?: string[] | null;
  models?: string[] | null;
  tiers?: string[] | null;
  purposes?: string[] | null;
  campaignId?: string | null;
  userId?: string | null;
}

export const COLUMN: Record<LlmCostDimension, string> = {
  DAY: 'day',
  PROVIDER: 'provider',
  MODEL: 'model',
  TIER: 'tier',
  PURPOSE: 'purpose',
  CAMPAIGN: 'campaign_id',
  USER: 'user_id',
};

const MODEL_DIMS: LlmCostDimension[] = ['PROVIDER', 'MODEL', 'TIER', 'PURPOSE'];

/** Which rollup answers: the smallest whose keys cover every grouped or filtered dimension. */
export type Rollup = 'model' | 'campaign' | 'campaignModel' | 'user' | 'full';

export function chooseRollup(groupBy: readonly LlmCostDimension[], filter: LlmCostFilter): Rollup {
  const used = new Set(groupBy.filter((d) => d !== 'DAY'));
  if (filter.providers?.length) used.add('PROVIDER');
  if (filter.models?.length) used.add('MODEL');
  if (filter.tiers?.length) used.add('TIER');
  if (filter.purposes?.length) used.add('PURPOSE');
  if (filter.campaignId) used.add('CAMPAIGN');
  if (filter.userId) used.add('USER');
  const within = (allowed: LlmCostDimension[]) => [...used].every((d) => allowed.includes(d));
  if (within(MODEL_DIMS)) return 'model';
  if (within(['CAMPAIGN'])) return 'campaign';
  if (within([...MODEL_DIMS, 'CAMPAIGN'])) return 'campaignModel';
  if (within(['USER'])) return 'user';
  return 'full';
}

/** A piece of the range read from one table: whole months from a monthly rollup, or days from a daily one. */
export interface RangePart {
  table: string;
  column: 'day' | 'month';
  from: string;
  to: string;
}

/** The key columns (besides the day or month) of each rollup: one row per combination per day or month. */
export const ROLLUP_KEYS: Record<Rollup, readonly string[]> = {
  model: ['provider', 'model', 'tier', 'purpose'],
  campaign: ['campaign_id'],
  campaignModel: ['campaign_id', 'provider', 'model', 'tier', 'purpose'],
  user: ['user_id'],
  full: ['provider', 'model', 'tier', 'purpose', 'campaign_id', 'user_id'],
};

/** True when the range is one day or month of one rollup grouped by exactly its keys: every row is already a group. */
export function rowsAreGroups(parts: readonly RangePart[], rollup: Rollup, keys: readonly string[]): boolean {
  const k = ROLLUP_KEYS[rollup];
  return parts.length === 1 && parts[0]!.from === parts[0]!.to && keys.length === k.length && k.every((c) => keys.includes(c));
}

const DAILY: Record<Rollup, string> = {
  model: 'llm_cost_model_daily',
  campaign: 'llm_cost_campaign_daily',
  campaignModel: 'llm_cost_campaign_model_daily',
  user: 'llm_cost_user_daily',
  full: 'llm_cost_daily',
};
const MONTHLY: Partial<Record<Rollup, string>> = { campaign: 'llm_cost_campaign_monthly', user: 'llm_cost_user_monthly' };

/**
 * Splits `[from, to]` so whole UTC months come from the monthly rollup (a month of campaigns or users is one row
 * each instead of ~30) and only the ragged ends from the daily one. Grouping by day always reads days.
 */
export function rangeParts(rollup: Rollup, from: string, to: string, byDay: boolean): RangePart[] {
  const daily = DAILY[rollup];
  const monthly = MONTHLY[rollup];
  if (!monthly || byDay) return [{ table: daily, column: 'day', from, to }];
  const firstFull = from === monthStart(from) ? from : addMonths(monthStart(from), 1);
  const lastFull = addDays(to, 1) === monthStart(addDays(to, 1)) ? monthStart(to) : addMonths(monthStart(to), -1);
  if (firstFull > lastFull) return [{ table: daily, column: 'day', from, to }];
  const parts: RangePart[] = [{ table: monthly, column: 'month', from: firstFull, to: lastFull }];
  if (from < firstFull) parts.push({ table: daily, column: 'day', from, to: addDays(firstFull, -1) });
  const afterFull = addMonths(lastFull, 1);
  if (afterFull <= to) parts.push({ table: daily, column: 'day', from: afterFull, to });
  return parts;
}

/** A piece of a range read from the users' cost windows: days `lo..hi` (1-based) of the window starting `month`. */
export interface WindowPart {
  month: string;
  lo: number;
  hi: number;
}

/**
 * Ranking users by cost without grouping by day reads `llm_cost_user_window` — one row per user for any range inside
 * three months from the first of its first month — except for exactly one calendar month, whose monthly rows are
 * narrower still.
 */
export function readsUserWindows(rollup: Rollup, from: string, to: string, byDay: boolean): boolean {
  if (rollup !== 'user' || byDay) return false;
  const parts = rangeParts(rollup, from, to, false);
  return !(parts.length === 1 && parts[0]!.column === 'month' && parts[0]!.from === parts[0]!.to);
}

/** Splits `[from, to]` into windows: the first starts in `from`'s month, each next one the day after the last ends. */
export function userWindowParts(from: string, to: string): WindowPart[] {
  const parts: WindowPart[] = [];
  for (let start = from; start <= to; ) {
    const month = monthStart(start);
    const end = addDays(addMonths(month, USER_WINDOW_MONTHS), -1);
    const last = to < end ? to : end;
    parts.push({ month, lo: daysBetween(month, start) + 1, hi: daysBetween(month, last) + 1 });
    start = addDays(last, 1);
  }
  return parts;
}
