import { describe, expect, test } from 'bun:test';
import { GameEvent, GameSubjectKind, type EventEnvelope } from '@startales/contracts';
import { createRng } from '@startales/game';
import { canonicalJson } from '../src/game/canonical.ts';
import { nextScheduleStep, turnReadiness } from '../src/game/decisions.ts';
import { buildNarrationPrompt } from '../src/game/prompt.ts';
import { statePatch } from '../src/live/messages.ts';
import { reduce, replay } from '../src/game/reducer.ts';
import { initialState, type GameRecord } from '../src/game/state.ts';

const ID = 'c-0001';
const T0 = Date.parse('2027-03-01T18:00:00.000Z');
const HOUR = 3_600_000;

function envelope(type: string, data: object, n: number): EventEnvelope {
  return { id: `e-${n}`, type, occurredAt: new Date(T0 + n * 1000).toISOString(), actor: 'test', data: { campaignId: ID, ...data }, v: 1 };
}

/** A plausible campaign stream drawn from a seeded generator (actions, narrations, roster churn, duplicates, junk). */
function generateStream(seed: string, length = 400): GameRecord[] {
  const rng = createRng(seed);
  const out: GameRecord[] = [];
  let seq = 0;
  const push = (kind: string, type: string, data: object) => {
    seq += rng.int(1, 3); // other campaigns' messages interleave in the stream
    out.push({ seq, kind, envelope: envelope(type, data, seq) });
  };
  const sessions = Array.from({ length: 4 }, (_, i) => ({ index: i, startsAt: new Date(T0 + i * 168 * HOUR).toISOString(), endsAt: new Date(T0 + i * 168 * HOUR + 3 * HOUR).toISOString() }));
  push(GameSubjectKind.LIFECYCLE, GameEvent.CAMPAIGN_OPENED, { seed: 's', title: 'T', mode: 'WEEKLY', llmTier: 'PREMIUM', lengthWeeks: 4, playHoursPerWeek: 3, maxPlayers: 6, startsAt: sessions[0]!.startsAt, sessions });
  const users = ['u1', 'u2', 'u3', 'u4'];
  for (const u of users.slice(0, 3)) push(GameSubjectKind.LIFECYCLE, GameEvent.PLAYER_JOINED, { userId: u, handle: u.toUpperCase() });
  let turn = 1;
  let session = 0;
  push(GameSubjectKind.OUTCOMES, GameEvent.SESSION_STARTED, { index: 0 });
  for (let i = 0; out.length < length; i++) {
    const roll = rng.int(0, 99);
    if (roll < 60) push(GameSubjectKind.COMMANDS, GameEvent.ACTION_SUBMITTED, { userId: rng.pick(users), actionId: `a${rng.int(0, 40)}`, text: `act ${i}` });
    else if (roll < 75) push(GameSubjectKind.OUTCOMES, GameEvent.NARRATION_RECORDED, { turn: rng.int(0, 9) < 8 ? turn++ : turn - 1, text: `story ${i}`, model: 'm', costMicros: 10, throughSeq: seq - rng.int(0, 3) });
    else if (roll < 80) push(GameSubjectKind.LIFECYCLE, rng.int(0, 1) ? GameEvent.PLAYER_JOINED : GameEvent.PLAYER_LEFT, { userId: rng.pick(users), handle: 'x', reason: 'left' });
    else if (roll < 83 && session < 3) {
      push(GameSubjectKind.OUTCOMES, GameEvent.SESSION_ENDED, { index: session });
      push(GameSubjectKind.OUTCOMES, GameEvent.SESSION_STARTED, { index: ++session });
    } else if (roll < 85) out.push({ seq: (seq += 1), kind: 'commands', envelope: { id: `bad-${seq}`, type: 'malformed', occurredAt: '', actor: '', data: null, v: 0 } });
    else if (roll < 87) push(GameSubjectKind.COMMANDS, GameEvent.ACTION_SUBMITTED, { campaignId: 'someone-else', userId: 'u1', actionId: 'zz', text: 'wrong campaign' });
  }
  push(GameSubjectKind.OUTCOMES, GameEvent.SESSION_ENDED, { index: session });
  push(GameSubjectKind.OUTCOMES, GameEvent.CAMPAIGN_COMPLETED, {});
  return out;
}

