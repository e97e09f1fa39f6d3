/**
 * In-process tests of the web server and the browser libraries that need no browser: the live client (reconnect and
 * resume from lastSeq) through the web server's relay to a gamehost speaking the contracts protocol, support tickets
 * (stored, forwarded to a helpdesk, retried), the CSV writer and the SEO files.
 */
import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveCloseCode, type LiveCampaignState } from '@startales/contracts';
import { createLogger, serveApp } from '@startales/kit';
import { applyPatch, LiveClient, type LiveSnapshot } from '../src/app/lib/live.ts';
import { toCsv } from '../src/app/lib/csv.ts';
import { createWebServer } from '../src/server/app.ts';
import { createSupportDesk, parseTicket, TicketValidationError } from '../src/server/support.ts';
import { robotsTxt, sitemapXml } from '../src/server/seo.ts';

const logger = createLogger({ service: 'web-test', level: 'silent' });
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'web-unit-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const until = async (check: () => boolean, what: string, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(10);
  }
};

const state = (over: Partial<LiveCampaignState> = {}): LiveCampaignState => ({
  v: 1, campaignId: 'c1', status: 'running', config: null, sessions: [], currentSession: 0,
  players: [{ userId: 'u1', handle: 'ann', active: true, actions: 0, recentActionIds: [] }],
  turn: 1, pending: [], recent: [], narrations: 0, narrationCostMicros: 0, lastOutcomeSeq: 0, lastSeq: 3, applied: 3, digest: 'd', ...over,
});

test('applyPatch replaces fields and array elements and appends with /-, leaving the input untouched', () => {
  const s = state();
  const next = applyPatch(s, [
    { op: 'replace', path: '/players/0', value: { ...s.players[0], actions: 1 } },
    { op: 'add', path: '/pending/-', value: { seq: 4, userId: 'u1', actionId: 'a', text: 'hi', at: 'now' } },
    { op: 'replace', path: '/turn', value: 2 },
  ]);
  expect(next.players[0]!.actions).toBe(1);
  expect(next.pending).toHaveLength(1);
  expect(next.turn).toBe(2);
  expect(s.players[0]!.actions).toBe(0);
  expect(s.pending).toHaveLength(0);
});

test('the live client, through the web relay, syncs, applies events, streams narration and resumes from lastSeq after the host goes away', async () => {
  const connects: string[] = [];
  let dropped = false;
  // a gamehost speaking the protocol: first connection SYNC at seq 3 + EVENT 4, then closes GOING_AWAY; the resume sends EVENT 5
  const gamehost = Bun.serve({
    port: 0,
    fetch(req, server) {
      const url = new URL(req.url);
      if (url.pathname.endsWith('/owner')) return Response.json({ liveUrl: `ws://127.0.0.1:${server.port}/campaigns/c1/live` });
      if (server.upgrade(req, { data: url.search as never })) return;
      return new Response('no', { status: 400 });
    },
    websocket: {
      open(ws) {
        const search = new URLSearchParams(ws.data as unknown as string);
        connects.push(ws.data as unknown as string);
        ws.send(JSON.stringify({ type: 'hello', campaignId: 'c1', hostId: 'h1', seq: 3 }));
        if (!search.get('lastSeq')) {
          ws.send(JSON.stringify({ type: 'sync', seq: 3, state: state() }));
          ws.send(JSON.stringify({ type: 'event', seq: 4, event: { id: 'e4', type: 'game.action_submitted', occurredAt: 'now', actor: 'u1', data: {} }, patch: [{ op: 'add', path: '/pending/-', value: { seq: 4, userId: 'u1', actionId: 'a1', text: 'I open the door', at: 'now' } }] }));
          ws.send(JSON.stringify({ type: 'narration.delta', turn: 1, text: 'The door ' }));
          ws.send(JSON.stringify({ type: 'narration.delta', turn: 1, text: 'creaks.' }));
          setTimeout(() => ((dropped = true), ws.close(LiveCloseCode.GOING_AWAY, 'host stopping')), 50);
        } else {
          ws.send(JSON.stringify({ type: 'event', seq: 4, event: { id: 'e4' }, patch: [{ op: 'replace', path: '/turn', value: 99 }] })); // a repeat: ignored
          ws.send(JSON.stringify({ type: 'event', seq: 5, event: { id: 'e5', type: 'game.narration_recorded', occurredAt: 'now', actor: 'service:gamehost', data: {} }, patch: [{ op: 'add', path: '/recent/-', value: { turn: 1, seq: 5, text: 'The door creaks.' } }, { op: 'replace', path: '/turn', value: 2 }, { op: 'replace', path: '/pending', value: [] }] }));
        }
      },
      message() {},
    },
  });
  const dist = tmp();
  const { app, state: ready } = createWebServer({ distDir: dist, template: '<html><!--app-head--><div id="root"><!--app-html--></div><!--app-data--></html>', gatewayUrl: 'http://127.0.0.1:1/graphql', gatewayTimeoutMs: 500, gamehostUrl: `http://127.0.0.1:${gamehost.port}`, publicUrl: 'https://startales.test', support: createSupportDesk({ dataDir: tmp(), logger }), logger, builtAt: new Date() });
  // served as main.ts serves it: observed, with the live socket upgraded through the same handler
  serveApp(app, { hostname: '127.0.0.1', port: 0 });
  ready.ready = true;
  const snaps: LiveSnapshot[] = [];
  const client = new LiveClient('c1', { open: (u) => new WebSocket(u), token: () => 'tok', renewToken: async () => true }, `ws://127.0.0.1:${app.server!.port}`);
  client.subscribe((s) => snaps.push(s));
  client.start();
  try {
    await until(() => client.current.lastSeq === 4 && client.current.streaming[1] === 'The door creaks.', 'sync, event and deltas');
    expect(client.current.state!.pending.map((p) => p.text)).toEqual(['I open the door']);
    await until(() => dropped && client.current.lastSeq === 5, 'the resume');
    expect(snaps.some((s) => s.status === 'reconnecting')).toBe(true);
    expect(connects[1]).toContain('lastSeq=4');
    expect(connects[0]).toContain('token=tok');
    const s = client.current.state!;
    expect([s.turn, s.pending.length, s.recent.map((r) => r.text)]).toEqual([2, 0, ['The door creaks.']]);
    expect(client.current.streaming[1]).toBeUndefined(); // recorded narration replaced the streamed text
    expect(client.current.status).toBe('live');
  } finally {
    client.stop();
    await app.stop();
    gamehost.stop(true);
  }
});

