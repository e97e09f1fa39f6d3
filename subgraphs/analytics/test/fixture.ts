/**
 * A hand-computed fixture: every figure the tests expect is worked out in the comments below, from these events only.
 * Days are UTC; 2026-03-02 is a Monday (ISO weeks start on 03-02, 03-09, 03-16, 03-23, 03-30, 04-06).
 */
import { DomainEvent, GameEvent, GameSubjectKind, LLM_USAGE_EVENT, gameSubject, usageSubject, type EventEnvelope, type LlmUsageData } from '@startales/contracts';
import { createEnvelope } from '@startales/kit';
import type { Published } from './harness.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** Players who signed up (retention cohorts, funnel). */
export const U = { 1: id(1), 2: id(2), 3: id(3), 4: id(4), 5: id(5), 6: id(6) } as const;
/** Players with no signup event (engagement only) and campaign owners. */
export const P1 = id(11), P2 = id(12), P3 = id(13), O1 = id(21), O2 = id(22);
export const C0 = id(100), C1 = id(101), C2 = id(102), C3 = id(103), C4 = id(104), C5 = id(105);
/** A handle only ever sent in payloads: it must never be stored. */
export const SECRET_HANDLE = 'Secret_Handle_Of_U1';

const envelope = (type: string, data: unknown, actor: string, at: string): EventEnvelope => ({ ...createEnvelope(type, data, actor), occurredAt: at });
const domain = (type: string, data: Record<string, unknown>, actor: string, at: string): Published => ({ subject: `domain.${type}`, envelope: envelope(type, data, actor, at) });
const game = (campaignId: string, type: string, data: Record<string, unknown>, at: string, actor = 'service:gamehost'): Published => ({
  subject: gameSubject(campaignId, type === GameEvent.ACTION_SUBMITTED ? GameSubjectKind.COMMANDS : type.startsWith('game.player') ? GameSubjectKind.LIFECYCLE : GameSubjectKind.OUTCOMES),
  envelope: envelope(type, { campaignId, ...data }, actor, at),
});

const signup = (userId: string, at: string) => domain(DomainEvent.USER_REGISTERED, { userId, handle: `h_${userId.slice(-2)}`, registeredAt: at }, userId, at);
/** A user-caused event: an active day for retention (and a handle that must not be stored). */
const active = (userId: string, at: string) =>
  domain(DomainEvent.USER_HANDLE_CHANGED, { userId, handle: userId === U[1] ? SECRET_HANDLE : `n_${userId.slice(-2)}`, previousHandle: `o_${userId.slice(-2)}` }, userId, at);
const verified = (userId: string, at: string) => domain(DomainEvent.USER_EMAIL_VERIFIED, { userId, verifiedAt: at }, 'service:users', at);
const seatPaid = (userId: string, campaignId: string, paymentId: string, at: string) =>
  domain(DomainEvent.BILLING_SEAT_PAID, { paymentId, userId, campaignId, amountCents: 1000, currency: 'USD', priceBook: 'v1', paidAt: at }, 'service:billing', at);
const revenue = (sourceId: string, kind: string, plan: string, userId: string, campaignId: string | null, amountCents: number, at: string, currency = 'USD') =>
  domain(DomainEvent.BILLING_REVENUE_RECORDED, { sourceId, kind, plan, userId, campaignId, amountCents, currency, occurredAt: at }, 'service:billing', at);
const subscription = (subscriptionId: string, userId: string, plan: string, interval: string, status: string, monthlyCents: number, at: string) =>
  domain(
    DomainEvent.BILLING_SUBSCRIPTION_CHANGED,
    { subscriptionId, userId, plan, interval, addOns: [], status, entitled: ['active', 'trialing', 'past_due'].includes(status), monthlyCents, at },
    'service:billing',
    at,
  );
const created = (campaignId: string, ownerId: string, at: string) =>
  domain(DomainEvent.CAMPAIGN_CREATED, { campaignId, ownerId, title: 'The Sunken Crown', llmTier: 'PREMIUM', lengthWeeks: 4, maxPlayers: 4 }, ownerId, at);