describe('reducer', () => {
  test('same events → byte-identical state, whatever order fields arrive in and after a JSON round trip', () => {
    const events = generateStream('determinism');
    const a = canonicalJson(replay(initialState(ID), events));
    const b = canonicalJson(replay(initialState(ID), events));
    const c = canonicalJson(replay(initialState(ID), JSON.parse(JSON.stringify(events)) as GameRecord[]));
    expect(a).toBe(b);
    expect(a).toBe(c);
    const final = replay(initialState(ID), events);
    expect(final.status).toBe('completed');
    expect(final.applied).toBe(events.length);
    expect(final.narrations).toBeGreaterThan(10);
    // a different stream reaches a different digest
    expect(replay(initialState(ID), generateStream('other')).digest).not.toBe(final.digest);
  });

  test('the reducer reads no clock and no randomness', () => {
    const events = generateStream('purity', 200);
    const expected = canonicalJson(replay(initialState(ID), events));
    const { now } = Date;
    const { random } = Math;
    Date.now = () => {
      throw new Error('clock read');
    };
    Math.random = () => {
      throw new Error('randomness');
    };
    try {
      expect(canonicalJson(replay(initialState(ID), events))).toBe(expected);
    } finally {
      Date.now = now;
      Math.random = random;
    }
  });

  test('snapshot at any point + replay of the rest = a full replay', () => {
    const events = generateStream('snapshots', 300);
    const full = canonicalJson(replay(initialState(ID), events));
    for (const cut of [1, 7, 50, 151, 299]) {
      const snapshot = JSON.parse(canonicalJson(replay(initialState(ID), events.slice(0, cut))));
      expect(canonicalJson(replay(snapshot, events.slice(cut)))).toBe(full);
    }
  });

  test('a retried action, a second narration of a turn and foreign or malformed events change nothing but the count', () => {
    const evs = generateStream('rules', 6).slice(0, 5); // opened, 3 joins, session started
    let s = replay(initialState(ID), evs);
    const at = (n: number, kind: string, type: string, data: object): GameRecord => ({ seq: 1000 + n, kind, envelope: envelope(type, data, 1000 + n) });
    s = reduce(s, at(1, 'commands', GameEvent.ACTION_SUBMITTED, { userId: 'u1', actionId: 'x1', text: 'open the door' }));
    const once = s;
    s = reduce(s, at(2, 'commands', GameEvent.ACTION_SUBMITTED, { userId: 'u1', actionId: 'x1', text: 'open the door' }));
    expect(s.pending).toBe(once.pending);
    expect(s.applied).toBe(once.applied + 1);
    s = reduce(s, at(3, 'commands', GameEvent.ACTION_SUBMITTED, { userId: 'u2', actionId: 'y1', text: 'follow' }));
    s = reduce(s, at(4, 'outcomes', GameEvent.NARRATION_RECORDED, { turn: s.turn, text: 'Creak.', model: 'm', costMicros: 5, throughSeq: 1001 }));
    // u2's action came after the prompt was built: it carries over to the next turn
    expect(s.pending.map((a) => a.actionId)).toEqual(['y1']);
    expect(s.turn).toBe(once.turn + 1);
    expect(s.lastOutcomeSeq).toBe(1004);
    const afterNarration = s;
    s = reduce(s, at(5, 'outcomes', GameEvent.NARRATION_RECORDED, { turn: s.turn - 1, text: 'again', model: 'm', costMicros: 5 }));
    expect(s.recent).toBe(afterNarration.recent);
    expect(s.narrationCostMicros).toBe(5);
    s = reduce(s, at(6, 'commands', GameEvent.ACTION_SUBMITTED, { campaignId: 'other', userId: 'u1', actionId: 'q', text: 'x' }));
    s = reduce(s, { seq: 1007, kind: 'commands', envelope: { id: 'm', type: 'malformed', occurredAt: '', actor: '', data: null, v: 0 } });
    s = reduce(s, at(8, 'commands', 'game.something_new', { userId: 'u1' }));
    expect(s.pending).toBe(afterNarration.pending);
    expect(s.applied).toBe(afterNarration.applied + 4);
    // at most three waiting actions per player and turn
    for (let i = 0; i < 5; i++) s = reduce(s, at(10 + i, 'commands', GameEvent.ACTION_SUBMITTED, { userId: 'u3', actionId: `z${i}`, text: 'spam' }));
    expect(s.pending.filter((a) => a.userId === 'u3')).toHaveLength(3);
    // an erased player's words leave the state
    s = reduce(s, at(20, 'lifecycle', GameEvent.PLAYER_LEFT, { userId: 'u3', reason: 'erased' }));
    expect(s.pending.some((a) => a.userId === 'u3')).toBe(false);
    expect(s.players.find((p) => p.userId === 'u3')!.active).toBe(false);
  });
});

