import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { GameEvent, GameSubjectKind, LiveCloseCode, Stream, type CampaignCompletedData } from '@startales/contracts';
import { createTestKeys, eventually, signAccessToken, type TestKeys } from '@startales/testing';
import { createManualClock } from '../src/clock.ts';
import {
  connectPlayer,
  createTestEnv,
  openedData,
  publishGame,
  readCampaignStream,
  readSubject,
  startTestHost,
  type TestEnv,
  type TestHost,
} from './helpers.ts';

const outcomes = async (env: TestEnv, id: string) =>
  (await readCampaignStream(env.bus, id)).filter((r) => r.kind === GameSubjectKind.OUTCOMES).map((r) => `${r.envelope.type.replace('game.', '')}${'index' in (r.envelope.data as object) ? ` ${(r.envelope.data as { index: number }).index}` : ''}`);

describe('session scheduling', () => {
  let env: TestEnv;
  let keys: TestKeys;
  const hosts: TestHost[] = [];
  beforeAll(async () => {
    env = await createTestEnv();
    keys = await createTestKeys();
  });
  afterAll(async () => {
    for (const h of hosts) await h.stop().catch(() => {});
    await env.cleanup();
  });

  test('sessions open and close on the schedule; after the last one the campaign completes and says so once', async () => {
    const id = 'sched-1';
    const h = await startTestHost(env, { keys, hostId: 'sched-a' });
    hosts.push(h);
    const base = Date.now() + 400;
    const sessions: Array<[number, number]> = [
      [0, 150],
      [250, 150],
      [500, 150],
    ];
    await publishGame(env.bus, id, GameSubjectKind.LIFECYCLE, GameEvent.CAMPAIGN_OPENED, openedData(id, base, sessions));
    await publishGame(env.bus, id, GameSubjectKind.LIFECYCLE, GameEvent.PLAYER_JOINED, { userId: 'p1', handle: 'one' });
    await eventually(async () => h.host.runner(id)?.db.state.players.length === 1, 'p1 joined');
    const player = connectPlayer(h.wsUrl, id, await signAccessToken(keys, { userId: 'p1' }));
    await player.waitFor((m) => m.type === 'sync');
    await eventually(async () => (await outcomes(env, id)).includes('campaign_completed'), 'completion', 10_000, 50);
    expect(await outcomes(env, id)).toEqual(['session_started 0', 'session_ended 0', 'session_started 1', 'session_ended 1', 'session_started 2', 'session_ended 2', 'campaign_completed']);
    // nothing happened before its time
    for (const r of (await readCampaignStream(env.bus, id)).filter((x) => x.envelope.type === GameEvent.SESSION_STARTED)) {
      const [start] = sessions[(r.envelope.data as { index: number }).index]!;
      expect(Date.parse(r.envelope.occurredAt)).toBeGreaterThanOrEqual(base + start);
    }
    const domain = await eventually(async () => {
      const d = await readSubject(env.bus, Stream.DOMAIN, 'domain.campaigns.completed');
      return d.length ? d : null;
    }, 'domain.campaigns.completed');
    expect(domain).toHaveLength(1);
    expect(domain[0]!.envelope.data as CampaignCompletedData).toEqual({ campaignId: id, completedAt: new Date(base + 650).toISOString(), sessions: 3, turns: 0, narrationCostMicros: 0 });
    // the host lets the campaign go: players are told it ended, the registry says so, nobody holds it
    expect((await player.closed).code).toBe(LiveCloseCode.ENDED);
    await eventually(async () => !h.host.runner(id) && (await fetch(`${h.url}/campaigns/${id}/owner`)).status === 410, 'campaign released');
    expect(await h.host.owner(id)).toBeNull();
    expect((await connectPlayer(h.wsUrl, id, await signAccessToken(keys, { userId: 'p1' })).closed).code).toBe(LiveCloseCode.ENDED);
    await h.stop();
  });

  test('a 4-week weekly schedule runs in milliseconds on a manual clock', async () => {
    const id = 'sched-2';
    const week = 7 * 86_400_000;
    const t0 = Date.parse('2027-05-03T18:00:00.000Z');
    const clock = createManualClock(t0 - 86_400_000);
    const h = await startTestHost(env, { keys, hostId: 'sched-b', clock });
    hosts.push(h);
    const sessions: Array<[number, number]> = [0, 1, 2, 3].map((w) => [w * week, 3 * 3_600_000]);
    await publishGame(env.bus, id, GameSubjectKind.LIFECYCLE, GameEvent.CAMPAIGN_OPENED, openedData(id, t0, sessions));
    await eventually(async () => h.host.runner(id)?.caughtUp, 'owned');
    await Bun.sleep(100);
    expect(await outcomes(env, id)).toEqual([]);
    const expected: string[] = [];
    for (let w = 0; w < 4; w++) {
      clock.set(t0 + w * week);
      expected.push(`session_started ${w}`);
      await eventually(async () => (await outcomes(env, id)).length === expected.length, `session ${w} started (${await outcomes(env, id)})`, 5000, 20);
      clock.set(t0 + w * week + 3 * 3_600_000);
      expected.push(`session_ended ${w}`);
      if (w === 3) expected.push('campaign_completed');
      await eventually(async () => (await outcomes(env, id)).length === expected.length, `session ${w} ended`, 5000, 20);
    }
    expect(await outcomes(env, id)).toEqual(expected);
  });
});
