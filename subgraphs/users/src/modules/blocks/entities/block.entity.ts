import { defineEntity, p } from '@mikro-orm/core';

/** `blockerId` blocks `blockedId` (one-way). */
export const BlockSchema = defineEntity({
  name: 'Block',
  tableName: 'user_block',
  properties: {
    id: p.uuid().primary(),
    blockerId: p.uuid(),
    blockedId: p.uuid().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['blockerId', 'blockedId'] }],
});

export class Block extends BlockSchema.class {}
BlockSchema.setClass(Block);
