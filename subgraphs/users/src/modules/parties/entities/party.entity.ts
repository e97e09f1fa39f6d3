import { defineEntity, p } from '@mikro-orm/core';

/** A party: a group of players (2–`maxSize`) who can register for a campaign together. */
export const PartySchema = defineEntity({
  name: 'Party',
  tableName: 'party',
  properties: {
    id: p.uuid().primary(),
    leaderId: p.uuid().index(),
    maxSize: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Party extends PartySchema.class {}
PartySchema.setClass(Party);
