import { DomainEvent, type CampaignCreatedData } from '@startales/contracts';
import { InputError, enqueueDomainEvent, type EntityManager, type Principal } from '@startales/kit';
import { generateSkeleton } from '@startales/game';
import { Campaign } from '../../entities/campaign.entity.ts';
import { Registration } from '../../entities/registration.entity.ts';
import { parseId } from '../common/errors.ts';
import type { CampaignSettings } from '../common/settings.ts';
import { encodeCursor, decodeCursor, pageSize, toConnection, type PageArgs, type Connection } from '../common/connection.ts';
import { sessionsFor, validateCreateCampaign, type CreateCampaignInput } from './model.ts';

/**
 * Campaign creation and lookups. Creation stores the deterministic skeleton (same seed + config → byte-identical
 * JSON) and the computed sessions; the prose is written afterwards by the prose writer (prose/writer.ts).
 */
export function createCampaignService(settings: CampaignSettings & { onCreated?: () => void }) {
  return {
    async create(em: EntityManager, owner: Principal, input: CreateCampaignInput): Promise<Campaign> {
      const now = settings.clock();
      const valid = validateCreateCampaign(input, now);
      const sessions = sessionsFor(valid, valid.notBefore);
      const skeleton = generateSkeleton({ seed: valid.seed, mode: valid.mode, lengthWeeks: valid.lengthWeeks, maxPlayers: valid.maxPlayers });
      const campaign = await em.transactional(async (tx) => {
        const c = tx.create(Campaign, {
          id: Bun.randomUUIDv7(),
          ownerId: owner.userId,
          title: valid.title,
          seed: valid.seed,
          mode: valid.mode,
          difficulty: valid.difficulty,
          lengthWeeks: valid.lengthWeeks,
          playHoursPerWeek: valid.playHoursPerWeek,
          sessionMinutes: valid.sessionMinutes,
          maxPlayers: valid.maxPlayers,
          llmTier: valid.llmTier,
          language: valid.language,
          visibility: valid.visibility,
          scheduleWeekday: valid.weekday,
          scheduleTime: valid.time,
          timezone: valid.timezone,
          startsAt: new Date(sessions[0]!.startsAt),
          endsAt: new Date(sessions[sessions.length - 1]!.endsAt),
          sessions,
          skeletonJson: JSON.stringify(skeleton),
          status: 'DRAFT',
          seatsTaken: 0,
          seatsLeft: valid.maxPlayers,
          waitlistCounter: 0,
          proseStatus: 'PENDING',
          proseAttempts: 0,
          proseNextAttemptAt: now,
          statusChangedAt: now,
          createdAt: now,
        });
        enqueueDomainEvent<CampaignCreatedData>(
          tx,
          DomainEvent.CAMPAIGN_CREATED,
          { campaignId: c.id, ownerId: c.ownerId, title: c.title, llmTier: c.llmTier, lengthWeeks: c.lengthWeeks, maxPlayers: c.maxPlayers, playHoursPerWeek: c.playHoursPerWeek },
          owner.userId,
        );
        return c;
      });
      settings.afterCommit();
      settings.onCreated?.();
      return campaign;
    },

    byOwner(em: EntityManager, ownerId: string): Promise<Campaign[]> {
      return em.find(Campaign, { ownerId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
    },

    /** Campaigns the user played in (a paid seat in a campaign that ran), most recent start first. */
    async gameHistory(em: EntityManager, userId: string, args: PageArgs): Promise<Connection<Campaign>> {
      const first = pageSize(args);
      const regs = await em.find(Registration, { userId, status: 'PAID' }, { fields: ['campaignId'] });
      const where = { id: { $in: regs.map((r) => r.campaignId) }, status: { $in: ['RUNNING', 'COMPLETED'] } } as const;
      let page: Record<string, unknown> = where;
      if (args.after) {
        const [at, rawId] = decodeCursor(args.after, 2);
        const startsAt = new Date(at!);
        const id = parseId(rawId, 'after');
        if (Number.isNaN(startsAt.getTime())) throw new InputError('Invalid cursor', 'after');
        page = { $and: [where, { $or: [{ startsAt: { $lt: startsAt } }, { startsAt, id: { $lt: id } }] }] };
      }
      const [rows, total] = await Promise.all([
        em.find(Campaign, page as never, { orderBy: { startsAt: 'desc', id: 'desc' }, limit: first + 1 }),
        em.count(Campaign, where as never),
      ]);
      return toConnection(rows, first, total, (c) => encodeCursor(c.startsAt.toISOString(), c.id));
    },
  };
}
export type CampaignService = ReturnType<typeof createCampaignService>;
