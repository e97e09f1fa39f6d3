/**
 * A local SMTP server (RFC 5321) speaking enough for nodemailer: EHLO/HELO, AUTH PLAIN, MAIL FROM, RCPT TO, DATA
 * (dot-stuffed), RSET, NOOP, QUIT. No TLS is offered, so clients send in clear over loopback. It decodes the parts of
 * RFC 5322 / MIME a plain-text message uses (headers, quoted-printable, base64) so tests can read subjects and links.
 */
import type { Socket } from 'bun';

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  /** The decoded text body. */
  text: string;
  raw: string;
  /** AUTH PLAIN user, when the client authenticated. */
  user?: string;
}

export interface FakeSmtp {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Answer the next `n` messages with a temporary failure (451) at the end of DATA. */
  failNext(n: number): void;
  /** Resolves with the first mail (already received or arriving within `timeoutMs`) that matches. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): void;
}

interface Session {
  buffer: string;
  inData: boolean;
  data: string[];
  from: string;
  to: string[];
  user?: string;
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function parseMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : Buffer.from(body, 'latin1').toString('utf8');
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=\s*/gi, (_, _charset: string, kind: string, text: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

export function startFakeSmtp(): FakeSmtp {
  const mails: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  let failures = 0;

  const reply = (socket: Socket<Session>, line: string) => socket.write(`${line}\r\n`);
  const address = (arg: string) => /<([^>]*)>/.exec(arg)?.[1] ?? arg.trim();

  function command(socket: Socket<Session>, line: string) {
    const s = socket.data;
    const [verb = '', ...rest] = line.split(' ');
    const arg = rest.join(' ');
    switch (verb.toUpperCase()) {
      case 'EHLO':
        return reply(socket, '250-fake-smtp greets you\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-AUTH PLAIN\r\n250 SIZE 10485760');
      case 'HELO':
        return reply(socket, '250 fake-smtp');
      case 'AUTH': {
        const [mechanism, initial] = arg.split(' ');
        if (mechanism?.toUpperCase() !== 'PLAIN' || !initial) return reply(socket, '504 5.5.4 only AUTH PLAIN with an initial response');
        s.user = Buffer.from(initial, 'base64').toString('utf8').split('\0')[1];
        return reply(socket, '235 2.7.0 authenticated');
      }
      case 'MAIL':
        s.from = address(arg.replace(/^FROM:/i, ''));
        s.to = [];
        return reply(socket, '250 2.1.0 ok');
      case 'RCPT':
        if (!s.from) return reply(socket, '503 5.5.1 MAIL first');
        s.to.push(address(arg.replace(/^TO:/i, '')));
        return reply(socket, '250 2.1.5 ok');
      case 'DATA':
        if (s.to.length === 0) return reply(socket, '503 5.5.1 RCPT first');
        s.inData = true;
        s.data = [];
        return reply(socket, '354 end data with <CR><LF>.<CR><LF>');
      case 'RSET':
        s.from = '';
        s.to = [];
        return reply(socket, '250 2.0.0 ok');
      case 'NOOP':
        return reply(socket, '250 2.0.0 ok');
      case 'QUIT':
        reply(socket, '221 2.0.0 bye');
        return socket.end();
      default:
        return reply(socket, '502 5.5.2 command not recognised');
    }
  }

  function endOfData(socket: Socket<Session>) {
    const s = socket.data;
    s.inData = false;
    if (failures > 0) {
      failures--;
      return reply(socket, '451 4.3.0 temporary failure, try again later');
    }
    const raw = s.data.map((l) => (l.startsWith('..') ? l.slice(1) : l)).join('\r\n');
    const { headers, text } = parseMessage(raw);
    mails.push({ from: s.from, to: [...s.to], headers, subject: decodeWords(headers.subject ?? ''), text, raw, user: s.user });
    s.from = '';
    s.to = [];
    for (const wake of waiters.splice(0)) wake();
    reply(socket, `250 2.0.0 queued as ${mails.length}`);
  }

  const server = Bun.listen<Session>({
    hostname: '127.0.0.1',
    port: 0,
    socket: {
      open(socket) {
        socket.data = { buffer: '', inData: false, data: [], from: '', to: [] };
        reply(socket, '220 fake-smtp ESMTP ready');
      },
      data(socket, chunk) {
        const s = socket.data;
        s.buffer += chunk.toString('latin1');
        let i: number;
        while ((i = s.buffer.indexOf('\r\n')) >= 0) {
          const line = s.buffer.slice(0, i);
          s.buffer = s.buffer.slice(i + 2);
          if (s.inData) {
            if (line === '.') endOfData(socket);
            else s.data.push(line);
          } else {
            command(socket, line);
          }
        }
      },
    },
  });

  return {
    url: `smtp://127.0.0.1:${server.port}`,
    port: server.port,
    mails,
    failNext(n) {
      failures = n;
    },
    async waitFor(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find(match);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching mail within ${timeoutMs} ms (received ${mails.length})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    stop() {
      server.stop(true);
    },
  };
}
