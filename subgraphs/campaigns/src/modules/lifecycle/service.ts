import {
  DomainEvent,
  ErrorCode,
  GameEvent,
  GameSubjectKind,
  MIN_PLAYERS,
  type CampaignCancelledData,
  type CampaignOpenedData,
  type PlayerJoinedData,
  type SessionData,
} from '@startales/contracts';
import { ForbiddenError, InputError, enqueueDomainEvent, type EntityManager, type Principal } from '@startales/kit';
import type { Campaign } from '../../entities/campaign.entity.ts';
import { CampaignInvitation } from '../../entities/invitation.entity.ts';
import { PlayerView } from '../../entities/projections.entity.ts';
import { findCampaignLocked, isAdmin, lockCampaign, requireOwnerOrAdmin } from '../common/access.ts';
import { CampaignRuleError, isUuid, parseId } from '../common/errors.ts';
import { enqueueGameEvent, SYSTEM_ACTOR } from '../common/events.ts';
import type { CampaignSettings } from '../common/settings.ts';
import { checkStart, sessionsFor } from '../campaigns/model.ts';
import { fillSeats } from '../matchmaking/service.ts';
import { endRegistration, registrationsIn, type SeatContext } from '../registration/seats.ts';
import { assertTransition, transition } from './machine.ts';

/** What gamehost needs to set a campaign up (`game.<id>.lifecycle`, CAMPAIGN_OPENED). */
export function openedData(c: Campaign): CampaignOpenedData {
  return {
    campaignId: c.id,
    seed: c.seed,
    title: c.title,
    mode: c.mode,
    llmTier: c.llmTier,
    lengthWeeks: c.lengthWeeks,
    playHoursPerWeek: c.playHoursPerWeek,
    maxPlayers: c.maxPlayers,
    startsAt: c.startsAt.toISOString(),
    // fixed key order (jsonb does not keep it): the event's bytes depend only on the schedule
    sessions: c.sessions.map((x) => ({ index: x.index, startsAt: x.startsAt, endsAt: x.endsAt })),
    difficulty: c.difficulty,
    sessionMinutes: c.sessionMinutes,
    timezone: c.timezone,
    language: c.language,
    ownerId: c.ownerId,
    prose: c.prose ?? null,
  };
}

/** Handles of `userIds` from the projection ('' when campaigns never heard of the user). */
export async function handlesOf(tx: EntityManager, userIds: string[]): Promise<Map<string, string>> {
  const rows = userIds.length ? await tx.find(PlayerView, { userId: { $in: userIds } }) : [];
  return new Map(rows.map((r) => [r.userId, r.handle]));
}

/**
 * The lifecycle mutations (owner or admin) and the transitions gamehost's outcomes drive. Each runs in one
 * transaction with the campaign locked; the events it causes go out through the outbox after commit.
 */
