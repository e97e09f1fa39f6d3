import type { BillingModule } from '../../deps.ts';
import { BillingCustomer } from './entities/customer.entity.ts';

/** Users' Stripe customers, created lazily. */
export const customersModule: BillingModule = {
  name: 'customers',
  entities: [BillingCustomer],
};
