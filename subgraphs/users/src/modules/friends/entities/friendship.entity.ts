import { defineEntity, p } from '@mikro-orm/core';

/**
 * One direction of a friendship: a friendship between A and B is two rows (A→B and B→A), written and deleted
 * together, so "A's friends" is one indexed range and pages by id (UUIDv7, so newest first is id order).
 */
export const FriendshipSchema = defineEntity({
  name: 'Friendship',
  tableName: 'friendship',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    friendId: p.uuid().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['userId', 'friendId'] }],
});

export class Friendship extends FriendshipSchema.class {}
FriendshipSchema.setClass(Friendship);
