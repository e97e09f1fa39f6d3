import { toExportJson, type GdprHandlers } from '@startales/kit';
import { Campaign } from './entities/campaign.entity.ts';

/**
 * Campaigns hold no contact data, only the owner's id. Export: the campaigns a user created. Erasure: drafts
 * nobody else has seen are deleted; campaigns other players took part in are kept (they are shared records)
 * and keep only the now-unlinkable owner id.
 */
export const campaignsGdpr: GdprHandlers = {
  async exportUser(em, userId) {
    const campaigns = await em.find(Campaign, { ownerId: userId }, { orderBy: { createdAt: 'asc' } });
    return { campaigns: toExportJson(campaigns) };
  },
  async eraseUser(em, userId) {
    await em.nativeDelete(Campaign, { ownerId: userId, status: 'DRAFT' });
  },
};
