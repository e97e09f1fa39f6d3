import { defineEntity, p } from '@mikro-orm/core';
import { CAMPAIGN_DIFFICULTIES, CAMPAIGN_MODES, CAMPAIGN_STATUSES, LLM_TIERS, type CampaignStatus } from '@startales/contracts';
import type { ScheduledSession } from '@startales/game';

export { CAMPAIGN_STATUSES, type CampaignStatus };

export const VISIBILITIES = ['PUBLIC', 'INVITE_ONLY'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const PROSE_STATUSES = ['PENDING', 'WRITTEN'] as const;
export type ProseStatus = (typeof PROSE_STATUSES)[number];

/**
 * A campaign: its config and seed (the skeleton is generated from them and stored), its schedule (sessions as
 * ISO instants), its lifecycle status, the seat counter kept in step with registrations, and the AI-written
 * prose (written after creation, retried until llm-router answers, then never rewritten).
 */
export const CampaignSchema = defineEntity({
  name: 'Campaign',
  tableName: 'campaign',
  properties: {
    id: p.uuid().primary(),
    ownerId: p.uuid().index(),
    title: p.string().length(120),
    seed: p.string().length(64),
    mode: p.enum([...CAMPAIGN_MODES]),
    difficulty: p.enum([...CAMPAIGN_DIFFICULTIES]).default('NORMAL'),
    lengthWeeks: p.integer(),
    playHoursPerWeek: p.integer(),
    sessionMinutes: p.integer().default(180),
    maxPlayers: p.integer(),
    llmTier: p.enum([...LLM_TIERS]),
    language: p.string().length(35).default('en'),
    visibility: p.enum([...VISIBILITIES]).default('PUBLIC'),
    /** Weekly: ISO weekday name; null for one-shots. */
    scheduleWeekday: p.string().length(9).nullable(),
    /** Weekly: local `HH:MM`; null for one-shots. */
    scheduleTime: p.string().length(5).nullable(),
    timezone: p.string().length(64).default('UTC'),
    /** The first session's start. */
    startsAt: p.datetime().index(),
    /** The last session's end. */
    endsAt: p.datetime().nullable(),
    sessions: p.json<ScheduledSession[]>().default('[]'),
    /** The skeleton exactly as generated (`JSON.stringify`): stored as text, so its bytes never change. */
    skeletonJson: p.text().nullable(),
    status: p.enum([...CAMPAIGN_STATUSES]).default('DRAFT'),
    seatsTaken: p.integer().default(0),
    seatsLeft: p.integer().default(0),
    /** Last waitlist position handed out (positions only grow: the waitlist order is deterministic). */
    waitlistCounter: p.integer().default(0),
    /** Index of the last session gamehost reported started (null before the first). */
    currentSession: p.integer().nullable(),
    proseStatus: p.enum([...PROSE_STATUSES]).default('PENDING'),
    prose: p.text().nullable(),
    proseModel: p.string().length(120).nullable(),
    proseCostMicros: p.bigint('number').nullable(),
    proseWrittenAt: p.datetime().nullable(),
    proseAttempts: p.integer().default(0),
    proseNextAttemptAt: p.datetime().nullable().index(),
    proseLastError: p.string().length(500).nullable(),
    cancelReason: p.string().length(500).nullable(),
    statusChangedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Campaign extends CampaignSchema.class {}
CampaignSchema.setClass(Campaign);
