import { LockMode } from '@mikro-orm/core';
import { ForbiddenError, type EntityManager, type Principal } from '@startales/kit';
import { Campaign } from '../../entities/campaign.entity.ts';
import { campaignNotFound } from './errors.ts';

/** Loads a campaign and locks its row for the rest of the transaction: every change to a campaign's seats goes through here. */
export async function lockCampaign(tx: EntityManager, id: string): Promise<Campaign> {
  const campaign = await findCampaignLocked(tx, id);
  if (!campaign) throw campaignNotFound();
  return campaign;
}

/** `lockCampaign`, or null when there is no such campaign. */
export function findCampaignLocked(tx: EntityManager, id: string): Promise<Campaign | null> {
  return tx.findOne(Campaign, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

export const isAdmin = (principal: Principal) => principal.roles.includes('admin');

/** Lifecycle mutations are for the campaign's owner and admins. */
export function requireOwnerOrAdmin(principal: Principal, campaign: Campaign): void {
  if (campaign.ownerId !== principal.userId && !isAdmin(principal)) throw new ForbiddenError('Only the campaign owner or an admin may do this');
}
