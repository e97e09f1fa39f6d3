import { defineEntity, p } from '@mikro-orm/core';

/**
 * Projections of the users service's events (`domain.users.*`), kept so campaigns can decide alone. Each row
 * records the DOMAIN stream sequence of the event that last changed it; an older event never overwrites a newer
 * one, whatever order redeliveries come in.
 */
export const PartyViewSchema = defineEntity({
  name: 'PartyView',
  tableName: 'party_view',
  properties: {
    partyId: p.uuid().primary(),
    leaderId: p.uuid().nullable(),
    /** Stream sequence of the event that last set the leader. */
    leaderSeq: p.bigint('number').default(0),
    memberIds: p.json<string[]>(),
    /** Stream sequence of the event that last set the members. */
    membersSeq: p.bigint('number').default(0),
    disbanded: p.boolean().default(false),
    updatedAt: p.datetime(),
  },
});
export class PartyView extends PartyViewSchema.class {}
PartyViewSchema.setClass(PartyView);

/** `blockerId` blocks `blockedId` while `active`. */
export const BlockViewSchema = defineEntity({
  name: 'BlockView',
  tableName: 'block_view',
  properties: {
    blockerId: p.uuid().primary(),
    blockedId: p.uuid().primary().index(),
    active: p.boolean(),
    seq: p.bigint('number'),
    updatedAt: p.datetime(),
  },
});
export class BlockView extends BlockViewSchema.class {}
BlockViewSchema.setClass(BlockView);

/** Handles, for the roster events gamehost shows players (from `users.registered` / `users.handle_changed` and callers' tokens). */
export const PlayerViewSchema = defineEntity({
  name: 'PlayerView',
  tableName: 'player_view',
  properties: {
    userId: p.uuid().primary(),
    handle: p.string().length(40),
    seq: p.bigint('number').default(0),
  },
});
export class PlayerView extends PlayerViewSchema.class {}
PlayerViewSchema.setClass(PlayerView);
