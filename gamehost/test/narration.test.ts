import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { LiveMessage, NarrationRecordedData } from '@startales/contracts';
import { createTestKeys, eventually, signAccessToken, type TestKeys } from '@startales/testing';
import { startFakeRouter, type FakeRouter } from './fakes/llm-router.ts';
import {
  GameEvent,
  GameSubjectKind,
  connectPlayer,
  createTestEnv,
  openRunningCampaign,
  publishGame,
  readCampaignStream,
  replayCampaign,
  startTestHost,
  type TestEnv,
  type TestHost,
} from './helpers.ts';

const narrations = async (env: TestEnv, id: string) =>
  (await readCampaignStream(env.bus, id)).filter((r) => r.envelope.type === GameEvent.NARRATION_RECORDED).map((r) => ({ seq: r.seq, ...(r.envelope.data as NarrationRecordedData) }));
const act = (env: TestEnv, id: string, userId: string, actionId: string, text: string) =>
  publishGame(env.bus, id, GameSubjectKind.COMMANDS, GameEvent.ACTION_SUBMITTED, { userId, actionId, text });

describe('the AI game master', () => {
  let env: TestEnv;
  let keys: TestKeys;
  let router: FakeRouter;
  const hosts: TestHost[] = [];
  const start = async (hostId: string, turnTimeoutMs = 60_000) => {
    const h = await startTestHost(env, { keys, hostId, routerUrl: router.url, turnTimeoutMs });
    hosts.push(h);
    return h;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    keys = await createTestKeys();
    router = startFakeRouter({ token: 'svc-token' });
  });
  afterAll(async () => {
    for (const h of hosts) await h.stop().catch(() => {});
    await router.stop();
    await env.cleanup();
  });

  test('when every player acted: streams the narration to players as it arrives, records it once, and a new owner does not narrate it again', async () => {
    const id = 'gm-1';
    router.pieceDelayMs = 30;
    await openRunningCampaign(env.bus, id, ['p1', 'p2']);
    const a = await start('gm-a');
    await eventually(async () => a.host.runner(id)?.caughtUp, 'a owns gm-1');
    const player = connectPlayer(a.wsUrl, id, await signAccessToken(keys, { userId: 'p2' }));
    await player.waitFor((m) => m.type === 'sync');
    await act(env, id, 'p1', 'a1', 'I light a torch');
    await act(env, id, 'p2', 'b1', 'I draw my sword');
    const recorded = await player.waitFor((m) => m.type === 'event' && m.event.type === GameEvent.NARRATION_RECORDED);

    const deltas = player.messages.filter((m): m is Extract<LiveMessage, { type: 'narration.delta' }> => m.type === 'narration.delta');
    expect(deltas.map((d) => d.text)).toEqual(router.pieces);
    expect(deltas.every((d) => d.turn === 1)).toBe(true);
    expect(player.messages.indexOf(deltas.at(-1)!)).toBeLessThan(player.messages.indexOf(recorded));
    expect(recorded.type === 'event' && recorded.event.data).toMatchObject({ campaignId: id, turn: 1, text: router.pieces.join(''), model: 'fake/standard', costMicros: 1234 });

    expect(router.requests).toHaveLength(1);
    const [req] = router.requests;
    expect(req!.headers).toMatchObject({ authorization: 'Bearer svc-token', 'x-startales-user': 'owner-1', 'x-startales-campaign': id, 'x-startales-purpose': 'narration' });
    expect(req!.body).toMatchObject({ model: 'STANDARD', stream: true, stream_options: { include_usage: true } });
    const prompt = req!.body.messages.at(-1)!.content;
    expect(prompt).toContain('h-p1: I light a torch');
    expect(prompt).toContain('h-p2: I draw my sword');

    // the owner goes away; the next one catches up, sees turn 1 narrated, and does not call the LLM for it
    await a.stop();
    const b = await start('gm-b');
    await eventually(async () => b.host.runner(id)?.caughtUp, 'b owns gm-1');
    await Bun.sleep(300);
    expect(router.requests).toHaveLength(1);
    expect(await narrations(env, id)).toHaveLength(1);
    expect(b.host.runner(id)!.db.state).toMatchObject({ turn: 2, narrations: 1, narrationCostMicros: 1234, pending: [] });
    await b.stop();
  });

  test('a narration cut off by a takeover is made again by the new owner and recorded once', async () => {
    const id = 'gm-2';
    router.requests.length = 0;
    router.pieceDelayMs = 150;
    await openRunningCampaign(env.bus, id, ['p1']);
    const a = await start('gm2-a');
    await eventually(async () => a.host.runner(id)?.caughtUp, 'a owns gm-2');
    const player = connectPlayer(a.wsUrl, id, await signAccessToken(keys, { userId: 'p1' }));
    await player.waitFor((m) => m.type === 'sync');
    await act(env, id, 'p1', 'a1', 'I open the gate');
    await player.waitFor((m) => m.type === 'narration.delta');
    await a.stop(); // mid-stream: the call is aborted and nothing is recorded
    expect(await narrations(env, id)).toHaveLength(0);
    router.pieceDelayMs = 0;
    const b = await start('gm2-b');
    await eventually(async () => (await narrations(env, id)).length === 1, 'the narration recorded by b', 10_000);
    await Bun.sleep(300);
    expect(await narrations(env, id)).toHaveLength(1);
    expect(router.requests).toHaveLength(2);
    expect((await replayCampaign(env.bus, id)).turn).toBe(2);
    await b.stop();
  });

  test('the turn timer narrates for the players who acted when someone does not', async () => {
    const id = 'gm-3';
    router.requests.length = 0;
    await openRunningCampaign(env.bus, id, ['p1', 'p2', 'p3']);
    const h = await start('gm3', 400);
    await eventually(async () => h.host.runner(id)?.caughtUp, 'owns gm-3');
    const at = performance.now();
    await act(env, id, 'p1', 'a1', 'I wait by the door');
    await eventually(async () => (await narrations(env, id)).length === 1, 'a narration after the turn timer', 5000, 50);
    expect(performance.now() - at).toBeGreaterThan(350);
    expect(router.requests).toHaveLength(1);
    expect(router.requests[0]!.body.messages.at(-1)!.content).toContain('I wait by the door');
    await h.stop();
  });
});
