/**
 * Shared set-up for the account-security tests (modules account and mfa): the users app in process on a real
 * database and NATS namespace, mail sent over SMTP to a local fake server, a clock the test moves (throttling, MFA),
 * and accounts with a real argon2id password written straight to the database.
 */
import { createHmac } from 'node:crypto';
import { createInProcessDeps, signAccessToken, type InProcessSubgraph } from '@startales/testing';
import { Stream, type EventEnvelope } from '@startales/contracts';
import { createLogger } from '@startales/kit';
import { createApp } from '../../src/app.ts';
import { entities, User } from '../../src/entities/index.ts';
import { migrations } from '../../migrations/index.ts';
import { createSigningKeys } from '../../src/modules/auth/keys.ts';
import { createMailTransport, startMailSender } from '../../src/modules/account/index.ts';
import type { MailSender } from '../../src/modules/account/mail/sender.ts';
import type { UsersDeps } from '../../src/modules/types.ts';
import { startFakeSmtp, type FakeSmtp, type ReceivedMail } from '../fakes/smtp-server.ts';

export const WEB_APP_URL = 'http://web.test:5173';
export const PASSWORD = 'correct horse battery';
const PASSWORD_HASH = await Bun.password.hash(PASSWORD, { algorithm: 'argon2id' });

export interface GqlResult {
  data?: any;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

export interface TestAccount {
  id: string;
  email: string;
  handle: string;
  /** An access token signed with the service's key, with the account's roles. */
  token: string;
}

export interface Harness {
  env: InProcessSubgraph;
  app: ReturnType<typeof createApp>;
  smtp: FakeSmtp;
  mail: MailSender;
  /** The clock of throttling and MFA (ms since epoch); `advance` moves it. */
  clock: { now: number; advance(ms: number): void };
  post(query: string, variables?: Record<string, unknown>, options?: { token?: string; ip?: string }): Promise<GqlResult>;
  account(options?: { roles?: string[] }): Promise<TestAccount>;
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  events<T = any>(type: string): Promise<Array<EventEnvelope<T>>>;
  /** The first mail to `to` matching `subject`, as the SMTP server received it. */
  mailTo(to: string, subject: RegExp): Promise<ReceivedMail>;
  cleanup(): Promise<void>;
}

let n = 0;
export const unique = (prefix = 'a') => `${prefix}${Date.now().toString(36)}${(n++).toString(36)}`;

/** The token in a mail's link to `path` (e.g. /verify-email). */
export function linkToken(mail: ReceivedMail, path: string): string {
  const url = mail.text.match(/https?:\/\/\S+/g)?.map((u) => new URL(u)).find((u) => u.pathname === path);
  if (!url) throw new Error(`no ${path} link in:\n${mail.text}`);
  return url.searchParams.get('token')!;
}

export async function createHarness(extra: Partial<UsersDeps> = {}): Promise<Harness> {
  const env = await createInProcessDeps({ schema: 'users', entities, migrations });
  const keys = await createSigningKeys({ privateKeyPem: env.keys.privateKeyPem, issuer: 'startales-users', audience: 'startales', ttlSeconds: 900 });
  const smtp = startFakeSmtp();
  const logger = createLogger({ service: 'users-test', level: 'silent' });
  const mail = startMailSender({
    orm: env.deps.orm,
    logger,
    intervalMs: 100,
    transport: createMailTransport({ smtpUrl: smtp.url, from: 'Startales <no-reply@startales.test>', logger }),
  });
  const clock = {
    now: Date.now(),
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const app = createApp({ ...env.deps, keys, refreshTtlSeconds: 3600, webAppUrl: WEB_APP_URL, mail, clock: () => clock.now, ...extra });
  const sql = <T>(query: string, params: unknown[] = []) => env.deps.orm.em.fork().getConnection().execute(query, params as never[]) as Promise<T[]>;
  return {
    env,
    app,
    smtp,
    mail,
    clock,
    sql,
    post: (query, variables = {}, options = {}) =>
      app.app
        .handle(
          new Request('http://users.test/graphql', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
              // what the gateway sets from the connection
              'x-startales-client-ip': options.ip ?? '198.51.100.7',
            },
            body: JSON.stringify({ query, variables }),
          }),
        )
        .then(async (r) => {
          if (r.status >= 500) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
          return r.json() as Promise<GqlResult>;
        }),
    async account(options = {}) {
      const id = Bun.randomUUIDv7();
      const handle = unique('u_');
      const email = `${handle}@example.com`;
      const roles = options.roles ?? ['player'];
      const em = env.deps.orm.em.fork();
      em.create(User, { id, email, handle, handleKey: handle.toLowerCase(), passwordHash: PASSWORD_HASH, roles, createdAt: new Date() });
      await em.flush();
      return { id, email, handle, token: await signAccessToken(env.keys, { userId: id, handle, roles }) };
    },
    async events(type) {
      const bus = env.deps.bus;
      const name = bus.streamName(Stream.DOMAIN);
      const subj = bus.subject(`domain.${type}`);
      const info = await bus.jsm.streams.info(name);
      const out: EventEnvelope[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
        const msg = await bus.jsm.streams.getMessage(name, { seq }).catch(() => null);
        if (msg?.subject === subj) out.push(msg.json<EventEnvelope>());
      }
      return out as never;
    },
    mailTo: (to, subject) => smtp.waitFor((m) => m.to.includes(to) && subject.test(m.subject)),
    async cleanup() {
      await mail.stop();
      smtp.stop();
      await env.cleanup();
    },
  };
}

/** RFC 6238 TOTP (HMAC-SHA1), written independently of the service's library so each checks the other. */
export function totp(secretBase32: string, timeMs: number, digits = 6, stepSeconds = 30): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 1000 / stepSeconds)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return value.toString().padStart(digits, '0');
}

/** The roles claim of an access token (no verification: the service's own token). */
export const tokenRoles = (token: string): string[] => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).roles;

/** The first error's `extensions.code` and `extensions.field`. */
export const code = (res: GqlResult) => res.errors?.[0]?.extensions?.code as string | undefined;
export const field = (res: GqlResult) => res.errors?.[0]?.extensions?.field as string | undefined;

/** Polls until `check` returns something truthy (mail and events go out after commit). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await Bun.sleep(50);
  }
}
