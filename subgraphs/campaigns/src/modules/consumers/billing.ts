import { Consumer, DomainEvent, GameEvent, GameSubjectKind, Stream, type PlayerLeftData, type SeatRefundRequestedData } from '@startales/contracts';
import { enqueueDomainEvent, startIdempotentConsumer, type Bus, type EntityManager, type Logger, type Orm } from '@startales/kit';
import { Registration } from '../../entities/registration.entity.ts';
import { findCampaignLocked } from '../common/access.ts';
import { isUuid } from '../common/errors.ts';
import { enqueueGameEvent, SYSTEM_ACTOR } from '../common/events.ts';
import type { CampaignSettings } from '../common/settings.ts';
import { fillSeats } from '../matchmaking/service.ts';
import { endRegistration } from '../registration/seats.ts';

/**
 * What campaigns reads of `domain.billing.seat_paid` / `seat_refunded`. Consumed by type string: billing owns
 * these events (lib/contracts `SeatPaidData`, `SeatRefundedData`); campaigns relies only on these fields.
 */
interface SeatPaymentData {
  campaignId: string;
  userId: string;
  paymentId?: string | null;
  paidAt?: string;
}

export const SEAT_PAID = 'billing.seat_paid';
export const SEAT_REFUNDED = 'billing.seat_refunded';

function refund(tx: EntityManager, d: SeatPaymentData, reason: SeatRefundRequestedData['reason']) {
  enqueueDomainEvent<SeatRefundRequestedData>(tx, DomainEvent.CAMPAIGN_SEAT_REFUND_REQUESTED, { campaignId: d.campaignId, userId: d.userId, paymentId: d.paymentId ?? null, reason }, SYSTEM_ACTOR);
}

/**
 * A payment confirms a held seat (HELD → PAID) while the campaign is in REGISTRATION or MATCHING. A payment for a
 * seat that is gone (hold expired or left, campaign cancelled or already scheduled) asks billing for a refund; a
 * redelivered payment of a paid seat changes nothing.
 */
export async function applySeatPaid(tx: EntityManager, d: SeatPaymentData, now: Date): Promise<void> {
  if (!isUuid(d?.campaignId) || !isUuid(d?.userId)) return;
  const c = await findCampaignLocked(tx, d.campaignId);
  if (!c) return refund(tx, d, 'campaign_closed');
  const reg = await tx.findOne(Registration, { campaignId: c.id, userId: d.userId });
  if (reg?.status === 'PAID' && (reg.paymentId ?? null) === (d.paymentId ?? null)) return;
  if (reg?.status === 'HELD' && (c.status === 'REGISTRATION' || c.status === 'MATCHING')) {
    reg.status = 'PAID';
    reg.paidAt = d.paidAt && !Number.isNaN(Date.parse(d.paidAt)) ? new Date(d.paidAt) : now;
    reg.paymentId = d.paymentId ? String(d.paymentId).slice(0, 120) : null;
    reg.holdExpiresAt = null;
    return;
  }
  refund(tx, d, c.status === 'CANCELLED' ? 'campaign_cancelled' : reg && (reg.status === 'RELEASED' || reg.status === 'LEFT') ? 'seat_released' : 'campaign_closed');
}

/** A refunded paid seat frees the seat (refilled before scheduling; gamehost hears PLAYER_LEFT after). */
export async function applySeatRefunded(tx: EntityManager, d: SeatPaymentData, settings: CampaignSettings): Promise<void> {
  if (!isUuid(d?.campaignId) || !isUuid(d?.userId)) return;
  const c = await findCampaignLocked(tx, d.campaignId);
  if (!c) return;
  const reg = await tx.findOne(Registration, { campaignId: c.id, userId: d.userId });
  if (!reg || (d.paymentId && reg.paymentId && reg.paymentId !== d.paymentId)) return;
  if (reg.status === 'CANCELLED') {
    reg.status = 'REFUNDED';
    return;
  }
  if (reg.status !== 'PAID') return;
  const ctx = { now: settings.clock(), holdMs: settings.holdMs, actor: SYSTEM_ACTOR };
  endRegistration(tx, c, reg, 'REFUNDED', 'left', ctx);
  if (c.status === 'SCHEDULED' || c.status === 'RUNNING') {
    enqueueGameEvent<PlayerLeftData>(tx, c.id, GameSubjectKind.LIFECYCLE, GameEvent.PLAYER_LEFT, { campaignId: c.id, userId: reg.userId, reason: 'left' }, SYSTEM_ACTOR);
  } else {
    await fillSeats(tx, c, ctx, settings.maxOffsetMinutes);
  }
}

/** Durable consumer of `domain.billing.>`: seat payments and refunds. */
export function startBillingConsumer(options: { bus: Bus; orm: Orm; logger: Logger; settings: CampaignSettings }) {
  const { settings, ...rest } = options;
  return startIdempotentConsumer({
    ...rest,
    stream: Stream.DOMAIN,
    durable: Consumer.CAMPAIGNS_BILLING,
    filterSubject: 'domain.billing.>',
    afterCommit: settings.afterCommit,
    handle: async (tx, event) => {
      if (event.type === SEAT_PAID) await applySeatPaid(tx, event.data as SeatPaymentData, settings.clock());
      else if (event.type === SEAT_REFUNDED) await applySeatRefunded(tx, event.data as SeatPaymentData, settings);
    },
  });
}