const status = (campaignId: string, from: string, to: string, at: string) => domain(DomainEvent.CAMPAIGN_STATUS_CHANGED, { campaignId, from, to, at }, 'system', at);

/*
 * Retention. Signups: U1 03-02 10:00, U2 03-02 23:30, U5 03-02 05:00 (day cohort 03-02, size 3); U3 03-03 01:00;
 * U6 03-04; U4 03-09. Week cohort 03-02 = {U1, U2, U3, U5, U6} (5), 03-09 = {U4}.
 * Active days (besides the signup day itself): U1 03-03, 03-09, 04-01 · U2 03-03, 03-04, 03-20 · U3 03-10 ·
 * U4 03-10, 04-08 · U6 03-05, 03-11, 04-03 · U5 none.
 *   day 03-02: D1 on {U1,U2}=2, D7 on {U1}=1, D30 on (04-01) {U1}=1; on-or-after D1 {U1(30),U2(18)}=2, D7 2, D30 {U1}=1
 *   day 03-03: D1 0, D7 {U3}=1, D30 0; on-or-after 1, 1, 0
 *   day 03-04: D1 {U6}, D7 {U6}, D30 {U6} = 1,1,1; on-or-after 1,1,1
 *   day 03-09: D1 {U4}=1, D7 0, D30 {U4}=1; on-or-after 1, 1, 1
 *   week 03-02: W1 on {U1,U3,U6}=3, W4 on (week 03-30) {U1,U6}=2; on-or-after W1 {U1,U2,U3,U6}=4, W4 2
 *   week 03-09: W1 on 0, W4 on (week 04-06) {U4}=1; on-or-after 1, 1
 */
export const EXPECTED_DAY_RETENTION = [
  { start: '2026-03-02', size: 3, on: [2, 1, 1], after: [2, 2, 1] },
  { start: '2026-03-03', size: 1, on: [0, 1, 0], after: [1, 1, 0] },
  { start: '2026-03-04', size: 1, on: [1, 1, 1], after: [1, 1, 1] },
  { start: '2026-03-05', size: 0, on: [0, 0, 0], after: [0, 0, 0] },
  { start: '2026-03-06', size: 0, on: [0, 0, 0], after: [0, 0, 0] },
  { start: '2026-03-07', size: 0, on: [0, 0, 0], after: [0, 0, 0] },
  { start: '2026-03-08', size: 0, on: [0, 0, 0], after: [0, 0, 0] },
  { start: '2026-03-09', size: 1, on: [1, 0, 1], after: [1, 1, 1] },
];
export const EXPECTED_WEEK_RETENTION = [
  { start: '2026-03-02', size: 5, on: [3, 2], after: [4, 2] },
  { start: '2026-03-09', size: 1, on: [0, 1], after: [1, 1] },
];

/*
 * Funnel (signups 03-02..03-09). Verified: U1 03-02 11:00, U2 03-03 00:10, U4 03-09 13:00, U6 03-05 08:00,
 * U5 03-20 (18 days: outside a 14-day window). Paid (earliest at or after verification): U1 03-03 12:00 (seat and
 * revenue), U2 03-05 00:00 (invoice, subscription active), U4 03-10 00:00, U6 03-06 08:00 (its 03-04 seat predates
 * verification), U5 03-21, U3 03-04 (never verified). Completed: C1 (U1, U4) at 03-20 20:00; C2 at 03-10 12:00 but
 * U6 left it on 03-08 (U3 completes it, unverified).
 *   window 14: 6 → 4 {U1,U2,U4,U6} → 4 → 1 {U4: 03-20 20:00 ≤ 03-23 12:00; U1's 03-16 10:00 deadline passed}
 *     mean seconds: verified (3600 + 2400 + 3600 + 86400) / 4 = 24000; paid (90000 + 172200 + 39600 + 86400) / 4 = 97050;
 *     completed 936000 (U4: 03-10 00:00 → 03-20 20:00)
 *   window 30: 6 → 5 (+U5) → 5 → 2 {U1, U4}
 */
