import { defineEntity, p } from '@mikro-orm/core';

/**
 * A pending friend request. Rows exist only while pending (accept, decline, cancel and block delete them).
 * `pairKey` (the two ids, sorted) is unique: between two users there is at most one pending request, in
 * either direction, so requests crossing each other cannot both exist.
 */
export const FriendRequestSchema = defineEntity({
  name: 'FriendRequest',
  tableName: 'friend_request',
  properties: {
    id: p.uuid().primary(),
    fromId: p.uuid().index(),
    toId: p.uuid().index(),
    pairKey: p.string().length(73).unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class FriendRequest extends FriendRequestSchema.class {}
FriendRequestSchema.setClass(FriendRequest);
