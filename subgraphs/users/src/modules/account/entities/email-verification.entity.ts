import { defineEntity, p } from '@mikro-orm/core';

/** The address an account proved it owns, and when. Verified only while it equals the account's email. */
export const EmailVerificationSchema = defineEntity({
  name: 'EmailVerification',
  tableName: 'email_verification',
  properties: {
    userId: p.uuid().primary(),
    email: p.string().length(254),
    verifiedAt: p.datetime(),
  },
});

export class EmailVerification extends EmailVerificationSchema.class {}
EmailVerificationSchema.setClass(EmailVerification);
