import { LockMode, type EntityClass } from '@mikro-orm/core';
import { LLM_TIERS, type EventEnvelope, type LlmTier, type LlmUsageData } from '@startales/contracts';
import type { EntityManager, Logger } from '@startales/kit';
import { CampaignFacts } from '../campaigns/entities/campaign-facts.entity.ts';
import { includedLlmMicros, type PriceBooks } from '../pricing/price-books.ts';
import { CampaignUsage } from './entities/campaign-usage.entity.ts';
import { LlmCostDay } from './entities/llm-cost-day.entity.ts';
import { UsageCharge } from './entities/usage-charge.entity.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What one usage event did to billing (for logs and tests). */
export interface UsageOutcome {
  costMicros: number;
  overageMicros: number;
  charged: boolean;
}

/**
 * Applies one `llm.usage.<provider>` event inside the consumer's transaction (which also records the event id):
 * adds its cost to the day's rollup and to its campaign's running spend, and turns the part above the campaign's
 * allowance into a usage charge billed to the user the call was made for. A campaign billing has not heard of yet
 * gets the smallest allowance of its tier (4 weeks × 1 hour), so spend is never left unbilled.
 */
export async function applyUsageEvent(em: EntityManager, event: EventEnvelope, books: PriceBooks, logger: Logger): Promise<UsageOutcome> {
  const d = event.data as Partial<LlmUsageData>;
  const cost = d.costMicros;
  if (typeof cost !== 'number' || !Number.isSafeInteger(cost) || cost < 0 || typeof d.userId !== 'string') {
    logger.warn('usage event without a whole, non-negative cost or a user; recorded without effect', { id: event.id });
    return { costMicros: 0, overageMicros: 0, charged: false };
  }
  const campaignId = typeof d.campaignId === 'string' && UUID.test(d.campaignId) ? d.campaignId.toLowerCase() : null;
  const at = new Date(typeof d.startedAt === 'string' && !Number.isNaN(Date.parse(d.startedAt)) ? d.startedAt : event.occurredAt);
  const day = at.toISOString().slice(0, 10);
  await em.execute(
    `insert into ${table(em, LlmCostDay)} (campaign_key, day, cost_micros, calls) values (?, ?, ?, 1)
     on conflict (campaign_key, day) do update set cost_micros = excluded.cost_micros + ${table(em, LlmCostDay)}.cost_micros, calls = ${table(em, LlmCostDay)}.calls + 1`,
    [campaignId ?? '', day, cost],
  );
  if (!campaignId || cost === 0) return { costMicros: cost, overageMicros: 0, charged: false };

  await em.execute(
    `insert into ${table(em, CampaignUsage)} (campaign_id, spent_micros, charged_micros, calls, updated_at) values (?, 0, 0, 0, now()) on conflict (campaign_id) do nothing`,
    [campaignId],
  );
  // the row lock serialises concurrent usage of one campaign, so the allowance is crossed exactly once
  const usage = await em.findOneOrFail(CampaignUsage, { campaignId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const facts = await em.findOne(CampaignFacts, { campaignId });
  const book = books.at(at);
  const tier: LlmTier = facts?.llmTier ?? (LLM_TIERS.includes(String(d.tier).toUpperCase() as LlmTier) ? (String(d.tier).toUpperCase() as LlmTier) : 'ECONOMY');
  const allowance = includedLlmMicros(book, {
    llmTier: tier,
    lengthWeeks: facts?.lengthWeeks ?? 4,
    playHoursPerWeek: facts?.playHoursPerWeek ?? 1,
  });
  const before = usage.spentMicros;
  const after = before + cost;
  const overage = Math.max(0, after - Math.max(allowance, before));
  usage.spentMicros = after;
  usage.chargedMicros += overage;
  usage.calls += 1;
  usage.updatedAt = new Date();
  if (overage > 0) {
    if (!UUID.test(d.userId)) {
      logger.warn('usage above allowance for a call with no user id; not billable', { id: event.id, campaignId });
    } else {
      em.create(UsageCharge, {
        id: event.id,
        userId: d.userId.toLowerCase(),
        campaignId,
        callId: String(d.callId ?? event.id).slice(0, 100),
        costMicros: cost,
        overageMicros: overage,
        priceBook: book.id,
        status: 'PENDING',
        attempts: 0,
        lastError: null,
        occurredAt: at,
        reportedAt: null,
      });
    }
  }
  await em.flush();
  return { costMicros: cost, overageMicros: overage, charged: overage > 0 };
}

/** `"schema"."table"` of an entity (billing's raw SQL stays inside its own schema). */
export function table(em: EntityManager, entity: EntityClass<object>): string {
  const meta = em.getMetadata(entity);
  const schema = meta.schema && meta.schema !== '*' ? meta.schema : (em.config.get('schema') ?? 'public');
  return `"${schema}"."${meta.tableName}"`;
}