export const EXPECTED_FUNNEL_14 = [
  { step: 'SIGNED_UP', users: 6, conversionFromPreviousBp: null, conversionFromStartBp: null, averageSecondsFromPrevious: null },
  { step: 'EMAIL_VERIFIED', users: 4, conversionFromPreviousBp: 6667, conversionFromStartBp: 6667, averageSecondsFromPrevious: 24000 },
  { step: 'PAID', users: 4, conversionFromPreviousBp: 10000, conversionFromStartBp: 6667, averageSecondsFromPrevious: 97050 },
  { step: 'CAMPAIGN_COMPLETED', users: 1, conversionFromPreviousBp: 2500, conversionFromStartBp: 1667, averageSecondsFromPrevious: 936000 },
];

/*
 * Engagement (sessions started 03-01..03-31). C3 s0 03-12 18:00–20:00 (P1 ×3, P2 ×1; P1's 20:30 action falls after
 * the end), s1 03-19 18:00–21:00 (P2 ×2), s2 03-20 18:00–19:00 (P1 ×1); C5 s0 03-06 10:00–11:00 (P3 ×2, P2 ×1),
 * s1 03-07 10:00–12:00 (P2 ×1, published before the session's start).
 *   5 sessions, lengths 7200, 10800, 3600, 3600, 7200 → mean 6480, median 7200; 11 actions (2.2 per session);
 *   7 player-sessions; 3 players; eligible for return 5 (C3 s0 ×2, C3 s1, C5 s0 ×2), returned 2 (P2 twice) → 4000 bp.
 * Completion (ended 03-01..03-31): started C1, C2, C3 (3); completed C1, C2; cancelled after start C3; before C4.
 */
export const EXPECTED_ENGAGEMENT = {
  sessions: 5,
  endedSessions: 5,
  averageSessionSeconds: 6480,
  medianSessionSeconds: 7200,
  actions: 11,
  actionsPerSession: 2.2,
  playerSessions: 7,
  activePlayers: 3,
  returnEligible: 5,
  returned: 2,
  returnRateBp: 4000,
};

