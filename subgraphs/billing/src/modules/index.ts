import type { BillingModule } from '../deps.ts';
import { pricingModule } from './pricing/index.ts';
import { stripeModule } from './stripe/index.ts';
import { customersModule } from './customers/index.ts';
import { campaignsModule } from './campaigns/index.ts';
import { checkoutModule } from './checkout/index.ts';
import { paymentsModule } from './payments/index.ts';
import { subscriptionsModule } from './subscriptions/index.ts';
import { invoicesModule } from './invoices/index.ts';
import { usageModule } from './usage/index.ts';
import { financeModule } from './finance/index.ts';
import { webhooksModule } from './webhooks/index.ts';

/**
 * Feature modules of the billing subgraph. Each brings `modules/<name>/schema.graphql` (composition reads the same
 * files), entities and resolvers. Register a new module here.
 */
export const modules: BillingModule[] = [
  pricingModule,
  stripeModule,
  customersModule,
  campaignsModule,
  checkoutModule,
  paymentsModule,
  subscriptionsModule,
  invoicesModule,
  usageModule,
  financeModule,
  webhooksModule,
];
