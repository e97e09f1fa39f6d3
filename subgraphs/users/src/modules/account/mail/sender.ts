import type { Logger, Orm } from '@startales/kit';
import { MailMessage } from '../entities/mail-message.entity.ts';
import type { MailTransport } from './transport.ts';

/** Drains the mail outbox. `kick` after a commit that queued mail; `stop` on shutdown. */
export interface MailSender {
  kick(): void;
  /** Sends whatever is due now; resolves to the number sent. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

export interface MailSenderOptions {
  orm: Orm;
  transport: MailTransport;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
  /** Give up on a message after this many failed tries (backing off 30 s · 2ⁿ between them). */
  maxAttempts?: number;
  /** How long a replica owns a claimed message before another may retry it. */
  claimMs?: number;
}

/**
 * Polls the outbox and sends due messages. Each message is claimed with a conditional UPDATE first, so replicas
 * never send the same message twice at once; a sent (or abandoned) message loses its body, which may hold a token.
 */
export function startMailSender(options: MailSenderOptions): MailSender {
  const { orm, transport, logger } = options;
  const batch = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? 8;
  const claimMs = options.claimMs ?? 60_000;
  let running: Promise<number> | undefined;
  let stopped = false;

  const sendOne = async (id: string): Promise<boolean> => {
    const em = orm.em.fork();
    const now = new Date();
    const free = { $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] };
    const claimed = await em.nativeUpdate(MailMessage, { id, sentAt: null, failedAt: null, ...free }, { claimedUntil: new Date(now.getTime() + claimMs) });
    if (claimed !== 1) return false;
    const mail = await em.findOneOrFail(MailMessage, { id });
    const attempts = mail.attempts + 1;
    try {
      await transport.send({ to: mail.to, subject: mail.subject, text: mail.text ?? '' });
      await em.nativeUpdate(MailMessage, { id }, { sentAt: new Date(), attempts, text: null, claimedUntil: null, lastError: null });
      return true;
    } catch (error) {
      const lastError = String((error as Error)?.message ?? error).slice(0, 500);
      const giveUp = attempts >= maxAttempts;
      logger.warn(giveUp ? 'mail abandoned' : 'mail send failed; will retry', { id, kind: mail.kind, attempts, error: lastError });
      await em.nativeUpdate(
        MailMessage,
        { id },
        giveUp
          ? { attempts, failedAt: new Date(), text: null, claimedUntil: null, lastError }
          : { attempts, nextAttemptAt: new Date(Date.now() + 30_000 * 2 ** (attempts - 1)), claimedUntil: null, lastError },
      );
      return false;
    }
  };

  const drain = async (): Promise<number> => {
    let sent = 0;
    for (;;) {
      const now = new Date();
      const due = await orm.em
        .fork()
        .find(
          MailMessage,
          { sentAt: null, failedAt: null, nextAttemptAt: { $lte: now }, $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] },
          { orderBy: { createdAt: 'asc', id: 'asc' }, limit: batch, fields: ['id'] },
        );
      if (due.length === 0) return sent;
      let progressed = 0;
      for (const { id } of due) {
        if (stopped) return sent;
        if (await sendOne(id)) {
          sent++;
          progressed++;
        }
      }
      if (progressed === 0) return sent; // everything left failed or is another replica's: wait for the next tick
    }
  };

  const flush = () => {
    running ??= drain().finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = () => {
    if (!stopped) void flush().catch((error) => logger.warn('mail sender error', { error }));
  };
  const timer = setInterval(tick, options.intervalMs ?? 1000);

  return {
    kick: tick,
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
      transport.close();
    },
  };
}
