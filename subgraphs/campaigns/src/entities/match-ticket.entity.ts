import { defineEntity, p } from '@mikro-orm/core';
import { LLM_TIERS } from '@startales/contracts';

export const TICKET_STATUSES = ['WAITING', 'MATCHED', 'CANCELLED'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * A solo player or a whole party in the matchmaking pool, with the preferences open campaigns are matched on.
 * `memberIds` is the party's membership when the ticket was made (the leader for a party ticket).
 */
export const MatchTicketSchema = defineEntity({
  name: 'MatchTicket',
  tableName: 'match_ticket',
  indexes: [{ properties: ['status', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    partyId: p.uuid().nullable(),
    memberIds: p.json<string[]>(),
    timezone: p.string().length(64),
    language: p.string().length(35),
    llmTier: p.enum([...LLM_TIERS]).nullable(),
    status: p.enum([...TICKET_STATUSES]).default('WAITING'),
    campaignId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    matchedAt: p.datetime().nullable(),
  },
});

export class MatchTicket extends MatchTicketSchema.class {}
MatchTicketSchema.setClass(MatchTicket);