test('terminal close codes stop the live client with a reason', async () => {
  const host = Bun.serve({ port: 0, fetch: (req, server) => (server.upgrade(req) ? undefined : new Response('no')), websocket: { open: (ws) => ws.close(LiveCloseCode.FORBIDDEN, 'not a player'), message() {} } });
  const client = new LiveClient('c1', { open: (u) => new WebSocket(u), token: () => 't', renewToken: async () => false }, `ws://127.0.0.1:${host.port}`);
  client.start();
  await until(() => client.current.status === 'failed', 'failed');
  expect(client.current.detail).toContain('paid seat');
  client.stop();
  host.stop(true);
});

test('support tickets: validated, stored in SQLite, forwarded to the helpdesk, retried when it fails', async () => {
  expect(() => parseTicket({ email: 'nope', message: 'short' })).toThrow(TicketValidationError);
  try {
    parseTicket({ email: 'nope', message: 'short', topic: 'x' });
  } catch (e) {
    expect(Object.keys((e as TicketValidationError).fields).sort()).toEqual(['email', 'message', 'topic']);
  }
  const received: Array<{ body: any; auth: string | null; key: string | null }> = [];
  let fail = true;
  const helpdesk = Bun.serve({
    port: 0,
    async fetch(req) {
      if (fail) return new Response('down', { status: 503 });
      received.push({ body: await req.json(), auth: req.headers.get('authorization'), key: req.headers.get('idempotency-key') });
      return Response.json({ id: 4711 });
    },
  });
  const desk = createSupportDesk({ dataDir: tmp(), helpdeskUrl: `http://127.0.0.1:${helpdesk.port}/tickets`, helpdeskToken: 'hd-secret', logger, retryMs: 50 });
  try {
    const t = await desk.create(parseTicket({ name: 'Ann', email: 'ann@example.com', topic: 'billing', message: 'I was charged twice for one seat.' }));
    expect(t).toMatchObject({ status: 'pending', attempts: 1 });
    fail = false;
    await until(() => desk.get(t.id)?.status === 'forwarded', 'the retry');
    expect(desk.get(t.id)).toMatchObject({ helpdeskId: '4711', email: 'ann@example.com' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ auth: 'Bearer hd-secret', key: t.id, body: { externalId: t.id, topic: 'billing', requester: { email: 'ann@example.com' } } });
  } finally {
    desk.close();
    helpdesk.stop(true);
  }
  const local = createSupportDesk({ dataDir: tmp(), logger });
  expect((await local.create(parseTicket({ email: 'b@example.com', message: 'Where is my export link?' }))).status).toBe('stored');
  local.close();
});

test('the ticket endpoint answers 422 with fields, 201 with an id, and drops honeypot submissions', async () => {
  const desk = createSupportDesk({ dataDir: tmp(), logger });
  const { app } = createWebServer({ distDir: tmp(), template: '', gatewayUrl: 'http://127.0.0.1:1/graphql', gatewayTimeoutMs: 500, gamehostUrl: 'http://127.0.0.1:1', publicUrl: 'https://startales.test', support: desk, logger, builtAt: new Date() });
  const post = (body: unknown) => app.handle(new Request('http://web.test/api/support/tickets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  const bad = await post({ email: 'x', message: '' });
  expect(bad.status).toBe(422);
  expect(((await bad.json()) as { fields: Record<string, string> }).fields.email).toBeDefined();
  const ok = await post({ email: 'c@example.com', message: 'The pricing page is lovely.' });
  expect(ok.status).toBe(201);
  const { id } = (await ok.json()) as { id: string };
  expect(desk.get(id)?.message).toBe('The pricing page is lovely.');
  const bot = await post({ email: 'bot@example.com', message: 'buy cheap things now', website: 'http://spam' });
  expect(bot.status).toBe(201);
  expect(desk.get(((await bot.json()) as { id: string }).id)).toBeNull();
  // the gateway down: a GraphQL-shaped typed error, not an HTML page
  const gql = await app.handle(new Request('http://web.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' }));
  expect(gql.status).toBe(502);
  expect(await gql.json()).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  desk.close();
});

test('CSV quotes what needs quoting and neutralises formulas; sitemap and robots name the public pages', () => {
  expect(toCsv(['a', 'b'], [['x,y', '=HYPERLINK("evil")'], [1, null]])).toBe('a,b\r\n"x,y","\'=HYPERLINK(""evil"")"\r\n1,\r\n');
  const sitemap = sitemapXml('https://startales.test', '2026-11-25');
  expect(sitemap).toContain('<loc>https://startales.test/pricing</loc>');
  expect(sitemap).not.toContain('/admin');
  expect(robotsTxt('https://startales.test')).toContain('Sitemap: https://startales.test/sitemap.xml');
});
