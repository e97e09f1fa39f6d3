import type { EntityManager } from '@startales/kit';
import { MailMessage } from '../entities/mail-message.entity.ts';

/** Queues a message in the caller's transaction; the mail sender delivers it after commit. */
export function enqueueMail(em: EntityManager, mail: { userId: string | null; kind: string; to: string; subject: string; text: string }): MailMessage {
  const now = new Date();
  return em.create(MailMessage, {
    id: Bun.randomUUIDv7(),
    userId: mail.userId,
    kind: mail.kind,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    createdAt: now,
    nextAttemptAt: now,
    claimedUntil: null,
    attempts: 0,
    sentAt: null,
    failedAt: null,
    lastError: null,
  });
}
