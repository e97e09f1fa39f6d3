import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { GameEvent, GameSubjectKind, Stream, type EventEnvelope } from '@startales/contracts';
import { canonicalJson } from '../src/game/canonical.ts';
import { replay } from '../src/game/reducer.ts';
import { initialState, type GameRecord } from '../src/game/state.ts';
import { recordOf } from '../src/runner/records.ts';
import { openCampaignDb, openOrResetCampaignDb } from '../src/storage/campaign-db.ts';
import { createTestEnv, openRunningCampaign, publishGame, type TestEnv } from './helpers.ts';

const ID = 'db-1';
const envelope = (n: number, type: string, data: object): EventEnvelope => ({ id: `e${n}`, type, occurredAt: `2027-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`, actor: 't', data: { campaignId: ID, ...data }, v: 1 });

function records(): GameRecord[] {
  const out: GameRecord[] = [
    { seq: 1, kind: 'lifecycle', envelope: envelope(1, GameEvent.CAMPAIGN_OPENED, { seed: 's', title: 't', mode: 'WEEKLY', llmTier: 'ECONOMY', lengthWeeks: 4, playHoursPerWeek: 1, maxPlayers: 4, startsAt: '2027-01-01T00:00:00.000Z', sessions: [{ index: 0, startsAt: '2027-01-01T00:00:00.000Z', endsAt: '2027-01-01T03:00:00.000Z' }] }) },
    { seq: 2, kind: 'lifecycle', envelope: envelope(2, GameEvent.PLAYER_JOINED, { userId: 'u1', handle: 'one' }) },
    { seq: 4, kind: 'outcomes', envelope: envelope(4, GameEvent.SESSION_STARTED, { index: 0 }) },
  ];
  for (let i = 0; i < 10; i++) out.push({ seq: 5 + i * 2, kind: 'commands', envelope: envelope(5 + i * 2, GameEvent.ACTION_SUBMITTED, { userId: 'u1', actionId: `a${i}`, text: `step ${i}` }) });
  return out;
}

describe('campaign SQLite state', () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'gh-db-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a redelivered event (seq <= last_seq) is skipped, also after the process died between commit and ack', () => {
    const all = records();
    const path = join(dir, 'redelivery.sqlite');
    const db = openCampaignDb(path, ID);
    expect(db.apply(all.slice(0, 6)).map((u) => u.seq)).toEqual([1, 2, 4, 5, 7, 9]);
    // JetStream redelivers 4..9 (acks lost) together with new ones
    expect(db.apply(all.slice(2, 9)).map((u) => u.seq)).toEqual([11, 13, 15]);
    db.close();
    // "crash": reopen the file and get everything again from the start
    const again = openCampaignDb(path, ID);
    expect(again.lastSeq).toBe(15);
    expect(again.apply(all).map((u) => u.seq)).toEqual([17, 19, 21, 23]);
    expect(again.apply(all)).toEqual([]);
    const expected = replay(initialState(ID), all);
    expect(canonicalJson(again.state)).toBe(canonicalJson(expected));
    expect(again.state.applied).toBe(all.length);
    expect(again.state.players[0]!.actions).toBe(3); // MAX_PENDING_PER_PLAYER: no narration in between
    expect(again.since(0).map((m) => JSON.parse(m).seq)).toEqual(all.map((r) => r.seq));
    again.close();
  });

  test('snapshot → restore elsewhere → continue = one straight run; the log floor tells when a SYNC is needed', () => {
    const all = records();
    const a = openCampaignDb(join(dir, 'a.sqlite'), ID);
    a.apply(all.slice(0, 8));
    a.pruneLog(3);
    expect(a.logFloor()).toBe(all[4]!.seq);
    expect(a.since(a.logFloor()).length).toBe(3);
    const snap = JSON.parse(JSON.stringify(a.exportSnapshot(2)));
    const b = openCampaignDb(join(dir, 'b.sqlite'), ID);
    b.restore(snap);
    expect(b.lastSeq).toBe(all[7]!.seq);
    expect(b.logFloor()).toBe(all[6]!.seq - 1); // the tail starts at all[6]: anything before it may be missing
    b.apply(all);
    expect(canonicalJson(b.state)).toBe(canonicalJson(replay(initialState(ID), all)));
    expect(() => openCampaignDb(join(dir, 'b.sqlite'), 'another')).toThrow();
    a.close();
    b.close();
  });

  test('a damaged file is discarded and started afresh (the snapshot and the stream rebuild it)', async () => {
    const path = join(dir, 'damaged.sqlite');
    await Bun.write(path, 'this is not a database '.repeat(400));
    const reasons: unknown[] = [];
    const db = openOrResetCampaignDb(path, ID, (e) => reasons.push(e));
    expect(reasons).toHaveLength(1);
    expect(db.lastSeq).toBe(0);
    expect(db.apply(records()).length).toBe(records().length);
    db.close();
    const again = openOrResetCampaignDb(path, ID, (e) => reasons.push(e));
    expect(reasons).toHaveLength(1);
    expect(again.lastSeq).toBe(records().at(-1)!.seq);
    again.close();
  });
});

describe('redelivery from JetStream', () => {
  let env: TestEnv;
  beforeAll(async () => void (env = await createTestEnv()));
  afterAll(async () => await env.cleanup());

  test('messages delivered again after ack_wait are never applied twice', async () => {
    const id = 'redeliver-1';
    await openRunningCampaign(env.bus, id, ['p1']);
    for (let i = 0; i < 3; i++) await publishGame(env.bus, id, GameSubjectKind.COMMANDS, GameEvent.ACTION_SUBMITTED, { userId: 'p1', actionId: `x${i}`, text: 'go' });
    const stream = env.bus.streamName(Stream.GAME);
    await env.bus.jsm.consumers.add(stream, { durable_name: 'redeliver', ack_policy: AckPolicy.Explicit, ack_wait: nanos(1000), deliver_policy: DeliverPolicy.All, filter_subject: env.bus.subject(`game.${id}.>`) });
    const consumer = await env.bus.js.consumers.get(stream, 'redeliver');
    const db = openCampaignDb(join(dir(env), `${id}.sqlite`), id);
    const deliveries: Array<{ seq: number; redelivered: boolean; applied: boolean }> = [];
    const messages = await consumer.consume();
    let acked = 0;
    for await (const m of messages) {
      const applied = db.apply([recordOf(m)]).length === 1;
      deliveries.push({ seq: m.seq, redelivered: m.info.redelivered, applied });
      // the first time round, "crash" before acking the odd ones: they come back after ack_wait
      if (m.info.redelivered || m.seq % 2 === 0) (m.ack(), acked++);
      if (acked === 5) break;
    }
    await messages.close();
    const redelivered = deliveries.filter((d) => d.redelivered);
    expect(redelivered.length).toBeGreaterThan(0);
    expect(redelivered.every((d) => !d.applied)).toBe(true);
    expect(deliveries.filter((d) => d.applied).map((d) => d.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(db.state.applied).toBe(5);
    db.close();
  });
});

const dir = (env: TestEnv) => env.dir;
