import { ProcessedEvent, OutboxEvent } from '@startales/kit';
import { DomainEventFact } from './domain-event-fact.entity.ts';
import { GameEventFact } from './game-event-fact.entity.ts';
import { LlmUsageFact } from './llm-usage-fact.entity.ts';
import { RevenueFact, SubscriptionFact } from './money-facts.entity.ts';
import { DomainEventDaily, FunnelStep, RetentionCell, RetentionCohort, UserActivityDay, UserActivityWeek, UserDim } from './users.entity.ts';
import { CampaignDim, CampaignFinance, CampaignMember, GameSession, SessionParticipation } from './campaigns.entity.ts';
import { LlmCostCampaignDaily, LlmCostCampaignModelDaily, LlmCostCampaignMonthly, LlmCostDaily, LlmCostModelDaily, LlmCostUserDaily, LlmCostUserMonthly, LlmCostUserWindow } from './llm-cost.entity.ts';
import { RevenueDaily, SubscriptionDaily, TrialDim, UserRevenue, UserRevenueDay } from './revenue.entity.ts';

export { DomainEventFact };

/** Fact tables: partitioned by month on `occurred_at` (the migration declares it; `facts/partitions.ts` keeps months ahead). */
export const PARTITIONED_FACT_TABLES = ['domain_event_fact', 'game_event_fact', 'llm_usage_fact', 'revenue_fact', 'subscription_fact'] as const;
export type PartitionedFactTable = (typeof PARTITIONED_FACT_TABLES)[number];

/**
 * Every analytics table, so the migration drift test checks columns, keys and indexes. Facts and rollups are read
 * and written with SQL (idempotent inserts and incremental upserts in one statement), never through the unit of work.
 */
export const entities = [
  DomainEventFact,
  GameEventFact,
  LlmUsageFact,
  RevenueFact,
  SubscriptionFact,
  DomainEventDaily,
  UserDim,
  UserActivityDay,
  UserActivityWeek,
  RetentionCohort,
  RetentionCell,
  FunnelStep,
  CampaignDim,
  CampaignMember,
  GameSession,
  SessionParticipation,
  CampaignFinance,
  LlmCostDaily,
  LlmCostModelDaily,
  LlmCostCampaignDaily,
  LlmCostCampaignMonthly,
  LlmCostCampaignModelDaily,
  LlmCostUserDaily,
  LlmCostUserMonthly,
  LlmCostUserWindow,
  RevenueDaily,
  UserRevenueDay,
  UserRevenue,
  SubscriptionDaily,
  TrialDim,
  OutboxEvent,
  ProcessedEvent,
];
