import { defineEntity, p } from '@mikro-orm/core';

/**
 * One row per user analytics has heard of: when they signed up (null until `users.registered` arrives) and the
 * furthest retention period already counted for "on or after" retention. Locked `for update` by every handler
 * that touches a user's retention figures, so concurrent events for one user apply one at a time.
 */
export const UserDimSchema = defineEntity({
  name: 'UserDim',
  tableName: 'user_dim',
  properties: {
    userId: p.string().length(64).primary(),
    signedUpAt: p.datetime().nullable().index(),
    /** Largest day offset (activity day − signup day) counted in `retention_cell.on_or_after_count`; −1: none. */
    maxDayOffset: p.integer().default(-1),
    maxWeekOffset: p.integer().default(-1),
  },
});
export class UserDim extends UserDimSchema.class {}
UserDimSchema.setClass(UserDim);

/** A UTC day on which the user did something (any event they caused). */
export const UserActivityDaySchema = defineEntity({
  name: 'UserActivityDay',
  tableName: 'user_activity_day',
  properties: {
    userId: p.string().length(64).primary(),
    day: p.date().primary().index(),
  },
});
export class UserActivityDay extends UserActivityDaySchema.class {}
UserActivityDaySchema.setClass(UserActivityDay);

/** An ISO week (Monday, UTC) in which the user did something. */
export const UserActivityWeekSchema = defineEntity({
  name: 'UserActivityWeek',
  tableName: 'user_activity_week',
  properties: {
    userId: p.string().length(64).primary(),
    week: p.date().primary(),
  },
});
export class UserActivityWeek extends UserActivityWeekSchema.class {}
UserActivityWeekSchema.setClass(UserActivityWeek);

/** Signups per cohort (`period` DAY: the UTC signup day; WEEK: the Monday of its ISO week). */
export const RetentionCohortSchema = defineEntity({
  name: 'RetentionCohort',
  tableName: 'retention_cohort',
  properties: {
    period: p.string().length(8).primary(),
    cohortStart: p.date().primary(),
    users: p.integer().default(0),
  },
});
export class RetentionCohort extends RetentionCohortSchema.class {}
RetentionCohortSchema.setClass(RetentionCohort);

/** Users of a cohort active in period N (`on`) and in period N or later (`onOrAfter`), kept incrementally. */
export const RetentionCellSchema = defineEntity({
  name: 'RetentionCell',
  tableName: 'retention_cell',
  properties: {
    period: p.string().length(8).primary(),
    cohortStart: p.date().primary(),
    periodOffset: p.integer().primary(),
    onCount: p.integer().default(0),
    onOrAfterCount: p.integer().default(0),
  },
});
export class RetentionCell extends RetentionCellSchema.class {}
RetentionCellSchema.setClass(RetentionCell);

/** Every occurrence of a funnel step per user (`ref` names the occurrence: a payment, a campaign…). */
export const FunnelStepSchema = defineEntity({
  name: 'FunnelStep',
  tableName: 'funnel_step',
  indexes: [{ properties: ['userId', 'step', 'occurredAt'] }],
  properties: {
    userId: p.string().length(64).primary(),
    step: p.string().length(24).primary(),
    ref: p.string().length(300).primary(),
    occurredAt: p.datetime(),
  },
});
export class FunnelStep extends FunnelStepSchema.class {}
FunnelStepSchema.setClass(FunnelStep);

/** Domain events per UTC day and type (platform counters). */
export const DomainEventDailySchema = defineEntity({
  name: 'DomainEventDaily',
  tableName: 'domain_event_daily',
  properties: {
    day: p.date().primary(),
    type: p.string().length(100).primary(),
    events: p.integer().default(0),
  },
});
export class DomainEventDaily extends DomainEventDailySchema.class {}
DomainEventDailySchema.setClass(DomainEventDaily);