export function domainEvents(): Published[] {
  return [
    // February: O1 and P1 are active (player churn: O1 is not active in March, P1 is)
    created(C0, O1, '2026-02-15T12:00:00.000Z'),
    active(P1, '2026-02-20T12:00:00.000Z'),
    // signups and activity
    signup(U[1], '2026-03-02T10:00:00.000Z'),
    signup(U[2], '2026-03-02T23:30:00.000Z'),
    signup(U[5], '2026-03-02T05:00:00.000Z'),
    signup(U[3], '2026-03-03T01:00:00.000Z'),
    signup(U[6], '2026-03-04T08:00:00.000Z'),
    signup(U[4], '2026-03-09T12:00:00.000Z'),
    ...['2026-03-03T09:00:00.000Z', '2026-03-09T09:00:00.000Z', '2026-04-01T09:00:00.000Z'].map((at) => active(U[1], at)),
    ...['2026-03-03T09:00:00.000Z', '2026-03-04T09:00:00.000Z', '2026-03-20T09:00:00.000Z'].map((at) => active(U[2], at)),
    active(U[3], '2026-03-10T09:00:00.000Z'),
    ...['2026-03-10T09:00:00.000Z', '2026-04-08T09:00:00.000Z'].map((at) => active(U[4], at)),
    ...['2026-03-05T09:00:00.000Z', '2026-03-11T09:00:00.000Z', '2026-04-03T09:00:00.000Z'].map((at) => active(U[6], at)),
    // funnel
    verified(U[1], '2026-03-02T11:00:00.000Z'),
    verified(U[2], '2026-03-03T00:10:00.000Z'),
    verified(U[4], '2026-03-09T13:00:00.000Z'),
    verified(U[6], '2026-03-05T08:00:00.000Z'),
    verified(U[5], '2026-03-20T00:00:00.000Z'),
    seatPaid(U[1], C3, 'pay-u1', '2026-03-03T12:00:00.000Z'),
    seatPaid(U[6], C5, 'pay-u6', '2026-03-04T09:00:00.000Z'),
    seatPaid(U[5], C3, 'pay-u5', '2026-03-21T00:00:00.000Z'),
    seatPaid(U[3], C5, 'pay-u3', '2026-03-04T00:00:00.000Z'),
    // campaigns (O2 owns the March ones)
    created(C1, O2, '2026-03-01T08:00:00.000Z'),
    created(C2, O2, '2026-03-01T08:00:00.000Z'),
    created(C3, O2, '2026-03-01T08:00:00.000Z'),
    created(C4, O2, '2026-03-02T08:00:00.000Z'),
    status(C1, 'SCHEDULED', 'RUNNING', '2026-03-12T18:00:00.000Z'),
    status(C1, 'RUNNING', 'COMPLETED', '2026-03-20T20:00:00.000Z'),
    status(C2, 'SCHEDULED', 'RUNNING', '2026-03-06T10:00:00.000Z'),
    status(C2, 'RUNNING', 'COMPLETED', '2026-03-10T12:00:00.000Z'),
    status(C3, 'SCHEDULED', 'RUNNING', '2026-03-12T18:00:00.000Z'),
    domain(DomainEvent.CAMPAIGN_CANCELLED, { campaignId: C3, ownerId: O2, from: 'RUNNING', reason: 'admin', cancelledAt: '2026-03-25T00:00:00.000Z', paidRegistrations: [] }, 'system', '2026-03-25T00:00:00.000Z'),
    domain(DomainEvent.CAMPAIGN_CANCELLED, { campaignId: C4, ownerId: O2, from: 'REGISTRATION', reason: 'owner', cancelledAt: '2026-03-05T00:00:00.000Z', paidRegistrations: [] }, 'system', '2026-03-05T00:00:00.000Z'),
    // revenue (USD unless said): 03-03 SEAT 2500 · 03-05 HERO 1999 · 03-06 SEAT 1500 · 03-10 SEAT 3000 · 03-12 SEAT refund 1000 · 03-04 EUR 900
    revenue('pi_1', 'PAYMENT', 'SEAT', U[1], C3, 2500, '2026-03-03T12:00:00.000Z'),
    revenue('in_1:il_1', 'INVOICE_LINE', 'HERO', U[2], null, 1999, '2026-03-05T00:00:00.000Z'),
    revenue('pi_2', 'PAYMENT', 'SEAT', U[4], C3, 3000, '2026-03-10T00:00:00.000Z'),
    revenue('re_1', 'REFUND', 'SEAT', U[1], C3, -1000, '2026-03-12T00:00:00.000Z'),
    revenue('pi_3', 'PAYMENT', 'SEAT', U[6], C5, 1500, '2026-03-06T08:00:00.000Z'),
    revenue('pi_eur', 'PAYMENT', 'SEAT', U[3], C5, 900, '2026-03-04T00:00:00.000Z', 'EUR'),
    // subscriptions: S3 arrives out of order (its March change before its February start)
    subscription('S3', U[6], 'HERO', 'MONTH', 'active', 1999, '2026-03-15T00:00:00.000Z'),
    subscription('S3', U[6], 'ADVENTURER', 'MONTH', 'active', 999, '2026-02-20T00:00:00.000Z'),
    subscription('S6', U[3], 'ADVENTURER', 'MONTH', 'active', 999, '2026-02-10T00:00:00.000Z'),
    subscription('S1', U[2], 'HERO', 'MONTH', 'trialing', 1999, '2026-03-01T00:00:00.000Z'),
    subscription('S1', U[2], 'HERO', 'MONTH', 'active', 1999, '2026-03-05T00:00:00.000Z'),
    subscription('S2', U[4], 'ADVENTURER', 'YEAR', 'active', 833, '2026-03-10T00:00:00.000Z'),
    subscription('S2', U[4], 'ADVENTURER', 'YEAR', 'canceled', 0, '2026-03-20T00:00:00.000Z'),
    subscription('S4', U[5], 'HERO', 'MONTH', 'trialing', 1999, '2026-03-02T00:00:00.000Z'),
    subscription('S4', U[5], 'HERO', 'MONTH', 'canceled', 0, '2026-03-25T00:00:00.000Z'),
    subscription('S5', U[1], 'HERO', 'MONTH', 'trialing', 1999, '2026-03-03T00:00:00.000Z'),
    subscription('S5', U[1], 'HERO', 'MONTH', 'active', 1999, '2026-03-20T00:00:00.000Z'),
  ];
}

