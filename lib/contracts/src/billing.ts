/**
 * Billing vocabulary shared with campaigns, analytics and the web app: plans, add-ons, intervals and the
 * payloads of `domain.billing.*` events. Money is integer minor units (cents) or micro-dollars, never floats.
 */

/** Subscription plans (monthly or annual; annual is discounted). */
export const PlanCode = {
  ADVENTURER: 'ADVENTURER',
  HERO: 'HERO',
} as const;
export type PlanCode = (typeof PlanCode)[keyof typeof PlanCode];
export const PLAN_CODES: readonly PlanCode[] = Object.values(PlanCode);

/** Premium add-ons a plan subscription can carry. */
export const AddOnCode = {
  /** GPT-4-class / Claude game masters on any campaign. */
  ADVANCED_AI: 'ADVANCED_AI',
  /** First pick of session slots when matchmaking schedules a campaign. */
  PRIORITY_SCHEDULING: 'PRIORITY_SCHEDULING',
} as const;
export type AddOnCode = (typeof AddOnCode)[keyof typeof AddOnCode];
export const ADD_ON_CODES: readonly AddOnCode[] = Object.values(AddOnCode);

export const BillingInterval = {
  MONTH: 'MONTH',
  YEAR: 'YEAR',
} as const;
export type BillingInterval = (typeof BillingInterval)[keyof typeof BillingInterval];
export const BILLING_INTERVALS: readonly BillingInterval[] = Object.values(BillingInterval);

/** Payload of `domain.billing.seat_paid`: one seat of `campaignId` is paid for by `userId`. */
export interface SeatPaidData {
  /** Billing's payment id (stable across redeliveries; campaigns can dedupe on it). */
  readonly paymentId: string;
  readonly userId: string;
  readonly campaignId: string;
  readonly amountCents: number;
  /** ISO 4217, upper case (e.g. USD). */
  readonly currency: string;
  /** The price book the seat was priced from. */
  readonly priceBook: string;
  readonly paidAt: string;
}

/** Payload of `domain.billing.seat_refunded`: the seat's payment was refunded in full (or lost to a dispute). */
export interface SeatRefundedData {
  readonly paymentId: string;
  readonly userId: string;
  readonly campaignId: string;
  readonly refundedCents: number;
  readonly reason: 'refunded' | 'dispute_lost';
  readonly at: string;
}

/** Payload of `domain.billing.subscription_changed`: the user's plan subscription as it is now. */
export interface SubscriptionChangedData {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly plan: PlanCode;
  readonly interval: BillingInterval;
  readonly addOns: readonly AddOnCode[];
  /** Stripe's status, lower case (active, past_due, canceled, …). */
  readonly status: string;
  /** True while the subscription entitles the user (active, trialing or past_due). */
  readonly entitled: boolean;
  readonly at: string;
}

/**
 * Payload of `domain.billing.revenue_recorded`: one row of billing's revenue ledger as it was booked (a paid seat, a
 * paid invoice line, a refund, a reversal, a lost dispute). `sourceId` is unique per fact; amounts are signed cents.
 */
export interface RevenueRecordedData {
  readonly sourceId: string;
  readonly kind: 'PAYMENT' | 'INVOICE_LINE' | 'REFUND' | 'REFUND_REVERSAL' | 'DISPUTE_LOST';
  /** SEAT, a PlanCode, an AddOnCode, LLM_USAGE or OTHER. */
  readonly plan: string;
  readonly userId: string;
  readonly campaignId: string | null;
  readonly amountCents: number;
  readonly currency: string;
  readonly occurredAt: string;
}

/** Optional fields of `domain.billing.subscription_changed` analytics reads when present (MRR needs the price). */
export interface SubscriptionChangedMetrics {
  /** The subscription's monthly-equivalent price in cents (annual ÷ 12, add-ons included); 0 when not entitled. */
  readonly monthlyCents?: number;
}