export function createLifecycleService(settings: CampaignSettings) {
  const ctx = (actor: string): SeatContext => ({ now: settings.clock(), holdMs: settings.holdMs, actor });

  async function step(em: EntityManager, principal: Principal, rawId: unknown, run: (tx: EntityManager, c: Campaign) => Promise<void>): Promise<Campaign> {
    const id = parseId(rawId, 'campaignId');
    const campaign = await em.transactional(async (tx) => {
      const c = await lockCampaign(tx, id);
      requireOwnerOrAdmin(principal, c);
      await run(tx, c);
      return c;
    });
    settings.afterCommit();
    return campaign;
  }

  return {
    /** DRAFT → REGISTRATION: players may join (PUBLIC) or accept invitations. */
    openRegistration: (em: EntityManager, principal: Principal, rawId: unknown) =>
      step(em, principal, rawId, async (tx, c) => {
        assertTransition(c.status, 'REGISTRATION');
        if (c.startsAt.getTime() <= settings.clock().getTime()) throw new InputError('The first session has passed: create a new campaign', 'startsAt');
        transition(tx, c, 'REGISTRATION', principal.userId, settings.clock());
      }),

    /** REGISTRATION → MATCHING: joins close; free seats are filled from the waitlist, then (PUBLIC) the matchmaking pool. */
    startMatching: (em: EntityManager, principal: Principal, rawId: unknown) =>
      step(em, principal, rawId, async (tx, c) => {
        transition(tx, c, 'MATCHING', principal.userId, settings.clock());
        await fillSeats(tx, c, ctx(principal.userId), settings.maxOffsetMinutes);
      }),

    /**
     * MATCHING → SCHEDULED: needs MIN_PLAYERS paid seats. Unpaid holds and the waitlist are released; gamehost is
     * told (CAMPAIGN_OPENED, then PLAYER_JOINED per paid player). `startsAt` moves the schedule (same weekly slot).
     */
    scheduleCampaign: (em: EntityManager, principal: Principal, rawId: unknown, startsAt?: Date | null) =>
      step(em, principal, rawId, async (tx, c) => {
        assertTransition(c.status, 'SCHEDULED');
        const now = settings.clock();
        if (startsAt) {
          checkStart(startsAt, now);
          const sessions = sessionsFor({ mode: c.mode, weekday: c.scheduleWeekday ?? null, time: c.scheduleTime ?? null, timezone: c.timezone, lengthWeeks: c.lengthWeeks, sessionMinutes: c.sessionMinutes }, startsAt);
          c.sessions = sessions;
          c.startsAt = new Date(sessions[0]!.startsAt);
          c.endsAt = new Date(sessions[sessions.length - 1]!.endsAt);
        } else if (c.startsAt.getTime() <= now.getTime()) {
          throw new InputError('The first session has passed: pass a new startsAt', 'startsAt');
        }
        const regs = await registrationsIn(tx, c.id, ['WAITLISTED', 'HELD', 'PAID']);
        const paid = regs.filter((r) => r.status === 'PAID');
        if (paid.length < MIN_PLAYERS) {
          throw new CampaignRuleError(ErrorCode.NOT_ENOUGH_PLAYERS, `A campaign needs ${MIN_PLAYERS} paid seats to be scheduled; it has ${paid.length}`, { paid: paid.length, required: MIN_PLAYERS });
        }
        const seat = ctx(principal.userId);
        for (const reg of regs) if (reg.status !== 'PAID') endRegistration(tx, c, reg, 'RELEASED', 'unpaid_at_scheduling', seat);
        transition(tx, c, 'SCHEDULED', principal.userId, now);
        enqueueGameEvent<CampaignOpenedData>(tx, c.id, GameSubjectKind.LIFECYCLE, GameEvent.CAMPAIGN_OPENED, openedData(c), principal.userId);
        const handles = await handlesOf(tx, paid.map((r) => r.userId));
        const ordered = [...paid].sort((a, b) => a.paidAt!.getTime() - b.paidAt!.getTime() || (a.userId < b.userId ? -1 : 1));
        for (const reg of ordered) {
          enqueueGameEvent<PlayerJoinedData>(tx, c.id, GameSubjectKind.LIFECYCLE, GameEvent.PLAYER_JOINED, { campaignId: c.id, userId: reg.userId, handle: handles.get(reg.userId) ?? '' }, principal.userId);
        }
      }),

    /**
     * Any state before COMPLETED → CANCELLED (a RUNNING campaign: admins only). Paid seats are listed in
     * `domain.campaigns.cancelled` for billing to refund; holds, waitlist and pending invitations end; gamehost
     * hears CAMPAIGN_CANCELLED when it had the campaign (SCHEDULED or RUNNING).
     */
    cancelCampaign: (em: EntityManager, principal: Principal, rawId: unknown, reason?: string | null) =>
      step(em, principal, rawId, async (tx, c) => {
        const why = (reason ?? '').trim();
        if (why.length > 500) throw new InputError('reason must be at most 500 characters', 'reason');
        assertTransition(c.status, 'CANCELLED');
        if (c.status === 'RUNNING' && !isAdmin(principal)) throw new ForbiddenError('Only an admin can cancel a running campaign');
        const from = c.status;
        const now = settings.clock();
        const regs = await registrationsIn(tx, c.id, ['WAITLISTED', 'HELD', 'PAID']);
        const paid = regs.filter((r) => r.status === 'PAID');
        const seat = ctx(principal.userId);
        for (const reg of regs) endRegistration(tx, c, reg, 'CANCELLED', 'cancelled', seat);
        await tx.nativeUpdate(CampaignInvitation, { campaignId: c.id, status: 'PENDING' }, { status: 'REVOKED', respondedAt: now });
        c.cancelReason = why || null;
        transition(tx, c, 'CANCELLED', principal.userId, now);
        enqueueDomainEvent<CampaignCancelledData>(
          tx,
          DomainEvent.CAMPAIGN_CANCELLED,
          {
            campaignId: c.id,
            ownerId: c.ownerId,
            from,
            reason: why,
            cancelledAt: now.toISOString(),
            paidRegistrations: paid.map((r) => ({ registrationId: r.id, userId: r.userId, paymentId: r.paymentId ?? null, paidAt: r.paidAt!.toISOString() })),
          },
          principal.userId,
        );
        if (from === 'SCHEDULED' || from === 'RUNNING') {
          enqueueGameEvent(tx, c.id, GameSubjectKind.LIFECYCLE, GameEvent.CAMPAIGN_CANCELLED, { campaignId: c.id, reason: why }, principal.userId);
        }
      }),
  };
}
export type LifecycleService = ReturnType<typeof createLifecycleService>;

/**
 * gamehost's outcomes: the first SESSION_STARTED moves SCHEDULED → RUNNING; CAMPAIGN_COMPLETED moves RUNNING →
 * COMPLETED (through RUNNING when a SESSION_STARTED was never seen). Anything else, or a campaign already past
 * that point (redeliveries, cancelled campaigns), changes nothing.
 */
export async function applyOutcome(tx: EntityManager, type: string, data: SessionData, now: Date): Promise<void> {
  if (type !== GameEvent.SESSION_STARTED && type !== GameEvent.CAMPAIGN_COMPLETED && type !== GameEvent.SESSION_ENDED) return;
  if (!isUuid(data?.campaignId)) return;
  const c = await findCampaignLocked(tx, data.campaignId);
  if (!c) return;
  if (type === GameEvent.SESSION_STARTED || type === GameEvent.SESSION_ENDED) {
    if (Number.isInteger(data.index) && (c.currentSession == null || data.index > c.currentSession)) c.currentSession = data.index;
    if (type === GameEvent.SESSION_STARTED && c.status === 'SCHEDULED') transition(tx, c, 'RUNNING', SYSTEM_ACTOR, now);
    return;
  }
  if (c.status === 'SCHEDULED') transition(tx, c, 'RUNNING', SYSTEM_ACTOR, now);
  if (c.status === 'RUNNING') transition(tx, c, 'COMPLETED', SYSTEM_ACTOR, now);
}

