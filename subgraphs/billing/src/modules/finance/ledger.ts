import { DomainEvent, type RevenueRecordedData } from '@startales/contracts';
import { enqueueDomainEvent, type EntityManager } from '@startales/kit';
import { RevenueEntry, type RevenueKind, type RevenuePlan } from './entities/revenue-entry.entity.ts';

/** One money fact for the revenue ledger. */
export interface RevenueFact {
  /** Names the fact uniquely (`pi_…`, `in_…:il_…`, `re_…`, `re_…:reversal`, `du_…:lost`). */
  sourceId: string;
  kind: RevenueKind;
  plan: RevenuePlan;
  userId: string;
  campaignId?: string | null;
  /** Signed cents: refunds and lost disputes are negative. */
  amountCents: number;
  currency: string;
  occurredAt: Date;
}

/**
 * Books a fact once: a second booking of the same `sourceId` (a redelivery, a re-sync) is a no-op. A booked fact is
 * published as `domain.billing.revenue_recorded` in the same transaction (analytics builds its revenue figures on it).
 */
export async function recordRevenue(tx: EntityManager, fact: RevenueFact): Promise<boolean> {
  if (!Number.isInteger(fact.amountCents)) throw new Error(`revenue must be whole cents, got ${fact.amountCents}`);
  const rows = await tx
    .createQueryBuilder(RevenueEntry)
    .insert({
      id: Bun.randomUUIDv7(),
      sourceId: fact.sourceId,
      kind: fact.kind,
      plan: fact.plan,
      userId: fact.userId,
      campaignId: fact.campaignId ?? null,
      amountCents: fact.amountCents,
      currency: fact.currency.toUpperCase(),
      occurredAt: fact.occurredAt,
    })
    .onConflict('sourceId')
    .ignore()
    .execute('run');
  const booked = (rows as { affectedRows?: number }).affectedRows !== 0;
  if (booked) {
    enqueueDomainEvent<RevenueRecordedData>(
      tx,
      DomainEvent.BILLING_REVENUE_RECORDED,
      {
        sourceId: fact.sourceId,
        kind: fact.kind,
        plan: fact.plan,
        userId: fact.userId,
        campaignId: fact.campaignId ?? null,
        amountCents: fact.amountCents,
        currency: fact.currency.toUpperCase(),
        occurredAt: fact.occurredAt.toISOString(),
      },
      'service:billing',
    );
  }
  return booked;
}

/** True when a fact with this source id is booked. */
export async function hasRevenue(tx: EntityManager, sourceId: string): Promise<boolean> {
  return (await tx.count(RevenueEntry, { sourceId })) > 0;
}
