import {
  DomainEvent,
  GdprEvent,
  type CampaignCancelledData,
  type CampaignCreatedData,
  type CampaignStatusChangedData,
  type EventEnvelope,
  type RevenueRecordedData,
  type SeatPaidData,
  type SubscriptionChangedData,
  type UserEmailVerifiedData,
  type UserRegisteredData,
} from '@startales/contracts';
import type { EntityManager } from '@startales/kit';
import { one } from './sql.ts';
import { lockCampaign, markCompleted, upsertCampaign } from './campaigns.ts';
import { FunnelStepKind, isUserActor, recordActivity, recordSignup, recordStep } from './users.ts';
import { applyRevenue, applySubscription } from './money.ts';
import { isoOrUndefined } from './time.ts';

/** Payload keys that may identify a person or carry free text: never stored in a fact, scrubbed again on erasure. */
export const PERSONAL_KEYS = ['handle', 'previousHandle', 'email', 'displayName', 'name', 'bio', 'details', 'text', 'title', 'prose'] as const;

/** Payload of `domain.campaigns.completed` as gamehost publishes it (not yet in contracts). */
interface CampaignCompletedPayload {
  campaignId: string;
  completedAt?: string;
}

function minimise(data: unknown): Record<string, unknown> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const out = { ...(data as Record<string, unknown>) };
  for (const k of PERSONAL_KEYS) delete out[k];
  return out;
}

/**
 * One DOMAIN event: its fact and daily counter (once per event id), then whatever the analytics model learns from
 * it — signups and verification, campaign lifecycle, payments, revenue, subscriptions — and the actor's activity.
 */
export async function applyDomainEvent(em: EntityManager, event: EventEnvelope): Promise<void> {
  const at = isoOrUndefined(event.occurredAt) ?? new Date().toISOString();
  const data = (event.data ?? {}) as Record<string, unknown>;
  const userId = typeof data.userId === 'string' ? data.userId.slice(0, 64) : null;
  const campaignId = typeof data.campaignId === 'string' ? data.campaignId : undefined;
  // take the campaign lock before anything else (campaign first, user second, in every handler)
  if (campaignId) await lockCampaign(em, campaignId);
  const fact = await one<{ inserted: number }>(
    em,
    `with f as (
       insert into analytics.domain_event_fact (id, occurred_at, type, actor, user_id, data, received_at)
       values (?, ?::timestamptz, ?, ?, ?, ?::jsonb, now()) on conflict (id, occurred_at) do nothing returning type, occurred_at
     ), d as (
       insert into analytics.domain_event_daily (day, type, events) select (occurred_at at time zone 'utc')::date, type, 1 from f
       on conflict (day, type) do update set events = domain_event_daily.events + 1
     ) select count(*)::int as inserted from f`,
    // the erasure request itself may arrive after the GDPR consumer scrubbed: it never records the person as its actor
    [event.id, at, event.type.slice(0, 100), event.type === GdprEvent.USER_ERASED ? 'erased' : event.actor.slice(0, 100), userId, JSON.stringify(minimise(data))],
  );
  if (!fact?.inserted) return;

  switch (event.type) {
    case DomainEvent.USER_REGISTERED: {
      const d = data as unknown as UserRegisteredData;
      if (d.userId) await recordSignup(em, d.userId, isoOrUndefined(d.registeredAt) ?? at);
      break;
    }
    case DomainEvent.USER_EMAIL_VERIFIED: {
      const d = data as unknown as UserEmailVerifiedData;
      if (d.userId) await recordStep(em, d.userId, FunnelStepKind.VERIFIED, 'email', isoOrUndefined(d.verifiedAt) ?? at);
      break;
    }
    case DomainEvent.CAMPAIGN_CREATED: {
      const d = data as unknown as CampaignCreatedData;
      if (d.campaignId) await upsertCampaign(em, d.campaignId, { ownerId: d.ownerId, tier: d.llmTier, createdAt: at });
      break;
    }
    case DomainEvent.CAMPAIGN_STATUS_CHANGED: {
      const d = data as unknown as CampaignStatusChangedData;
      const when = isoOrUndefined(d.at) ?? at;
      if (d.to === 'RUNNING') await upsertCampaign(em, d.campaignId, { startedAt: when });
      else if (d.to === 'COMPLETED') await markCompleted(em, d.campaignId, when);
      else if (d.to === 'CANCELLED') await upsertCampaign(em, d.campaignId, { cancelledAt: when, cancelledFrom: d.from });
      break;
    }
    case DomainEvent.CAMPAIGN_CANCELLED: {
      const d = data as unknown as CampaignCancelledData;
      await upsertCampaign(em, d.campaignId, { cancelledAt: isoOrUndefined(d.cancelledAt) ?? at, cancelledFrom: d.from });
      break;
    }
    case DomainEvent.CAMPAIGN_COMPLETED: {
      const d = data as unknown as CampaignCompletedPayload;
      await markCompleted(em, d.campaignId, isoOrUndefined(d.completedAt) ?? at);
      break;
    }
    case DomainEvent.BILLING_SEAT_PAID: {
      const d = data as unknown as SeatPaidData;
      await recordStep(em, d.userId, FunnelStepKind.PAID, `seat:${d.paymentId}`, isoOrUndefined(d.paidAt) ?? at);
      break;
    }
    case DomainEvent.BILLING_REVENUE_RECORDED:
      await applyRevenue(em, event as EventEnvelope<RevenueRecordedData>);
      break;
    case DomainEvent.BILLING_SUBSCRIPTION_CHANGED:
      await applySubscription(em, event as EventEnvelope<SubscriptionChangedData>);
      break;
  }
  if (isUserActor(event.actor) && event.type !== GdprEvent.USER_ERASED) await recordActivity(em, event.actor, at);
}
