/**
 * Moderation on the live screen: the live client against a game host speaking the contracts protocol (an action of
 * ours the host refused, one it applied, a kick's 4403 close that must not be retried), and the notice the player
 * sees, rendered the way the server renders pages.
 */
import { afterEach, expect, test } from 'bun:test';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ServerWebSocket } from 'bun';
import { ErrorCode, LiveCloseCode, LiveCloseReason, LiveMessageType, type LiveActionRejectedMessage, type LiveCampaignState } from '@startales/contracts';
import { LiveClient, parseRejection, type LiveSnapshot } from '../src/app/lib/live.ts';
import { StaticRouter } from '../src/app/lib/router.tsx';
import { ModerationNotice } from '../src/app/pages/player/ModerationNotice.tsx';

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

/** A game host whose socket the test drives: every connection gets HELLO + SYNC, then whatever the test sends. */
function fakeHost() {
  const sockets: ServerWebSocket<unknown>[] = [];
  const server = Bun.serve({
    port: 0,
    fetch: (req, srv) => (srv.upgrade(req) ? undefined : new Response('no', { status: 400 })),
    websocket: {
      open(ws) {
        sockets.push(ws);
        ws.send(JSON.stringify({ type: LiveMessageType.HELLO, campaignId: 'c1', hostId: 'h1', seq: 3 }));
        ws.send(JSON.stringify({ type: LiveMessageType.SYNC, seq: 3, state: state() }));
      },
      message() {},
    },
  });
  return { server, sockets, send: (m: object) => sockets.at(-1)!.send(JSON.stringify(m)), url: `ws://127.0.0.1:${server.port}` };
}

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const start = (host: ReturnType<typeof fakeHost>) => {
  const client = new LiveClient('c1', { open: (u) => new WebSocket(u), token: () => 'tok', renewToken: async () => true }, host.url);
  const snaps: LiveSnapshot[] = [];
  client.subscribe((s) => snaps.push(s));
  client.start();
  cleanups.push(() => (client.stop(), host.server.stop(true)));
  return { client, snaps };
};

const MUTED_UNTIL = '2031-05-04T18:30:00.000Z';
const rejected = (actionId: string, over: Partial<LiveActionRejectedMessage> = {}): LiveActionRejectedMessage => ({
  type: LiveMessageType.ACTION_REJECTED, seq: 7, actionId, code: ErrorCode.PLAYER_MUTED, message: `You are muted in this campaign until ${MUTED_UNTIL}`, until: MUTED_UNTIL, ...over,
});

test('an action the host refuses leaves the waiting list with a notice; one it applies leaves it quietly', async () => {
  const host = fakeHost();
  const { client } = start(host);
  await until(() => client.current.status === 'live' && client.current.state !== null, 'synced');

  client.expectAction('a1', 'I draw my sword');
  client.expectAction('a2', 'I hide');
  expect(client.current.awaiting.map((a) => a.actionId)).toEqual(['a1', 'a2']);

  host.send(rejected('a1'));
  await until(() => client.current.rejection !== null, 'the refusal');
  expect(client.current.rejection).toEqual({ actionId: 'a1', code: 'PLAYER_MUTED', message: `You are muted in this campaign until ${MUTED_UNTIL}`, until: MUTED_UNTIL, text: 'I draw my sword' });
  expect(client.current.awaiting.map((a) => a.actionId)).toEqual(['a2']);

  // a2 is applied: it shows up in the state's pending actions and stops waiting
  host.send({ type: LiveMessageType.EVENT, seq: 4, event: { id: 'e4' }, patch: [{ op: 'add', path: '/pending/-', value: { seq: 4, userId: 'u1', actionId: 'a2', text: 'I hide', at: 'now' } }] });
  await until(() => client.current.lastSeq === 4, 'the event');
  expect(client.current.awaiting).toEqual([]);
  expect(client.current.rejection?.actionId).toBe('a1');

  // malformed refusals change nothing; a new action clears the old notice, dismissing clears it too
  host.send({ type: LiveMessageType.ACTION_REJECTED, seq: 8, actionId: 42, code: 'PLAYER_MUTED' });
  host.send({ type: LiveMessageType.EVENT, seq: 5, event: { id: 'e5' }, patch: [{ op: 'replace', path: '/turn', value: 2 }] });
  await until(() => client.current.lastSeq === 5, 'the next event');
  expect(client.current.rejection?.actionId).toBe('a1');
  client.expectAction('a3', 'I wait');
  expect(client.current.rejection).toBeNull();
  host.send(rejected('a3', { until: null, message: 'You are muted on Startales with no end date' }));
  await until(() => client.current.rejection?.actionId === 'a3', 'the second refusal');
  client.dismissRejection();
  expect(client.current.rejection).toBeNull();
  expect(client.current.status).toBe('live');
});

