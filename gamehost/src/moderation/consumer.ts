import { Consumer, DomainEvent, Stream, type EventEnvelope, type ModerationActionData, type ModerationActionRevokedData } from '@startales/contracts';
import type { Bus, Logger } from '@startales/kit';
import { startHostConsumer } from '../nats/consume.ts';
import { CAMPAIGN_ID } from '../nats/directory.ts';
import type { SanctionChange, SanctionStore } from './store.ts';

const isInstant = (v: unknown): v is string => typeof v === 'string' && v.length <= 64 && !Number.isNaN(Date.parse(v));

/** A MUTE or KICK, or the revocation of one (whether or not the rest of it is well formed). */
const isSanctionEvent = (event: EventEnvelope) =>
  (event.type === DomainEvent.MODERATION_ACTION || event.type === DomainEvent.MODERATION_ACTION_REVOKED) && ['MUTE', 'KICK'].includes((event.data as { type?: unknown } | null)?.type as string);

/** The sanction change a moderation event carries (null: not a MUTE/KICK, or malformed). */
export function sanctionChangeOf(event: EventEnvelope): SanctionChange | null {
  if (event.type !== DomainEvent.MODERATION_ACTION && event.type !== DomainEvent.MODERATION_ACTION_REVOKED) return null;
  const d = event.data as Partial<ModerationActionData & ModerationActionRevokedData> | null;
  if (!d || (d.type !== 'MUTE' && d.type !== 'KICK') || typeof d.actionId !== 'string' || !CAMPAIGN_ID.test(d.actionId) || typeof d.userId !== 'string' || !d.userId) return null;
  const campaignId = typeof d.campaignId === 'string' && CAMPAIGN_ID.test(d.campaignId) ? d.campaignId : null;
  // a kick names its campaign; one without has nothing to act on
  if (d.type === 'KICK' && !campaignId) return null;
  if (event.type === DomainEvent.MODERATION_ACTION) {
    if (!isInstant(d.startsAt) || (d.expiresAt != null && !isInstant(d.expiresAt))) return null;
    const expiresAt = d.type === 'KICK' ? null : (d.expiresAt ?? null);
    return { kind: 'action', entry: { actionId: d.actionId, userId: d.userId, type: d.type, campaignId, startsAt: d.startsAt, expiresAt } };
  }
  const revokedAt = isInstant(d.revokedAt) ? d.revokedAt : event.occurredAt;
  return { kind: 'revoked', entry: { actionId: d.actionId, userId: d.userId, type: d.type, campaignId, startsAt: revokedAt, expiresAt: revokedAt }, revokedAt };
}

/**
 * The durable consumer `gamehost-moderation` on `domain.moderation.>`, shared by every host (each event goes to one
 * of them): MUTE and KICK actions and their revocations go into the sanction store. Idempotent: a redelivered
 * event merges into the same entry, and one for a pruned (tombstoned) sanction is ignored. The campaigns' owners turn
 * the store into events on their streams (enforcer.ts). Each message is observed like kit's consumers (outcome,
 * delivery lag, backlog, a CONSUMER span continuing the moderation service's trace).
 */
export async function startModerationConsumer(options: { bus: Bus; store: SanctionStore; logger: Logger }): Promise<{ stop(): Promise<void> }> {
  const { store } = options;
  return startHostConsumer({
    bus: options.bus,
    stream: Stream.DOMAIN,
    durable: Consumer.GAMEHOST_MODERATION,
    filterSubject: 'domain.moderation.>',
    maxMessages: 16,
    logger: options.logger,
    async handle(event) {
      const change = sanctionChangeOf(event);
      // another moderation event (a warning, a ban, a case update) is nothing for gamehost, handled
      if (!change) return isSanctionEvent(event) ? 'malformed' : 'applied';
      return store.apply(change);
    },
  });
}
