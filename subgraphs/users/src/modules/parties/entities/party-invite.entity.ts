import { defineEntity, p } from '@mikro-orm/core';

/** A pending invitation to a party; deleted when accepted, declined, cancelled, or the party disbands. */
export const PartyInviteSchema = defineEntity({
  name: 'PartyInvite',
  tableName: 'party_invite',
  properties: {
    id: p.uuid().primary(),
    partyId: p.uuid(),
    inviterId: p.uuid().index(),
    inviteeId: p.uuid().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['partyId', 'inviteeId'] }],
});

export class PartyInvite extends PartyInviteSchema.class {}
PartyInviteSchema.setClass(PartyInvite);
