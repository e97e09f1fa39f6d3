/**
 * Support tickets from the help page's contact form. No service owns tickets yet, so the web server keeps them in
 * SQLite under WEB_DATA_DIR and, when HELPDESK_URL is set, forwards each one to the helpdesk's API (POST JSON,
 * `Authorization: Bearer HELPDESK_TOKEN`), retrying failed deliveries in the background.
 */
import { Database } from 'bun:sqlite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@startales/kit';

export const TOPICS = ['question', 'billing', 'account', 'bug', 'safety'] as const;
export type Topic = (typeof TOPICS)[number];

export interface TicketInput {
  name: string;
  email: string;
  topic: Topic;
  message: string;
}

export interface Ticket extends TicketInput {
  id: string;
  createdAt: string;
  /** pending (not forwarded yet), forwarded, stored (no helpdesk configured), failed (gave up). */
  status: 'pending' | 'forwarded' | 'stored' | 'failed';
  attempts: number;
  helpdeskId: string | null;
  lastError: string | null;
}

export class TicketValidationError extends Error {
  override readonly name = 'TicketValidationError';
  constructor(readonly fields: Record<string, string>) {
    super('Please correct the highlighted fields.');
  }
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
const MAX_ATTEMPTS = 8;

/** Validates the form body; throws TicketValidationError naming each bad field. */
export function parseTicket(body: unknown): TicketInput {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
  const fields: Record<string, string> = {};
  const name = str('name');
  const email = str('email');
  const topic = (str('topic') || 'question') as Topic;
  const message = str('message');
  if (name.length > 120) fields.name = 'Use at most 120 characters.';
  if (!EMAIL.test(email) || email.length > 320) fields.email = 'Enter a valid email address so we can answer you.';
  if (!TOPICS.includes(topic)) fields.topic = 'Choose a topic from the list.';
  if (message.length < 10) fields.message = 'Tell us a little more (at least 10 characters).';
  else if (message.length > 5000) fields.message = 'Use at most 5000 characters.';
  if (Object.keys(fields).length) throw new TicketValidationError(fields);
  return { name, email, topic, message };
}

function ticketId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `ST-${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

export interface SupportDeps {
  dataDir: string;
  helpdeskUrl?: string;
  helpdeskToken?: string;
  logger: Logger;
  fetch?: typeof fetch;
  /** How often failed deliveries are retried (default 60 s). */
  retryMs?: number;
}

export function createSupportDesk(deps: SupportDeps) {
  mkdirSync(deps.dataDir, { recursive: true });
  const db = new Database(join(deps.dataDir, 'support.sqlite'), { create: true, strict: true });
  db.run('PRAGMA journal_mode = WAL');
  db.run(`CREATE TABLE IF NOT EXISTS tickets (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL, topic TEXT NOT NULL,
    message TEXT NOT NULL, user_agent TEXT, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    helpdesk_id TEXT, last_error TEXT)`);
  const doFetch = deps.fetch ?? fetch;
  const row = (r: Record<string, unknown>): Ticket => ({
    id: String(r.id), createdAt: String(r.created_at), name: String(r.name), email: String(r.email), topic: r.topic as Topic, message: String(r.message),
    status: r.status as Ticket['status'], attempts: Number(r.attempts), helpdeskId: (r.helpdesk_id as string | null) ?? null, lastError: (r.last_error as string | null) ?? null,
  });

  async function forward(ticket: Ticket): Promise<Ticket> {
    if (!deps.helpdeskUrl) return ticket;
    try {
      const res = await doFetch(deps.helpdeskUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': ticket.id, ...(deps.helpdeskToken ? { authorization: `Bearer ${deps.helpdeskToken}` } : {}) },
        body: JSON.stringify({ externalId: ticket.id, createdAt: ticket.createdAt, requester: { name: ticket.name || null, email: ticket.email }, subject: `[${ticket.topic}] ${ticket.message.slice(0, 80)}`, topic: ticket.topic, body: ticket.message, source: 'startales-web' }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) throw new Error(`helpdesk answered ${res.status}`);
      const json = (await res.json().catch(() => ({}))) as { id?: unknown };
      const helpdeskId = json.id === undefined ? null : String(json.id);
      db.query('UPDATE tickets SET status = $s, attempts = attempts + 1, helpdesk_id = $h, last_error = NULL WHERE id = $id').run({ s: 'forwarded', h: helpdeskId, id: ticket.id });
      return { ...ticket, status: 'forwarded', attempts: ticket.attempts + 1, helpdeskId };
    } catch (error) {
      const attempts = ticket.attempts + 1;
      const status = attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
      const message = error instanceof Error ? error.message : String(error);
      db.query('UPDATE tickets SET status = $s, attempts = $a, last_error = $e WHERE id = $id').run({ s: status, a: attempts, e: message, id: ticket.id });
      deps.logger.warn('support ticket not forwarded', { ticket: ticket.id, attempts, error: message });
      return { ...ticket, status, attempts, lastError: message };
    }
  }

  const retry = setInterval(() => {
    const pending = db.query("SELECT * FROM tickets WHERE status = 'pending' ORDER BY created_at LIMIT 20").all() as Array<Record<string, unknown>>;
    for (const r of pending) void forward(row(r));
  }, deps.retryMs ?? 60_000);
  retry.unref?.();

  return {
    /** Stores the ticket, then forwards it (the answer does not wait for a slow helpdesk beyond its 5 s timeout). */
    async create(input: TicketInput, meta: { userAgent?: string | null } = {}): Promise<Ticket> {
      const ticket: Ticket = { ...input, id: ticketId(), createdAt: new Date().toISOString(), status: deps.helpdeskUrl ? 'pending' : 'stored', attempts: 0, helpdeskId: null, lastError: null };
      db.query('INSERT INTO tickets (id, created_at, name, email, topic, message, user_agent, status) VALUES ($id, $c, $n, $e, $t, $m, $ua, $s)').run({
        id: ticket.id, c: ticket.createdAt, n: ticket.name, e: ticket.email, t: ticket.topic, m: ticket.message, ua: meta.userAgent?.slice(0, 300) ?? null, s: ticket.status,
      });
      return forward(ticket);
    },
    get(id: string): Ticket | null {
      const r = db.query('SELECT * FROM tickets WHERE id = $id').get({ id }) as Record<string, unknown> | null;
      return r ? row(r) : null;
    },
    close(): void {
      clearInterval(retry);
      db.close();
    },
  };
}

export type SupportDesk = ReturnType<typeof createSupportDesk>;

/** A fixed-window limit per client address (5 tickets per 10 minutes by default). */
export function createRateLimit(limit = 5, windowMs = 600_000) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return (key: string, now = Date.now()): boolean => {
    if (hits.size > 10_000) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
    const h = hits.get(key);
    if (!h || h.resetAt <= now) {
      hits.set(key, { count: 1, resetAt: now + windowMs });
      return true;
    }
    h.count++;
    return h.count <= limit;
  };
}