test('a kick (4403, removed by a moderator) stops the client for good and says why; a plain 4403 keeps its own reason', async () => {
  const host = fakeHost();
  const { client, snaps } = start(host);
  await until(() => client.current.status === 'live', 'connected');
  client.expectAction('a1', 'I shout');
  host.sockets[0]!.close(LiveCloseCode.FORBIDDEN, LiveCloseReason.REMOVED_BY_MODERATOR);
  await until(() => client.current.removed, 'removed');
  expect(client.current.status).toBe('failed');
  expect(client.current.detail).toContain('removed from this campaign by a moderator');
  expect(client.current.awaiting).toEqual([]);
  // no reconnect: neither the backoff (the first retry would come within 0.75 s) nor the button
  client.retryNow();
  await Bun.sleep(1200);
  expect(host.sockets).toHaveLength(1);
  expect(snaps.some((s) => s.status === 'reconnecting')).toBe(false);

  const other = fakeHost();
  const second = start(other);
  await until(() => second.client.current.status === 'live', 'connected');
  other.sockets[0]!.close(LiveCloseCode.FORBIDDEN, LiveCloseReason.NOT_A_PLAYER);
  await until(() => second.client.current.status === 'failed', 'failed');
  expect(second.client.current.removed).toBe(false);
  expect(second.client.current.detail).toContain('paid seat');
});

test('parseRejection keeps a well-formed refusal and drops a bad until', () => {
  expect(parseRejection(rejected('x'))).toEqual({ actionId: 'x', code: 'PLAYER_MUTED', message: `You are muted in this campaign until ${MUTED_UNTIL}`, until: MUTED_UNTIL });
  expect(parseRejection({ ...rejected('x'), until: 'soon' })?.until).toBeNull();
  expect(parseRejection({ actionId: 'x', code: 'PLAYER_MUTED' })).toBeNull();
});

const render = (node: React.ReactNode) => renderToStaticMarkup(<StaticRouter pathname="/campaigns/c1/live">{node}</StaticRouter>);

test('the notice: an alert with the host’s sentence, the mute’s end as a <time>, the refused text, and a dismiss button', () => {
  const html = render(<ModerationNotice rejection={{ ...parseRejection(rejected('a1'))!, text: 'I draw my sword' }} removed={false} onDismiss={() => {}} />);
  expect(html).toContain('role="alert"');
  expect(html).toContain('you are muted');
  // the ISO instant in the host's sentence becomes a machine-readable <time> shown in the reader's time
  expect(html).toContain(`You are muted in this campaign until <time dateTime="${MUTED_UNTIL}">`);
  expect(html).not.toContain(`until ${MUTED_UNTIL}`);
  expect(html).toMatch(/You can act again from <time dateTime="2031-05-04T18:30:00.000Z">[^<]*2031[^<]*<\/time>/);
  expect(html).toContain('Not sent to the table: “I draw my sword”');
  expect(html).toContain('href="/settings"');
  expect(html).toContain('>Dismiss</button>');

  const forever = render(<ModerationNotice rejection={parseRejection(rejected('a2', { until: null, message: 'You are muted on Startales with no end date' }))} removed={false} />);
  expect(forever).toContain('You are muted on Startales with no end date.');
  expect(forever).toContain('The mute has no end date');
  expect(forever).not.toContain('<time');

  expect(render(<ModerationNotice rejection={null} removed={false} />)).toBe('');
});

test('the notice after a kick: an alert that the player was removed by a moderator, with nothing to dismiss', () => {
  const html = render(<ModerationNotice rejection={parseRejection(rejected('a1', { code: ErrorCode.PLAYER_KICKED }))} removed />);
  expect(html).toContain('role="alert"');
  expect(html).toContain('You were removed from this campaign by a moderator.');
  expect(html).not.toContain('Dismiss');
  expect(html).not.toContain('muted');
});
