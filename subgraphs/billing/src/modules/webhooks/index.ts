import type { BillingModule } from '../../deps.ts';
import { StripeEvent } from './entities/stripe-event.entity.ts';

/** Stripe webhooks (`POST /webhooks/stripe`, mounted in app.ts): the record of applied events. */
export const webhooksModule: BillingModule = {
  name: 'webhooks',
  entities: [StripeEvent],
};
