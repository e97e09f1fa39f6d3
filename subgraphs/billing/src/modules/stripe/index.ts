import type { BillingModule } from '../../deps.ts';
import { CatalogEntry } from './entities/catalog-entry.entity.ts';

/** The Stripe client, catalog (price books → products, prices, meter) and the sync every feature shares. */
export const stripeModule: BillingModule = {
  name: 'stripe',
  entities: [CatalogEntry],
};
