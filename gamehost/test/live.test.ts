import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { LiveCloseCode, type LiveMessage } from '@startales/contracts';
import { createTestKeys, eventually, signAccessToken, type TestKeys } from '@startales/testing';
import {
  GameEvent,
  GameSubjectKind,
  connectPlayer,
  createTestEnv,
  openRunningCampaign,
  publishGame,
  readCampaignStream,
  startTestHost,
  type TestEnv,
  type TestHost,
  type TestPlayer,
} from './helpers.ts';

const act = (env: TestEnv, id: string, userId: string, n: number) =>
  publishGame(env.bus, id, GameSubjectKind.COMMANDS, GameEvent.ACTION_SUBMITTED, { userId, actionId: `${userId}-${n}`, text: `move ${n}` });
const lastSeqOf = (p: TestPlayer) => Math.max(0, ...p.messages.flatMap((m) => (m.type === 'event' || m.type === 'sync' ? [m.seq] : [])));

describe('live socket', () => {
  let env: TestEnv;
  let keys: TestKeys;
  let a: TestHost;
  let b: TestHost;
  const id = 'live-1';
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    keys = await createTestKeys();
    for (const u of ['p1', 'p2', 'p3', 'stranger']) tokens[u] = await signAccessToken(keys, { userId: u, handle: u });
    // three players: two acting never complete a turn, so no game master call is needed here
    await openRunningCampaign(env.bus, id, ['p1', 'p2', 'p3']);
    a = await startTestHost(env, { keys, hostId: 'live-a' });
    await eventually(async () => a.host.runner(id)?.caughtUp, 'a owns the campaign');
    b = await startTestHost(env, { keys, hostId: 'live-b' });
  });
  afterAll(async () => {
    await a?.stop().catch(() => {});
    await b?.stop().catch(() => {});
    await env.cleanup();
  });

  test('refuses missing or bad tokens, strangers and unknown campaigns with their close codes', async () => {
    expect((await connectPlayer(a.wsUrl, id, undefined).closed).code).toBe(LiveCloseCode.UNAUTHENTICATED);
    const expired = await signAccessToken(keys, { userId: 'p1', expiresIn: -10 });
    expect(await connectPlayer(a.wsUrl, id, expired).closed).toEqual({ code: LiveCloseCode.UNAUTHENTICATED, reason: 'TOKEN_EXPIRED' });
    const foreign = await signAccessToken(await createTestKeys(), { userId: 'p1' });
    expect(await connectPlayer(a.wsUrl, id, foreign).closed).toEqual({ code: LiveCloseCode.UNAUTHENTICATED, reason: 'INVALID_TOKEN' });
    expect((await connectPlayer(a.wsUrl, id, tokens.stranger).closed).code).toBe(LiveCloseCode.FORBIDDEN);
    expect((await connectPlayer(a.wsUrl, 'no-such-campaign', tokens.p1).closed).code).toBe(LiveCloseCode.NOT_FOUND);
  });

  test('a host that does not own the campaign says so and names the owner; /owner answers on every host', async () => {
    expect(await connectPlayer(b.wsUrl, id, tokens.p1).closed).toEqual({ code: LiveCloseCode.NOT_OWNER, reason: a.url });
    for (const h of [a, b]) {
      const res = await fetch(`${h.url}/campaigns/${id}/owner`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ campaignId: id, hostId: 'live-a', url: a.url, liveUrl: `${a.wsUrl}/campaigns/${id}/live` });
    }
    expect((await fetch(`${b.url}/campaigns/nope/owner`)).status).toBe(404);
  });

  test('reconnecting with lastSeq resumes without gaps or duplicates, across a takeover too', async () => {
    const p1 = connectPlayer(a.wsUrl, id, tokens.p1);
    const p2 = connectPlayer(a.wsUrl, id, tokens.p2);
    const sync = (await p1.waitFor((m) => m.type === 'sync')) as Extract<LiveMessage, { type: 'sync' }>;
    expect(sync.state.players.map((p) => p.userId)).toEqual(['p1', 'p2', 'p3']);
    await p2.waitFor((m) => m.type === 'sync');
    const seen: number[] = [];
    let n = 0;
    const seqs1 = [await act(env, id, 'p1', n++), await act(env, id, 'p2', n++)];
    await p1.waitFor((m) => m.type === 'event' && m.seq === seqs1[1]);
    seen.push(...p1.seqs());
    p1.close();
    await p1.closed;
    const missed: number[] = [];
    for (let i = 0; i < 5; i++) missed.push(await act(env, id, i % 2 ? 'p1' : 'p2', n++));
    await p2.waitFor((m) => m.type === 'event' && m.seq === missed.at(-1));

    const p1b = connectPlayer(a.wsUrl, id, tokens.p1, lastSeqOf(p1));
    await p1b.waitFor((m) => m.type === 'event' && m.seq === missed.at(-1));
    const live = await act(env, id, 'p2', n++);
    await p1b.waitFor((m) => m.type === 'event' && m.seq === live);
    expect(p1b.messages[0]!.type).toBe('hello');
    expect(p1b.messages.some((m) => m.type === 'sync')).toBe(false);
    expect(p1b.seqs()).toEqual([...missed, live]);
    seen.push(...p1b.seqs());

    // the owner stops (snapshot, lease released): players are told to go, and find the new owner
    const bye = p1b.closed;
    await a.stop();
    expect((await bye).code).toBe(LiveCloseCode.GOING_AWAY);
    const during = [await act(env, id, 'p1', n++), await act(env, id, 'p2', n++)];
    const owner = await eventually(async () => {
      const res = await fetch(`${b.url}/campaigns/${id}/owner`);
      return res.status === 200 ? ((await res.json()) as { liveUrl: string; hostId: string }) : null;
    }, 'a new owner');
    expect(owner.hostId).toBe('live-b');
    const p1c = connectPlayer(owner.liveUrl.replace(`/campaigns/${id}/live`, ''), id, tokens.p1, lastSeqOf(p1b));
    await p1c.waitFor((m) => m.type === 'event' && m.seq === during[1]);
    const after = await act(env, id, 'p1', n++);
    await p1c.waitFor((m) => m.type === 'event' && m.seq === after);
    expect(p1c.messages.some((m) => m.type === 'sync')).toBe(false);
    seen.push(...p1c.seqs());

    // every campaign event after the first SYNC, exactly once, in order
    const stream = (await readCampaignStream(env.bus, id)).map((r) => r.seq).filter((s) => s > sync.seq);
    expect(seen).toEqual(stream);
    p1c.close();

    // a player who leaves is disconnected at once
    const p3 = connectPlayer(b.wsUrl, id, tokens.p3);
    await p3.waitFor((m) => m.type === 'sync');
    await publishGame(env.bus, id, GameSubjectKind.LIFECYCLE, GameEvent.PLAYER_LEFT, { userId: 'p3', reason: 'left' });
    expect((await p3.closed).code).toBe(LiveCloseCode.FORBIDDEN);
    expect((await connectPlayer(b.wsUrl, id, tokens.p3).closed).code).toBe(LiveCloseCode.FORBIDDEN);
    p2.close();
  });
});
