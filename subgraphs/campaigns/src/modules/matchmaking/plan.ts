import { zoneOffsetMinutes } from '@startales/game';

/**
 * Matchmaking as a pure function: which pool tickets (solo players or whole parties) fill an open campaign's free
 * seats. Same input → same output.
 *
 * Rules, in order:
 * 1. Hard filters: the ticket's language has the campaign's primary language subtag (`pt-BR` matches `pt`); its
 *    tier preference is empty or the campaign's tier; its time zone's UTC offset at the first session is within
 *    `maxOffsetMinutes` of the campaign's (distance on the 24-hour clock).
 * 2. Ranking: closer time zone first, then an exact tier preference before "any tier", then older tickets, then id.
 * 3. Greedy fill in rank order: a ticket is taken whole (a party never splits) when it fits the seats left and no
 *    member has a block (either way) with the campaign's owner, its players or a ticket already taken; otherwise
 *    it is passed over and the next one is tried.
 */
export interface MatchCampaign {
  llmTier: string;
  language: string;
  timezone: string;
  firstSessionAt: Date;
  seatsLeft: number;
  /** The owner and everyone already in the campaign (seated or waitlisted). */
  participantIds: readonly string[];
}

export interface MatchCandidate {
  ticketId: string;
  memberIds: readonly string[];
  timezone: string;
  language: string;
  llmTier: string | null;
  createdAt: Date;
}

export type RejectReason = 'LANGUAGE' | 'TIER' | 'TIMEZONE' | 'BLOCKED' | 'NO_ROOM' | 'ALREADY_IN';

export interface MatchPlan {
  picked: MatchCandidate[];
  passed: Array<{ ticketId: string; reason: RejectReason }>;
}

export const DEFAULT_MAX_OFFSET_MINUTES = 180;

const primary = (tag: string) => tag.toLowerCase().split('-')[0]!;

function clockDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 1440;
  return Math.min(d, 1440 - d);
}

/** `blocks` holds `a|b` keys for every active block, in both directions. */
export function planMatch(campaign: MatchCampaign, candidates: readonly MatchCandidate[], blocks: ReadonlySet<string>, maxOffsetMinutes = DEFAULT_MAX_OFFSET_MINUTES): MatchPlan {
  const passed: MatchPlan['passed'] = [];
  const home = zoneOffsetMinutes(campaign.timezone, campaign.firstSessionAt);
  const inCampaign = new Set(campaign.participantIds);
  const ranked: Array<{ c: MatchCandidate; distance: number; tierRank: number }> = [];
  for (const c of candidates) {
    if (c.memberIds.some((id) => inCampaign.has(id))) passed.push({ ticketId: c.ticketId, reason: 'ALREADY_IN' });
    else if (primary(c.language) !== primary(campaign.language)) passed.push({ ticketId: c.ticketId, reason: 'LANGUAGE' });
    else if (c.llmTier !== null && c.llmTier !== campaign.llmTier) passed.push({ ticketId: c.ticketId, reason: 'TIER' });
    else {
      const distance = clockDistance(zoneOffsetMinutes(c.timezone, campaign.firstSessionAt), home);
      if (distance > maxOffsetMinutes) passed.push({ ticketId: c.ticketId, reason: 'TIMEZONE' });
      else ranked.push({ c, distance, tierRank: c.llmTier === null ? 1 : 0 });
    }
  }
  ranked.sort(
    (x, y) =>
      x.distance - y.distance ||
      x.tierRank - y.tierRank ||
      x.c.createdAt.getTime() - y.c.createdAt.getTime() ||
      (x.c.ticketId < y.c.ticketId ? -1 : x.c.ticketId > y.c.ticketId ? 1 : 0),
  );
  const together = [...campaign.participantIds];
  let seats = campaign.seatsLeft;
  const picked: MatchCandidate[] = [];
  for (const { c } of ranked) {
    if (c.memberIds.length > seats) {
      passed.push({ ticketId: c.ticketId, reason: 'NO_ROOM' });
      continue;
    }
    const clash = c.memberIds.some((m) => together.some((o) => blocks.has(`${m}|${o}`)) || c.memberIds.some((o) => o !== m && blocks.has(`${m}|${o}`)));
    if (clash) {
      passed.push({ ticketId: c.ticketId, reason: 'BLOCKED' });
      continue;
    }
    picked.push(c);
    together.push(...c.memberIds);
    seats -= c.memberIds.length;
  }
  return { picked, passed };
}
