import { defineEntity, p } from '@mikro-orm/core';

/** A member of a party. `userId` is unique: a user is in at most one party at a time. */
export const PartyMemberSchema = defineEntity({
  name: 'PartyMember',
  tableName: 'party_member',
  properties: {
    id: p.uuid().primary(),
    partyId: p.uuid().index(),
    userId: p.uuid().unique(),
    joinedAt: p.datetime().onCreate(() => new Date()),
  },
});

export class PartyMember extends PartyMemberSchema.class {}
PartyMemberSchema.setClass(PartyMember);
