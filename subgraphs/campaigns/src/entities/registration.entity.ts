import { defineEntity, p } from '@mikro-orm/core';

/**
 * WAITLISTED → HELD (seat held until paid) → PAID; HELD/WAITLISTED → LEFT or RELEASED; PAID → REFUNDED or CANCELLED;
 * any of WAITLISTED/HELD/PAID → KICKED (moderation removed the player from the campaign).
 */
export const REGISTRATION_STATUSES = ['WAITLISTED', 'HELD', 'PAID', 'LEFT', 'RELEASED', 'REFUNDED', 'CANCELLED', 'KICKED'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
/** Statuses that occupy a seat. */
export const SEATED: readonly RegistrationStatus[] = ['HELD', 'PAID'];
/** Statuses of a player who is in the campaign or in its line. */
export const ACTIVE: readonly RegistrationStatus[] = ['WAITLISTED', 'HELD', 'PAID'];

export const REGISTRATION_SOURCES = ['JOIN', 'INVITATION', 'PARTY', 'MATCHMAKING'] as const;
export type RegistrationSource = (typeof REGISTRATION_SOURCES)[number];

/**
 * One player's place in one campaign. Members of a party registered together share `groupId` and one
 * `waitlistPosition`, so they are held, waitlisted and promoted together.
 */
export const RegistrationSchema = defineEntity({
  name: 'Registration',
  tableName: 'registration',
  uniques: [{ properties: ['campaignId', 'userId'] }],
  indexes: [{ properties: ['campaignId', 'status', 'waitlistPosition'] }],
  properties: {
    id: p.uuid().primary(),
    campaignId: p.uuid(),
    userId: p.uuid().index(),
    status: p.enum([...REGISTRATION_STATUSES]),
    source: p.enum([...REGISTRATION_SOURCES]),
    groupId: p.uuid(),
    partyId: p.uuid().nullable(),
    waitlistPosition: p.integer().nullable(),
    heldAt: p.datetime().nullable(),
    holdExpiresAt: p.datetime().nullable().index(),
    paidAt: p.datetime().nullable(),
    paymentId: p.string().length(120).nullable(),
    endedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Registration extends RegistrationSchema.class {}
RegistrationSchema.setClass(Registration);