test('EVENT patches (JSON Patch) rebuild the state a client started from', () => {
  const events = generateStream('patches', 300);
  let server = initialState(ID);
  let client = structuredClone(server) as unknown as Record<string, unknown>;
  for (const r of events) {
    const next = reduce(server, r);
    for (const op of statePatch(server, next)) {
      const [key, index] = op.path.slice(1).split('/') as [string, string | undefined];
      if (index === undefined) client[key] = structuredClone(op.value);
      else if (index === '-') (client[key] as unknown[]).push(structuredClone(op.value));
      else (client[key] as unknown[])[Number(index)] = structuredClone(op.value);
    }
    server = next;
  }
  const { lastSeq, applied, digest, lastOutcomeSeq, ...rest } = server;
  expect(canonicalJson({ ...client, lastSeq, applied, digest, lastOutcomeSeq })).toBe(canonicalJson({ ...rest, lastSeq, applied, digest, lastOutcomeSeq }));
  // an action is one element replaced and one appended, not the whole roster
  const before = replay(initialState(ID), events.slice(0, 5));
  const after = reduce(before, { seq: 999, kind: 'commands', envelope: envelope(GameEvent.ACTION_SUBMITTED, { userId: 'u2', actionId: 'new', text: 'hi' }, 999) });
  expect(statePatch(before, after).map((o) => `${o.op} ${o.path}`)).toEqual(['replace /players/1', 'add /pending/-']);
});

describe('decisions', () => {
  const opened = (sessions: Array<[number, number]>) =>
    reduce(initialState(ID), {
      seq: 1,
      kind: 'lifecycle',
      envelope: envelope(GameEvent.CAMPAIGN_OPENED, { seed: 's', title: 't', mode: 'WEEKLY', llmTier: 'ECONOMY', lengthWeeks: 4, playHoursPerWeek: 2, maxPlayers: 4, startsAt: new Date(T0).toISOString(), sessions: sessions.map(([a, b], index) => ({ index, startsAt: new Date(T0 + a).toISOString(), endsAt: new Date(T0 + b).toISOString() })) }, 1),
    });

  test('the schedule opens and closes sessions in order, then completes', () => {
    let s = opened([
      [0, 100],
      [200, 300],
    ]);
    expect(nextScheduleStep(s, T0 - 50)).toEqual({ wakeAt: T0 });
    let seq = 1;
    const walk: string[] = [];
    for (const now of [T0, T0 + 50, T0 + 100, T0 + 150, T0 + 250, T0 + 300, T0 + 300]) {
      const step = nextScheduleStep(s, now);
      if (!step.outcome) {
        walk.push(`wait ${step.wakeAt! - T0}`);
        continue;
      }
      walk.push(`${step.outcome.type} @${step.outcome.at - T0}`);
      s = reduce(s, { seq: ++seq, kind: 'outcomes', envelope: envelope(step.outcome.type, step.outcome.data, seq) });
    }
    expect(walk).toEqual([
      'game.session_started @0',
      'wait 100',
      'game.session_ended @100',
      'wait 200',
      'game.session_started @200',
      'game.session_ended @300',
      'game.campaign_completed @300',
    ]);
    expect(s.status).toBe('completed');
    expect(nextScheduleStep(s, T0 + 10_000)).toEqual({});
  });

  test('a turn is ready when every active player acted, or when the turn timer runs out', () => {
    let s = opened([[0, HOUR]]);
    s = reduce(s, { seq: 2, kind: 'lifecycle', envelope: envelope(GameEvent.PLAYER_JOINED, { userId: 'a', handle: 'A' }, 2) });
    s = reduce(s, { seq: 3, kind: 'lifecycle', envelope: envelope(GameEvent.PLAYER_JOINED, { userId: 'b', handle: 'B' }, 3) });
    s = reduce(s, { seq: 4, kind: 'outcomes', envelope: envelope(GameEvent.SESSION_STARTED, { index: 0 }, 4) });
    expect(turnReadiness(s, T0, 1000)).toEqual({ ready: false });
    s = reduce(s, { seq: 5, kind: 'commands', envelope: envelope(GameEvent.ACTION_SUBMITTED, { userId: 'a', actionId: '1', text: 'look' }, 5) });
    const firstAt = T0 + 5000;
    expect(turnReadiness(s, firstAt + 10, 1000)).toEqual({ ready: false, wakeAt: firstAt + 1000 });
    expect(turnReadiness(s, firstAt + 1000, 1000).ready).toBe(true);
    s = reduce(s, { seq: 6, kind: 'commands', envelope: envelope(GameEvent.ACTION_SUBMITTED, { userId: 'b', actionId: '1', text: 'listen' }, 6) });
    expect(turnReadiness(s, firstAt, 1000).ready).toBe(true);
    const prompt = buildNarrationPrompt(s);
    expect(prompt[0]!.role).toBe('system');
    expect(prompt.at(-1)!.content).toContain('A: look');
    expect(prompt.at(-1)!.content).toContain('B: listen');
    expect(JSON.stringify(buildNarrationPrompt(s))).toBe(JSON.stringify(prompt));
  });
});
