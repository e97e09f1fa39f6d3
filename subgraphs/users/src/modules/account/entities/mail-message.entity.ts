import { defineEntity, p } from '@mikro-orm/core';

/**
 * The mail outbox: a message is written in the same transaction as the change that caused it and sent afterwards
 * by the mail sender (any replica; a claim keeps two from sending the same row). The body may hold a link with a
 * token, so it is erased once the message is sent or abandoned.
 */
export const MailMessageSchema = defineEntity({
  name: 'MailMessage',
  tableName: 'mail_message',
  properties: {
    id: p.uuid().primary(),
    /** The account it concerns (null for none); GDPR erasure deletes by it. */
    userId: p.uuid().nullable().index(),
    kind: p.string().length(64),
    to: p.string().length(254),
    subject: p.string().length(255),
    text: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    nextAttemptAt: p.datetime().index(),
    claimedUntil: p.datetime().nullable(),
    attempts: p.integer().default(0),
    sentAt: p.datetime().nullable().index(),
    failedAt: p.datetime().nullable(),
    lastError: p.string().length(500).nullable(),
  },
});

export class MailMessage extends MailMessageSchema.class {}
MailMessageSchema.setClass(MailMessage);