const action = (campaignId: string, userId: string, at: string) => game(campaignId, GameEvent.ACTION_SUBMITTED, { userId, actionId: `a-${at}`, text: 'I open the door' }, at, userId);
const session = (campaignId: string, type: string, index: number, at: string) => game(campaignId, type, { index }, at);

/** GAME events, in two batches: the second holds C5's second session, whose action was published before it. */
export function gameEvents(): { first: Published[]; second: Published[] } {
  return {
    first: [
      game(C1, GameEvent.PLAYER_JOINED, { userId: U[1], handle: 'h_01' }, '2026-03-11T00:00:00.000Z', 'service:campaigns'),
      game(C1, GameEvent.PLAYER_JOINED, { userId: U[4], handle: 'h_04' }, '2026-03-11T00:00:00.000Z', 'service:campaigns'),
      game(C1, GameEvent.CAMPAIGN_COMPLETED, {}, '2026-03-20T20:00:05.000Z'),
      game(C2, GameEvent.PLAYER_JOINED, { userId: U[6], handle: 'h_06' }, '2026-03-05T00:00:00.000Z', 'service:campaigns'),
      game(C2, GameEvent.PLAYER_JOINED, { userId: U[3], handle: 'h_03' }, '2026-03-05T00:00:00.000Z', 'service:campaigns'),
      game(C2, GameEvent.PLAYER_LEFT, { userId: U[6], reason: 'left' }, '2026-03-08T00:00:00.000Z', 'service:campaigns'),
      session(C3, GameEvent.SESSION_STARTED, 0, '2026-03-12T18:00:00.000Z'),
      action(C3, P1, '2026-03-12T18:10:00.000Z'),
      action(C3, P1, '2026-03-12T18:20:00.000Z'),
      action(C3, P1, '2026-03-12T18:30:00.000Z'),
      action(C3, P2, '2026-03-12T19:00:00.000Z'),
      action(C3, P1, '2026-03-12T20:30:00.000Z'),
      session(C3, GameEvent.SESSION_ENDED, 0, '2026-03-12T20:00:00.000Z'),
      session(C3, GameEvent.SESSION_STARTED, 1, '2026-03-19T18:00:00.000Z'),
      action(C3, P2, '2026-03-19T18:05:00.000Z'),
      action(C3, P2, '2026-03-19T18:15:00.000Z'),
      session(C3, GameEvent.SESSION_ENDED, 1, '2026-03-19T21:00:00.000Z'),
      session(C3, GameEvent.SESSION_STARTED, 2, '2026-03-20T18:00:00.000Z'),
      action(C3, P1, '2026-03-20T18:30:00.000Z'),
      session(C3, GameEvent.SESSION_ENDED, 2, '2026-03-20T19:00:00.000Z'),
      session(C5, GameEvent.SESSION_STARTED, 0, '2026-03-06T10:00:00.000Z'),
      action(C5, P3, '2026-03-06T10:10:00.000Z'),
      action(C5, P3, '2026-03-06T10:20:00.000Z'),
      action(C5, P2, '2026-03-06T10:30:00.000Z'),
      session(C5, GameEvent.SESSION_ENDED, 0, '2026-03-06T11:00:00.000Z'),
      action(C5, P2, '2026-03-07T10:45:00.000Z'),
      game(C5, GameEvent.NARRATION_RECORDED, { turn: 1, text: 'The door creaks open.', model: 'google/gemini-flash', costMicros: 1111 }, '2026-03-06T10:40:00.000Z'),
    ],
    second: [session(C5, GameEvent.SESSION_STARTED, 1, '2026-03-07T10:00:00.000Z'), session(C5, GameEvent.SESSION_ENDED, 1, '2026-03-07T12:00:00.000Z')],
  };
}

