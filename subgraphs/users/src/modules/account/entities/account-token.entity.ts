import { defineEntity, p } from '@mikro-orm/core';

/** What an account token is for; each purpose has its own lifetime. */
export const AccountTokenPurpose = {
  VERIFY_EMAIL: 'verify_email',
  RESET_PASSWORD: 'reset_password',
} as const;
export type AccountTokenPurpose = (typeof AccountTokenPurpose)[keyof typeof AccountTokenPurpose];

/**
 * A single-use, expiring token sent by mail (email verification, password reset). Only its SHA-256 is stored;
 * `email` is the address it was sent to, so a token stops working when the account's email changes.
 */
export const AccountTokenSchema = defineEntity({
  name: 'AccountToken',
  tableName: 'account_token',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    purpose: p.string().length(32),
    tokenHash: p.string().length(64).unique(),
    email: p.string().length(254),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
});

export class AccountToken extends AccountTokenSchema.class {}
AccountTokenSchema.setClass(AccountToken);
