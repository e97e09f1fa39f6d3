import { defineEntity, p } from '@mikro-orm/core';

/** A player account. `handleKey` (lower-cased handle) makes handles unique regardless of case. */
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'user_account',
  properties: {
    id: p.uuid().primary(),
    email: p.string().length(254).unique(),
    handle: p.string().length(32),
    handleKey: p.string().length(32).unique(),
    passwordHash: p.string().length(255),
    roles: p.array(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
