import { ErrorCode, LLM_TIERS, type LlmTier } from '@startales/contracts';
import { InputError, type EntityManager, type Principal } from '@startales/kit';
import type { Campaign } from '../../entities/campaign.entity.ts';
import { MatchTicket } from '../../entities/match-ticket.entity.ts';
import { ACTIVE } from '../../entities/registration.entity.ts';
import { CampaignRuleError, parseId } from '../common/errors.ts';
import { parseLanguage, parseTimeZone } from '../common/model.ts';
import { admitGroup, blockPairs, promoteWaitlist, registrationsIn, type SeatContext } from '../registration/seats.ts';
import { partyLedBy } from '../registration/parties.ts';
import { kickedFrom } from '../sanctions/restrictions.ts';
import { planMatch, DEFAULT_MAX_OFFSET_MINUTES, type MatchPlan } from './plan.ts';

export interface EnterMatchmakingInput {
  timezone: string;
  language: string;
  llmTier?: LlmTier | null;
  partyId?: string | null;
}

/** Tickets looked at per fill (oldest first). */
const POOL_WINDOW = 500;

/** Ids of WAITING tickets any of `userIds` is on (as the creator or a party member). */
async function waitingTicketsOf(em: EntityManager, userIds: string[]): Promise<string[]> {
  const rows = await em
    .execute<Array<{ id: string }>>(
      `select id from "campaigns"."match_ticket" where status = 'WAITING'
         and (user_id::text in (select jsonb_array_elements_text(?::jsonb)) or jsonb_exists_any(member_ids, array(select jsonb_array_elements_text(?::jsonb))))`,
      [JSON.stringify(userIds), JSON.stringify(userIds)],
    );
  return rows.map((r) => r.id);
}

/**
 * Fills a campaign's free seats: first its waitlist (promoteWaitlist), then — for a PUBLIC campaign in MATCHING —
 * the matchmaking pool by preferences (plan.ts). Matched tickets become MATCHED and their players hold seats
 * (to be paid like any other). Runs inside the caller's transaction with the campaign locked.
 */
export async function fillSeats(tx: EntityManager, campaign: Campaign, ctx: SeatContext, maxOffsetMinutes = DEFAULT_MAX_OFFSET_MINUTES): Promise<MatchPlan | null> {
  await promoteWaitlist(tx, campaign, ctx);
  if (campaign.status !== 'MATCHING' || campaign.visibility !== 'PUBLIC' || campaign.seatsLeft <= 0) return null;
  const pool = await tx.find(MatchTicket, { status: 'WAITING' }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: POOL_WINDOW });
  // a player moderation kicked from this campaign is never matched back into it (nor is their party)
  const kicked = await kickedFrom(tx, campaign.id, [...new Set(pool.flatMap((t) => t.memberIds))]);
  const tickets = kicked.size ? pool.filter((t) => !t.memberIds.some((id) => kicked.has(id))) : pool;
  if (tickets.length === 0) return null;
  const roster = await registrationsIn(tx, campaign.id, ACTIVE);
  const participantIds = [...new Set([campaign.ownerId, ...roster.map((r) => r.userId)])];
  const blocks = await blockPairs(tx, [...new Set([...participantIds, ...tickets.flatMap((t) => t.memberIds)])]);
  const plan = planMatch(
    {
      llmTier: campaign.llmTier,
      language: campaign.language,
      timezone: campaign.timezone,
      firstSessionAt: campaign.startsAt,
      seatsLeft: campaign.seatsLeft,
      participantIds,
    },
    tickets.map((t) => ({ ticketId: t.id, memberIds: t.memberIds, timezone: t.timezone, language: t.language, llmTier: t.llmTier ?? null, createdAt: t.createdAt })),
    blocks,
    maxOffsetMinutes,
  );
  const byId = new Map(tickets.map((t) => [t.id, t]));
  for (const pick of plan.picked) {
    const ticket = byId.get(pick.ticketId)!;
    await admitGroup(tx, campaign, { userIds: [...ticket.memberIds], source: 'MATCHMAKING', partyId: ticket.partyId }, ctx, { hold: true });
    ticket.status = 'MATCHED';
    ticket.campaignId = campaign.id;
    ticket.matchedAt = ctx.now;
  }
  return plan;
}

/** The matchmaking pool: players (alone or as a whole party) waiting to be matched into open campaigns. */
export function createMatchmakingService(options: { clock: () => Date }) {
  return {
    async enter(em: EntityManager, principal: Principal, input: EnterMatchmakingInput): Promise<MatchTicket> {
      const timezone = parseTimeZone(input.timezone);
      const language = parseLanguage(input.language);
      const llmTier = input.llmTier ?? null;
      if (llmTier !== null && !LLM_TIERS.includes(llmTier)) throw new InputError(`llmTier must be one of ${LLM_TIERS.join(', ')}`, 'llmTier');
      const partyId = input.partyId == null ? null : parseId(input.partyId, 'partyId');
      return em.transactional(async (tx) => {
        const members = partyId ? (await partyLedBy(tx, partyId, principal.userId)).memberIds : [principal.userId];
        // one waiting ticket per player: serialise entries per user so two concurrent ones cannot both pass
        for (const id of [...members].sort()) await tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`mm:${id}`]);
        if ((await waitingTicketsOf(tx, members)).length > 0) {
          throw new CampaignRuleError(ErrorCode.ALREADY_REGISTERED, members.length > 1 ? 'A member of the party is already in the matchmaking pool' : 'You are already in the matchmaking pool');
        }
        return tx.create(MatchTicket, {
          id: Bun.randomUUIDv7(),
          userId: principal.userId,
          partyId,
          memberIds: members,
          timezone,
          language,
          llmTier,
          status: 'WAITING',
          campaignId: null,
          createdAt: options.clock(),
          matchedAt: null,
        });
      });
    },

    /** Leaves the pool (the caller's own waiting ticket, or their party's when they lead it); null when none. */
    async leave(em: EntityManager, principal: Principal): Promise<MatchTicket | null> {
      const ticket = await em.findOne(MatchTicket, { userId: principal.userId, status: 'WAITING' });
      if (!ticket) return null;
      ticket.status = 'CANCELLED';
      await em.flush();
      return ticket;
    },

    current(em: EntityManager, userId: string): Promise<MatchTicket | null> {
      return em.findOne(MatchTicket, { userId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    },
  };
}
export type MatchmakingService = ReturnType<typeof createMatchmakingService>;
