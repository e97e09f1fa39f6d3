import type { BillingModule } from '../../deps.ts';
import { CampaignFacts } from './entities/campaign-facts.entity.ts';

/** What billing knows of campaigns (fed by `domain.campaigns.*`, see consumers/campaigns.consumer.ts). */
export const campaignsModule: BillingModule = {
  name: 'campaigns',
  entities: [CampaignFacts],
};