type Call = Pick<LlmUsageData, 'callId' | 'startedAt' | 'provider' | 'model' | 'tier' | 'purpose' | 'userId' | 'campaignId' | 'costMicros' | 'status'> & Partial<LlmUsageData>;
const call = (c: Call): Published => {
  const data: LlmUsageData = {
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    images: 0,
    priceVersion: '2026-01',
    durationMs: 900,
    ...c,
  };
  return { subject: usageSubject(c.provider), envelope: envelope(LLM_USAGE_EVENT, data, 'service:llm-router', c.startedAt) };
};

/*
 * LLM usage, micro-dollars:
 *   call-1 03-01 openai/gpt-4o PREMIUM narration P1 C3 12,345 · call-2 03-01 same model P2 C3 20,000
 *   call-3 03-15 anthropic/claude-sonnet PREMIUM npc P1 C3 33,333 · call-4 03-31 23:59:59 google/gemini-flash STANDARD P3 C5 1,111
 *   call-5 04-01 google/gemini-flash P3 C5 2,222 · call-6 04-10 openai/gpt-4o-mini STANDARD moderation U1 (no campaign) 500
 *   call-7 04-10 xai/grok-3 STANDARD P2 C5 0 (error) · call-8 02-28 ollama/llama3 ECONOMY generation P1 C3 7
 *   March: 66,789 over 4 calls · March+April: 69,511 over 7 calls, 1 error
 */
export function usageEvents(): Published[] {
  return [
    call({ callId: 'call-1', startedAt: '2026-03-01T10:00:00.000Z', provider: 'openai', model: 'openai/gpt-4o', tier: 'PREMIUM', purpose: 'narration', userId: P1, campaignId: C3, costMicros: 12_345, status: 'ok', inputTokens: 1000, cachedInputTokens: 200, outputTokens: 300 }),
    call({ callId: 'call-2', startedAt: '2026-03-01T11:00:00.000Z', provider: 'openai', model: 'openai/gpt-4o', tier: 'PREMIUM', purpose: 'narration', userId: P2, campaignId: C3, costMicros: 20_000, status: 'ok', inputTokens: 1500, outputTokens: 500 }),
    call({ callId: 'call-3', startedAt: '2026-03-15T09:00:00.000Z', provider: 'anthropic', model: 'anthropic/claude-sonnet', tier: 'PREMIUM', purpose: 'npc', userId: P1, campaignId: C3, costMicros: 33_333, status: 'ok', inputTokens: 2000, cachedInputTokens: 1000, cacheWriteTokens: 500, outputTokens: 700, reasoningTokens: 100 }),
    call({ callId: 'call-4', startedAt: '2026-03-31T23:59:59.000Z', provider: 'google', model: 'google/gemini-flash', tier: 'STANDARD', purpose: 'narration', userId: P3, campaignId: C5, costMicros: 1_111, status: 'ok', inputTokens: 800, outputTokens: 200 }),
    call({ callId: 'call-5', startedAt: '2026-04-01T00:00:00.000Z', provider: 'google', model: 'google/gemini-flash', tier: 'STANDARD', purpose: 'narration', userId: P3, campaignId: C5, costMicros: 2_222, status: 'ok', inputTokens: 900, outputTokens: 250, reasoningTokens: 50 }),
    call({ callId: 'call-6', startedAt: '2026-04-10T12:00:00.000Z', provider: 'openai', model: 'openai/gpt-4o-mini', tier: 'STANDARD', purpose: 'moderation', userId: U[1], campaignId: null, costMicros: 500, status: 'ok', inputTokens: 300, outputTokens: 10 }),
    call({ callId: 'call-7', startedAt: '2026-04-10T13:00:00.000Z', provider: 'xai', model: 'xai/grok-3', tier: 'STANDARD', purpose: 'narration', userId: P2, campaignId: C5, costMicros: 0, status: 'error', inputTokens: 100 }),
    call({ callId: 'call-8', startedAt: '2026-02-28T23:00:00.000Z', provider: 'ollama', model: 'ollama/llama3', tier: 'ECONOMY', purpose: 'generation', userId: P1, campaignId: C3, costMicros: 7, status: 'ok', inputTokens: 50, outputTokens: 60 }),
  ];
}
