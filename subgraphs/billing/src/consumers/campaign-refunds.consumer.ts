import type Stripe from 'stripe';
import { Consumer, DomainEvent, Stream, type CampaignCancelledData, type SeatRefundRequestedData } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type Logger, type Orm, type RunningConsumer } from '@startales/kit';
import { refundRemaining, seatPaymentsFor } from '../modules/payments/auto-refund.ts';
import type { StripeSync } from '../modules/stripe/sync.ts';

/**
 * Durable consumer of `domain.campaigns.>` for money going back: a cancelled campaign refunds every paid seat it lists,
 * and a payment for a seat that is gone (`campaigns.seat_refund_requested`) is refunded. Each refund is made in the
 * transaction that records the event; Stripe being down makes the event retry, never refund twice.
 */
export function startCampaignRefundsConsumer(deps: {
  bus: Bus;
  orm: Orm;
  logger: Logger;
  stripe: Stripe | null;
  sync: StripeSync | null;
  afterCommit?: () => void;
}): Promise<RunningConsumer> {
  return startIdempotentConsumer({
    bus: deps.bus,
    orm: deps.orm,
    logger: deps.logger,
    stream: Stream.DOMAIN,
    durable: Consumer.BILLING_CAMPAIGN_REFUNDS,
    filterSubject: 'domain.campaigns.>',
    afterCommit: deps.afterCommit,
    handle: async (tx, event) => {
      if (event.type === DomainEvent.CAMPAIGN_CANCELLED) {
        const d = event.data as Partial<CampaignCancelledData>;
        for (const reg of Array.isArray(d.paidRegistrations) ? d.paidRegistrations : []) {
          for (const payment of await seatPaymentsFor(tx, { paymentId: reg?.paymentId, userId: reg?.userId, campaignId: d.campaignId })) {
            await refundRemaining(tx, deps, payment, 'campaign_cancelled');
          }
        }
      } else if (event.type === DomainEvent.CAMPAIGN_SEAT_REFUND_REQUESTED) {
        const d = event.data as Partial<SeatRefundRequestedData>;
        for (const payment of await seatPaymentsFor(tx, { paymentId: d.paymentId, userId: d.userId, campaignId: d.campaignId })) {
          await refundRemaining(tx, deps, payment, d.reason ?? 'seat_refund_requested');
        }
      }
    },
  });
}
