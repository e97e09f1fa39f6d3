import { CAMPAIGN_DIFFICULTIES, CAMPAIGN_LENGTHS_WEEKS, CAMPAIGN_MODES, LLM_TIERS, MAX_PLAYERS, type CampaignDifficulty, type CampaignMode, type LlmTier } from '@startales/contracts';
import { InputError, type EntityManager } from '@startales/kit';
import { Campaign } from '../../entities/campaign.entity.ts';
import { decodeCursor, encodeCursor, pageSize, toConnection, type Connection, type PageArgs } from '../common/connection.ts';
import { parseId } from '../common/errors.ts';
import { parseLanguage } from '../common/model.ts';

export interface CampaignFilter {
  mode?: CampaignMode | null;
  llmTier?: LlmTier | null;
  difficulty?: CampaignDifficulty | null;
  lengthWeeks?: number | null;
  /** Campaigns whose first session starts at or after this instant. */
  startsAfter?: Date | null;
  /** … and at or before this one. */
  startsBefore?: Date | null;
  /** At least this many free seats (e.g. the size of your party). */
  minSeatsLeft?: number | null;
  /** Language (primary subtag match: `pt` finds `pt` and `pt-BR`). */
  language?: string | null;
}

function where(filter: CampaignFilter): Record<string, unknown> {
  const and: Array<Record<string, unknown>> = [{ status: 'REGISTRATION', visibility: 'PUBLIC' }];
  if (filter.mode != null) {
    if (!CAMPAIGN_MODES.includes(filter.mode)) throw new InputError('unknown mode', 'filter.mode');
    and.push({ mode: filter.mode });
  }
  if (filter.llmTier != null) {
    if (!LLM_TIERS.includes(filter.llmTier)) throw new InputError('unknown llmTier', 'filter.llmTier');
    and.push({ llmTier: filter.llmTier });
  }
  if (filter.difficulty != null) {
    if (!CAMPAIGN_DIFFICULTIES.includes(filter.difficulty)) throw new InputError('unknown difficulty', 'filter.difficulty');
    and.push({ difficulty: filter.difficulty });
  }
  if (filter.lengthWeeks != null) {
    if (!(CAMPAIGN_LENGTHS_WEEKS as readonly number[]).includes(filter.lengthWeeks)) throw new InputError(`lengthWeeks must be one of ${CAMPAIGN_LENGTHS_WEEKS.join(', ')}`, 'filter.lengthWeeks');
    and.push({ lengthWeeks: filter.lengthWeeks });
  }
  if (filter.startsAfter != null) and.push({ startsAt: { $gte: filter.startsAfter } });
  if (filter.startsBefore != null) and.push({ startsAt: { $lte: filter.startsBefore } });
  if (filter.startsAfter != null && filter.startsBefore != null && filter.startsAfter > filter.startsBefore) {
    throw new InputError('startsAfter must not be later than startsBefore', 'filter.startsBefore');
  }
  if (filter.minSeatsLeft != null) {
    if (!Number.isInteger(filter.minSeatsLeft) || filter.minSeatsLeft < 1 || filter.minSeatsLeft > MAX_PLAYERS) throw new InputError(`minSeatsLeft must be 1–${MAX_PLAYERS}`, 'filter.minSeatsLeft');
    and.push({ seatsLeft: { $gte: filter.minSeatsLeft } });
  } else and.push({ seatsLeft: { $gte: 1 } });
  if (filter.language != null) {
    const primary = parseLanguage(filter.language, 'filter.language').split('-')[0]!;
    and.push({ $or: [{ language: primary }, { language: { $like: `${primary}-%` } }] });
  }
  return { $and: and };
}

/** Browsing open campaigns: PUBLIC, in REGISTRATION, with a free seat; soonest first, keyset-paged. */
export async function browseOpenCampaigns(em: EntityManager, filter: CampaignFilter, args: PageArgs): Promise<Connection<Campaign>> {
  const first = pageSize(args);
  const base = where(filter ?? {});
  let page = base;
  if (args.after) {
    const [at, rawId] = decodeCursor(args.after, 2);
    const startsAt = new Date(at!);
    if (Number.isNaN(startsAt.getTime())) throw new InputError('Invalid cursor', 'after');
    const id = parseId(rawId, 'after');
    page = { $and: [base, { $or: [{ startsAt: { $gt: startsAt } }, { startsAt, id: { $gt: id } }] }] };
  }
  const [rows, total] = await Promise.all([
    em.find(Campaign, page as never, { orderBy: { startsAt: 'asc', id: 'asc' }, limit: first + 1 }),
    em.count(Campaign, base as never),
  ]);
  return toConnection(rows, first, total, (c) => encodeCursor(c.startsAt.toISOString(), c.id));
}
