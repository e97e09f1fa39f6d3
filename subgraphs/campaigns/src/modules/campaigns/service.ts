import { DomainEvent, type CampaignCreatedData } from '@startales/contracts';
import { enqueueDomainEvent, type EntityManager, type Principal } from '@startales/kit';
import { Campaign } from '../../entities/campaign.entity.ts';
import { validateCreateCampaign, type CreateCampaignInput } from './model.ts';

/** Campaign creation and lookups. No HTTP in here. */
export function createCampaignService(options: { afterCommit: () => void }) {
  return {
    async create(em: EntityManager, owner: Principal, input: CreateCampaignInput): Promise<Campaign> {
      const valid = validateCreateCampaign(input);
      const campaign = await em.transactional(async (tx) => {
        const c = tx.create(Campaign, {
          id: Bun.randomUUIDv7(),
          ownerId: owner.userId,
          title: valid.title,
          seed: valid.seed,
          mode: valid.mode,
          lengthWeeks: valid.lengthWeeks,
          playHoursPerWeek: valid.playHoursPerWeek,
          maxPlayers: valid.maxPlayers,
          llmTier: valid.llmTier,
          startsAt: valid.startsAt,
          status: 'DRAFT',
          createdAt: new Date(),
        });
        enqueueDomainEvent<CampaignCreatedData>(
          tx,
          DomainEvent.CAMPAIGN_CREATED,
          { campaignId: c.id, ownerId: c.ownerId, title: c.title, llmTier: c.llmTier, lengthWeeks: c.lengthWeeks, maxPlayers: c.maxPlayers },
          owner.userId,
        );
        return c;
      });
      options.afterCommit();
      return campaign;
    },

    byOwner(em: EntityManager, ownerId: string): Promise<Campaign[]> {
      return em.find(Campaign, { ownerId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
    },
  };
}
export type CampaignService = ReturnType<typeof createCampaignService>;
