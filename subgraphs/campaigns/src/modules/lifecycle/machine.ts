import { DomainEvent, type CampaignStatus, type CampaignStatusChangedData } from '@startales/contracts';
import { enqueueDomainEvent, type EntityManager } from '@startales/kit';
import type { Campaign } from '../../entities/campaign.entity.ts';
import { IllegalTransitionError } from '../common/errors.ts';

/**
 * The campaign lifecycle. Payment happens while a campaign is in REGISTRATION and MATCHING (billing confirms
 * held seats); SCHEDULED → RUNNING → COMPLETED follow gamehost's outcomes; any state before COMPLETED can be
 * CANCELLED (RUNNING only by an admin). Every other step is an ILLEGAL_TRANSITION.
 */
export const TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  DRAFT: ['REGISTRATION', 'CANCELLED'],
  REGISTRATION: ['MATCHING', 'CANCELLED'],
  MATCHING: ['SCHEDULED', 'CANCELLED'],
  SCHEDULED: ['RUNNING', 'CANCELLED'],
  RUNNING: ['COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

export const canTransition = (from: CampaignStatus, to: CampaignStatus) => TRANSITIONS[from].includes(to);

/** Throws ILLEGAL_TRANSITION (with `from` and `to`) unless the machine allows the step. */
export function assertTransition(from: CampaignStatus, to: CampaignStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

/** Moves a (locked) campaign to `to` and queues `domain.campaigns.status_changed`. */
export function transition(tx: EntityManager, campaign: Campaign, to: CampaignStatus, actor: string, now = new Date()): void {
  const from = campaign.status;
  assertTransition(from, to);
  campaign.status = to;
  campaign.statusChangedAt = now;
  enqueueDomainEvent<CampaignStatusChangedData>(tx, DomainEvent.CAMPAIGN_STATUS_CHANGED, { campaignId: campaign.id, from, to, at: now.toISOString() }, actor);
}
