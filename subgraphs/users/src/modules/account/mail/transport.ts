import { createTransport } from 'nodemailer';
import type { Logger } from '@startales/kit';

/** One message as handed to a transport. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Delivers mail: SMTP in production, the log in development. */
export interface MailTransport {
  readonly kind: 'smtp' | 'log';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer when `smtpUrl` is set (`smtp://user:pass@host:587`, STARTTLS when offered;
 * `smtps://…:465` for implicit TLS); otherwise a development transport that writes the message and its links to
 * the log instead of sending it.
 */
export function createMailTransport(options: { smtpUrl?: string; from: string; logger: Logger }): MailTransport {
  const { smtpUrl, from, logger } = options;
  if (!smtpUrl) {
    return {
      kind: 'log',
      async send(mail) {
        const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
        logger.info('mail (development: SMTP_URL not set, not sent)', { to: mail.to, subject: mail.subject, links, text: mail.text });
      },
      close() {},
    };
  }
  const transporter = createTransport(smtpUrl);
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transporter.close();
    },
  };
}
