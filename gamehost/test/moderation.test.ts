/** Moderation in gamehost: mutes and kicks reach the campaign's stream and its reducer, whichever way actions arrive. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createEnvelope } from '@startales/kit';
import { DomainEvent, LiveCloseCode, type LiveCampaignState, type ModerationActionData, type ModerationActionRevokedData } from '@startales/contracts';
import { createTestKeys, eventually, signAccessToken, type TestKeys } from '@startales/testing';
import { canonicalJson } from '../src/game/canonical.ts';
import { replay } from '../src/game/reducer.ts';
import { initialState, type GameRecord } from '../src/game/state.ts';
import { Kvm } from '@nats-io/kv';
import { Consumer, Stream } from '@startales/contracts';
import { bucketNames } from '../src/host.ts';
import { releasable, sanctionEvents } from '../src/moderation/enforcer.ts';
import { pruneReason, type PruneContext } from '../src/moderation/pruner.ts';
import { mergeSanction, type SanctionEntry, type SanctionTombstone } from '../src/moderation/store.ts';
import {
  GameEvent,
  GameSubjectKind,
  connectPlayer,
  createTestEnv,
  openRunningCampaign,
  publishGame,
  replayCampaign,
  startTestHost,
  type TestEnv,
  type TestHost,
} from './helpers.ts';

const ID = 'mod-pure';
const T0 = Date.parse('2027-01-09T18:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
let seq = 0;
const rec = (type: string, data: Record<string, unknown>, atMs: number, kind = 'lifecycle'): GameRecord => ({
  seq: ++seq,
  kind,
  at: atMs,
  envelope: { id: `e-${seq}`, type, occurredAt: iso(atMs), actor: 'test', v: 1, data: { campaignId: ID, ...data } },
});
const action = (userId: string, actionId: string, atMs: number) => rec(GameEvent.ACTION_SUBMITTED, { userId, actionId, text: `${userId} acts` }, atMs, 'commands');
const sanction = (userId: string, actionId: string, type: 'MUTE' | 'KICK', atMs: number, expiresAt: number | null, scope = 'CAMPAIGN') =>
  rec(GameEvent.PLAYER_SANCTIONED, { userId, actionId, type, scope, startsAt: iso(atMs), expiresAt: expiresAt === null ? null : iso(expiresAt) }, atMs);
const lift = (userId: string, actionId: string, atMs: number) => rec(GameEvent.PLAYER_SANCTION_LIFTED, { userId, actionId, liftedAt: iso(atMs) }, atMs);

function running(): GameRecord[] {
  seq = 0;
  return [
    rec(GameEvent.CAMPAIGN_OPENED, { seed: 's', title: 't', mode: 'WEEKLY', llmTier: 'STANDARD', sessions: [{ index: 0, startsAt: iso(T0), endsAt: iso(T0 + 3_600_000) }] }, T0 - 1000),
    rec(GameEvent.PLAYER_JOINED, { userId: 'a', handle: 'a' }, T0 - 900),
    rec(GameEvent.PLAYER_JOINED, { userId: 'b', handle: 'b' }, T0 - 800),
    rec(GameEvent.SESSION_STARTED, { index: 0 }, T0, 'outcomes'),
  ];
}
const pendingOf = (s: LiveCampaignState) => s.pending.map((p) => p.actionId);

describe('reducer', () => {
  test('a mute refuses the player’s actions from its start until its expiry (stream time), and no one else’s', () => {
    const events = [
      ...running(),
      sanction('a', 'm1', 'MUTE', T0 + 1000, T0 + 60_000),
      action('a', 'a1', T0 + 2000),
      action('b', 'b1', T0 + 3000),
      action('a', 'a2', T0 + 60_000),
    ];
    const s = replay(initialState(ID), events);
    expect(pendingOf(s)).toEqual(['b1', 'a2']);
    expect(s.sanctions).toEqual([{ actionId: 'm1', userId: 'a', type: 'MUTE', scope: 'CAMPAIGN', startsAt: iso(T0 + 1000), expiresAt: iso(T0 + 60_000) }]);
    // judged on the stream's timestamp, not the envelope's claimed occurredAt
    const forged = action('a', 'a3', T0 + 5000);
    forged.envelope = { ...forged.envelope, occurredAt: iso(T0 - 10_000_000) };
    expect(pendingOf(replay(s, [forged]))).toEqual(['b1', 'a2']);
  });

  test('a lifted mute no longer applies; the same sanction twice is one', () => {
    const events = [...running(), sanction('a', 'm1', 'MUTE', T0, null, 'PLATFORM'), sanction('a', 'm1', 'MUTE', T0, null, 'PLATFORM'), action('a', 'a1', T0 + 1000), lift('a', 'm1', T0 + 2000), action('a', 'a2', T0 + 3000)];
    const s = replay(initialState(ID), events);
    expect(pendingOf(s)).toEqual(['a2']);
    expect(s.sanctions).toEqual([]);
  });

  test('a kick drops the player from the live state (inactive, waiting actions gone) and keeps them out until lifted', () => {
    const events = [...running(), action('a', 'a1', T0 + 1000), action('b', 'b1', T0 + 1500), sanction('a', 'k1', 'KICK', T0 + 2000, null), rec(GameEvent.PLAYER_JOINED, { userId: 'a', handle: 'a' }, T0 + 3000), action('a', 'a2', T0 + 4000)];
    const s = replay(initialState(ID), events);
    expect(s.players.find((p) => p.userId === 'a')!.active).toBe(false);
    expect(pendingOf(s)).toEqual(['b1']);
    const after = replay(s, [lift('a', 'k1', T0 + 5000)]);
    expect(after.players.find((p) => p.userId === 'a')!.active).toBe(false); // lifting re-adds nobody
    expect(replay(after, [rec(GameEvent.PLAYER_JOINED, { userId: 'a', handle: 'a' }, T0 + 6000)]).players.find((p) => p.userId === 'a')!.active).toBe(true);
  });

  test('replays give the same state and digest', () => {
    const events = [...running(), sanction('a', 'm1', 'MUTE', T0, T0 + 10_000), action('a', 'a1', T0 + 1), action('a', 'a2', T0 + 10_000), sanction('b', 'k', 'KICK', T0 + 20_000, null)];
    expect(canonicalJson(replay(initialState(ID), events))).toBe(canonicalJson(replay(initialState(ID), JSON.parse(JSON.stringify(events)))));
  });
});

describe('what a campaign owner publishes', () => {
  const entry = (over: Partial<SanctionEntry>): SanctionEntry => ({ actionId: 'x', userId: 'a', type: 'MUTE', campaignId: null, startsAt: iso(T0), expiresAt: null, revokedAt: null, ...over });

  test('campaign sanctions always; platform mutes for active players; nothing expired or already applied; lifts for revoked ones it has', () => {
    const s = replay(initialState(ID), [...running(), sanction('b', 'had', 'MUTE', T0, null)]);
    const events = sanctionEvents(
      s,
      [
        entry({ actionId: 'kick-stranger', userId: 'z', type: 'KICK', campaignId: ID }),
        entry({ actionId: 'other-campaign', campaignId: 'elsewhere' }),
        entry({ actionId: 'platform-a' }),
        entry({ actionId: 'platform-z', userId: 'z' }),
        entry({ actionId: 'expired', campaignId: ID, expiresAt: iso(T0 + 10) }),
        entry({ actionId: 'had', userId: 'b', campaignId: ID }),
        entry({ actionId: 'revoked-unknown', campaignId: ID, revokedAt: iso(T0) }),
      ],
      T0 + 100,
    );
    expect(events.map((e) => [e.type, (e.data as { actionId: string }).actionId])).toEqual([
      [GameEvent.PLAYER_SANCTIONED, 'kick-stranger'],
      [GameEvent.PLAYER_SANCTIONED, 'platform-a'],
    ]);
    expect(sanctionEvents(s, [entry({ actionId: 'had', userId: 'b', campaignId: ID, revokedAt: iso(T0 + 50) })], T0 + 100).map((e) => e.type)).toEqual([GameEvent.PLAYER_SANCTION_LIFTED]);
    // the same facts give the same message ids (two hosts publish one message)
    expect(sanctionEvents(s, [entry({ actionId: 'platform-a' })], T0 + 100)[0]!.id).toBe(sanctionEvents(s, [entry({ actionId: 'platform-a' })], T0 + 999)[0]!.id);
  });

  test('a revocation sticks whichever event comes first', () => {
    const facts = { actionId: 'm', userId: 'a', type: 'MUTE' as const, campaignId: null, startsAt: iso(T0), expiresAt: null };
    const revoked = mergeSanction(null, { kind: 'revoked', entry: facts, revokedAt: iso(T0 + 5) });
    expect(mergeSanction(revoked, { kind: 'action', entry: facts })).toEqual({ ...facts, revokedAt: iso(T0 + 5), campaigns: [] });
    expect(mergeSanction(mergeSanction(null, { kind: 'action', entry: facts }), { kind: 'revoked', entry: facts, revokedAt: iso(T0 + 7) }).revokedAt).toBe(iso(T0 + 7));
  });
});

describe('a hosted campaign', () => {
  let env: TestEnv;
  let keys: TestKeys;
  let host: TestHost;
  const id = 'mod-live';
  const tokens: Record<string, string> = {};

  const moderate = async (data: Partial<ModerationActionData> & Pick<ModerationActionData, 'actionId' | 'type' | 'userId'>) => {
    const full: ModerationActionData = { campaignId: null, content: null, policy: 'HARASSMENT', statement: 'Repeated insults.', startsAt: new Date().toISOString(), expiresAt: null, strikes: 1, activeStrikes: 1, escalatedFromId: null, caseId: null, ...data };
    await env.bus.publish(`domain.${DomainEvent.MODERATION_ACTION}`, createEnvelope(DomainEvent.MODERATION_ACTION, full, 'service:moderation'));
  };
  const revoke = async (actionId: string, type: 'MUTE' | 'KICK', userId: string, campaignId: string | null) => {
    const data: ModerationActionRevokedData = { actionId, type, userId, campaignId, reason: 'appeal_granted', revokedAt: new Date().toISOString() };
    await env.bus.publish(`domain.${DomainEvent.MODERATION_ACTION_REVOKED}`, createEnvelope(DomainEvent.MODERATION_ACTION_REVOKED, data, 'service:moderation'));
  };
  const state = () => host.host.runner(id)!.db.state;
  const act = (userId: string, actionId: string) => publishGame(env.bus, id, GameSubjectKind.COMMANDS, GameEvent.ACTION_SUBMITTED, { userId, actionId, text: 'I pull the lever' });

  beforeAll(async () => {
    env = await createTestEnv();
    keys = await createTestKeys();
    for (const u of ['p1', 'p2', 'p3']) tokens[u] = await signAccessToken(keys, { userId: u, handle: u });
    await openRunningCampaign(env.bus, id, ['p1', 'p2', 'p3']);
    host = await startTestHost(env, { keys, hostId: 'mod-a' });
    await eventually(async () => host.host.runner(id)?.caughtUp && state().status === 'running', 'the campaign runs');
  });
  afterAll(async () => {
    await host?.stop().catch(() => {});
    await env.cleanup();
  });

  test('a muted player’s action published straight on the GAME stream is not applied and they are told why', async () => {
    const p1 = connectPlayer(host.wsUrl, id, tokens.p1);
    await p1.waitFor((m) => m.type === 'sync');
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await moderate({ actionId: 'mute-p1', type: 'MUTE', userId: 'p1', campaignId: id, expiresAt: until });
    await moderate({ actionId: 'mute-p2-everywhere', type: 'MUTE', userId: 'p2', campaignId: null, expiresAt: null });
    await eventually(async () => state().sanctions?.length === 2, 'both mutes on the campaign stream');
    expect(state().sanctions!.map((x) => [x.actionId, x.scope]).sort()).toEqual([['mute-p1', 'CAMPAIGN'], ['mute-p2-everywhere', 'PLATFORM']]);

    const seq = await act('p1', 'p1-a');
    await act('p2', 'p2-a');
    await act('p3', 'p3-a');
    await eventually(async () => state().lastSeq >= seq + 2, 'applied');
    expect(pendingOf(state())).toEqual(['p3-a']);
    const rejected = await p1.waitFor((m) => m.type === 'action.rejected');
    expect(rejected).toEqual({ type: 'action.rejected', seq, actionId: 'p1-a', code: 'PLAYER_MUTED', message: `You are muted in this campaign until ${until}`, until });
    p1.close();

    await revoke('mute-p1', 'MUTE', 'p1', id);
    await eventually(async () => state().sanctions?.length === 1, 'the lift on the stream');
    const again = await act('p1', 'p1-b');
    await eventually(async () => state().lastSeq >= again, 'applied');
    expect(pendingOf(state())).toEqual(['p3-a', 'p1-b']);
  });

  test('a kick closes the player’s socket, drops them from the live state and keeps a raw PLAYER_JOINED from bringing them back', async () => {
    const p3 = connectPlayer(host.wsUrl, id, tokens.p3);
    await p3.waitFor((m) => m.type === 'sync');
    await moderate({ actionId: 'kick-p3', type: 'KICK', userId: 'p3', campaignId: id });
    expect(await p3.closed).toEqual({ code: LiveCloseCode.FORBIDDEN, reason: 'removed from this campaign by a moderator' });
    expect(state().players.find((p) => p.userId === 'p3')!.active).toBe(false);
    expect(pendingOf(state())).toEqual(['p1-b']);

    const joined = await publishGame(env.bus, id, GameSubjectKind.LIFECYCLE, GameEvent.PLAYER_JOINED, { userId: 'p3', handle: 'p3' });
    const acted = await act('p3', 'p3-b');
    await eventually(async () => state().lastSeq >= Math.max(joined, acted), 'applied');
    expect(state().players.find((p) => p.userId === 'p3')!.active).toBe(false);
    expect(pendingOf(state())).toEqual(['p1-b']);
    expect(await connectPlayer(host.wsUrl, id, tokens.p3).closed).toEqual({ code: LiveCloseCode.FORBIDDEN, reason: 'removed from this campaign by a moderator' });
  });

  test('a platform-wide mute reaches a player who joins the campaign later', async () => {
    await moderate({ actionId: 'mute-p4-everywhere', type: 'MUTE', userId: 'p4', campaignId: null, expiresAt: null });
    await Bun.sleep(300);
    // not a player here yet: nothing to enforce
    expect(state().sanctions!.some((x) => x.userId === 'p4')).toBe(false);
    await publishGame(env.bus, id, GameSubjectKind.LIFECYCLE, GameEvent.PLAYER_JOINED, { userId: 'p4', handle: 'p4' });
    await eventually(async () => state().sanctions!.some((x) => x.actionId === 'mute-p4-everywhere'), 'the mute follows the player in');
    const acted = await act('p4', 'p4-a');
    await eventually(async () => state().lastSeq >= acted, 'applied');
    expect(pendingOf(state())).toEqual(['p1-b']);
  });

  test('a fresh replay of the stream (a restart or a takeover) reaches the same state', async () => {
    const replayed = await replayCampaign(env.bus, id);
    const live = state();
    expect(replayed.lastSeq).toBe(live.lastSeq);
    expect(canonicalJson(replayed)).toBe(canonicalJson(live));
    expect(replayed.sanctions!.map((x) => x.actionId).sort()).toEqual(['kick-p3', 'mute-p2-everywhere', 'mute-p4-everywhere']);
  });
});

describe('pruning the sanctions bucket', () => {
  const entry = (over: Partial<SanctionEntry>): SanctionEntry => ({ actionId: 'x', userId: 'a', type: 'MUTE', campaignId: null, startsAt: iso(T0), expiresAt: null, revokedAt: null, campaigns: [], ...over });
  const statuses: Record<string, 'active' | 'completed' | 'cancelled'> = { live: 'active', done: 'completed', gone: 'cancelled' };
  const ctx = (now: number): PruneContext => ({ now, graceMs: 60_000, campaignStatus: (id) => statuses[id] });

  test('a revoked sanction goes after the grace period, once no active campaign may still hold it', () => {
    const revoked = entry({ revokedAt: iso(T0 + 1000) });
    expect(pruneReason(revoked, ctx(T0 + 60_999))).toBeNull();
    expect(pruneReason(revoked, ctx(T0 + 61_000))).toBe('revoked');
    // an active campaign whose stream got it has not let it go yet: its lift may still be due
    expect(pruneReason({ ...revoked, campaigns: ['live', 'done'] }, ctx(T0 + 10_000_000))).toBeNull();
    expect(pruneReason({ ...revoked, campaigns: ['done', 'gone'] }, ctx(T0 + 61_000))).toBe('revoked');
    // written before campaigns were tracked: unknown, kept
    expect(pruneReason({ ...revoked, campaigns: undefined }, ctx(T0 + 10_000_000))).toBeNull();
  });

  test('an expired mute goes after the grace period; a kick or a mute in force of a going campaign never does', () => {
    expect(pruneReason(entry({ expiresAt: iso(T0), campaigns: ['live'] }), ctx(T0 + 59_999))).toBeNull();
    expect(pruneReason(entry({ expiresAt: iso(T0), campaigns: ['live'] }), ctx(T0 + 60_000))).toBe('expired');
    expect(pruneReason(entry({ type: 'KICK', campaignId: 'live', campaigns: ['live'] }), ctx(T0 + 1e12))).toBeNull();
    expect(pruneReason(entry({ campaigns: ['live'] }), ctx(T0 + 1e12))).toBeNull();
    expect(pruneReason(entry({ campaignId: 'unknown', expiresAt: iso(T0 + 1e11) }), ctx(T0 + 1e10))).toBeNull();
    // a campaign that is over needs none of its sanctions
    expect(pruneReason(entry({ type: 'KICK', campaignId: 'done', campaigns: ['done'] }), ctx(T0))).toBe('campaign_ended');
  });

  test('an owner lets go of a revoked sanction only once its state no longer holds it and the grace period passed', () => {
    const s = replay(initialState(ID), [...running(), sanction('a', 'still', 'MUTE', T0, null)]);
    const entries = [
      entry({ actionId: 'still', campaignId: ID, revokedAt: iso(T0), campaigns: [ID] }),
      entry({ actionId: 'lifted', campaignId: ID, revokedAt: iso(T0), campaigns: [ID] }),
      entry({ actionId: 'recent', campaignId: ID, revokedAt: iso(T0 + 50_000), campaigns: [ID] }),
      entry({ actionId: 'other', revokedAt: iso(T0), campaigns: ['elsewhere'] }),
      entry({ actionId: 'in-force', campaignId: ID, campaigns: [ID] }),
    ];
    expect(releasable(s, entries, T0 + 60_000, 60_000)).toEqual(['lifted']);
  });

  describe('on a hosted campaign', () => {
    let env: TestEnv;
    let keys: TestKeys;
    let host: TestHost;
    const id = 'mod-prune';
    const GRACE = 300;
    const state = () => host.host.runner(id)!.db.state;
    const pendingNow = () => pendingOf(state());
    const act = (userId: string, actionId: string) => publishGame(env.bus, id, GameSubjectKind.COMMANDS, GameEvent.ACTION_SUBMITTED, { userId, actionId, text: 'I wave' });
    const moderation = (data: Partial<ModerationActionData> & Pick<ModerationActionData, 'actionId' | 'type' | 'userId'>): ModerationActionData => ({
      campaignId: id, content: null, policy: 'HARASSMENT', statement: 'Spam.', startsAt: new Date().toISOString(), expiresAt: null, strikes: 1, activeStrikes: 1, escalatedFromId: null, caseId: null, ...data,
    });
    /** Publishes a moderation event (a new envelope each time, as a late or re-sent event) and waits until gamehost consumed it. */
    const send = async (type: DomainEvent, data: object) => {
      const { seq } = await env.bus.publish(`domain.${type}`, createEnvelope(type, data, 'service:moderation'));
      await eventually(async () => {
        const info = await env.bus.jsm.consumers.info(env.bus.streamName(Stream.DOMAIN), Consumer.GAMEHOST_MODERATION);
        return info.delivered.stream_seq >= seq && info.num_ack_pending === 0 && info.num_pending === 0;
      }, 'gamehost consumed it');
    };
    const kvs = async () => {
      const names = bucketNames(env.ns);
      const kvm = new Kvm(env.bus.js);
      return { live: await kvm.open(names.sanctions), tombs: await kvm.open(names.sanctionTombstones) };
    };
    const value = async (kv: Awaited<ReturnType<typeof kvs>>['live'], key: string) => {
      const e = await kv.get(key);
      return e?.operation === 'PUT' ? e.json<unknown>() : e ? e.operation : null;
    };

    beforeAll(async () => {
      env = await createTestEnv();
      keys = await createTestKeys();
      await openRunningCampaign(env.bus, id, ['p1', 'p2']);
      host = await startTestHost(env, { keys, hostId: 'prune-a', sanctionPruning: { graceMs: GRACE, everyMs: 50, markerAgeMs: 0, tombstoneTtlMs: 3_600_000 } });
      await eventually(async () => host.host.runner(id)?.caughtUp && state().status === 'running', 'the campaign runs');
    });
    afterAll(async () => {
      await host?.stop().catch(() => {});
      await env.cleanup();
    });

    test('a revoked mute is lifted, then pruned to a tombstone; the same action arriving late does not bring it back', async () => {
      const { live, tombs } = await kvs();
      const mute = moderation({ actionId: 'mute-p1', type: 'MUTE', userId: 'p1' });
      await send(DomainEvent.MODERATION_ACTION, mute);
      await eventually(async () => state().sanctions?.some((x) => x.actionId === 'mute-p1'), 'the mute on the stream');
      // the owner named its campaign on the entry before publishing it
      expect(((await value(live, 'mute-p1')) as SanctionEntry).campaigns).toEqual([id]);

      await send(DomainEvent.MODERATION_ACTION_REVOKED, { actionId: 'mute-p1', type: 'MUTE', userId: 'p1', campaignId: id, reason: 'appeal_granted', revokedAt: new Date().toISOString() } satisfies ModerationActionRevokedData);
      await eventually(async () => !state().sanctions?.some((x) => x.actionId === 'mute-p1'), 'the lift on the stream');
      // released by the owner after the grace period, then pruned and its purge marker swept: the key holds nothing
      await eventually(async () => (await value(live, 'mute-p1')) === null, 'pruned', 10_000);
      const tomb = (await value(tombs, 'mute-p1')) as SanctionTombstone;
      expect(tomb.reason).toBe('revoked');
      expect(tomb.entry).toMatchObject({ actionId: 'mute-p1', userId: 'p1', campaignId: id, campaigns: [] });

      // the original action again (a redelivery, or the moderation outbox re-sending it)
      await send(DomainEvent.MODERATION_ACTION, mute);
      expect(await value(live, 'mute-p1')).toBeNull();
      await Bun.sleep(200);
      expect(state().sanctions?.some((x) => x.actionId === 'mute-p1')).toBe(false);
      const acted = await act('p1', 'p1-after');
      await eventually(async () => state().lastSeq >= acted, 'applied');
      expect(pendingNow()).toContain('p1-after');
      // nor does its revocation arriving again
      await send(DomainEvent.MODERATION_ACTION_REVOKED, { actionId: 'mute-p1', type: 'MUTE', userId: 'p1', campaignId: id, reason: 'appeal_granted', revokedAt: new Date().toISOString() } satisfies ModerationActionRevokedData);
      expect(await value(live, 'mute-p1')).toBeNull();
    });

    test('an expired mute is pruned; its inert copy in the state refuses nothing and a late copy of it is ignored', async () => {
      const { live, tombs } = await kvs();
      const mute = moderation({ actionId: 'mute-p2', type: 'MUTE', userId: 'p2', expiresAt: new Date(Date.now() + 700).toISOString() });
      await send(DomainEvent.MODERATION_ACTION, mute);
      await eventually(async () => state().sanctions?.some((x) => x.actionId === 'mute-p2'), 'the mute on the stream');
      const refused = await act('p2', 'p2-muted');
      await eventually(async () => state().lastSeq >= refused, 'applied');
      expect(pendingNow()).not.toContain('p2-muted');

      await eventually(async () => (await value(live, 'mute-p2')) === null, 'pruned after expiry and grace', 10_000);
      expect(((await value(tombs, 'mute-p2')) as SanctionTombstone).reason).toBe('expired');
      await send(DomainEvent.MODERATION_ACTION, mute);
      expect(await value(live, 'mute-p2')).toBeNull();
      const acted = await act('p2', 'p2-free');
      await eventually(async () => state().lastSeq >= acted, 'applied');
      expect(pendingNow()).toContain('p2-free');
    });

    test('a kick in force is kept; the consumer and the pruner report to /metrics', async () => {
      const { live } = await kvs();
      await send(DomainEvent.MODERATION_ACTION, moderation({ actionId: 'kick-p2', type: 'KICK', userId: 'p2' }));
      await eventually(async () => state().sanctions?.some((x) => x.actionId === 'kick-p2'), 'the kick on the stream');
      await Bun.sleep(GRACE * 3);
      expect(await value(live, 'kick-p2')).toMatchObject({ actionId: 'kick-p2', revokedAt: null, campaigns: [id] });
      // a malformed kick (no campaign) is counted as such and acknowledged
      await send(DomainEvent.MODERATION_ACTION, { ...moderation({ actionId: 'kick-bad', type: 'KICK', userId: 'p1' }), campaignId: null });
      expect(await value(live, 'kick-bad')).toBeNull();

      const text = await (await fetch(`${host.url}/metrics`)).text();
      const count = (re: RegExp) => Number(text.match(re)?.[1] ?? 0);
      expect(count(/^events_consumed_total\{consumer="gamehost-moderation",outcome="applied"[^}]*\} (\d+)/m)).toBeGreaterThanOrEqual(4);
      expect(count(/^events_consumed_total\{consumer="gamehost-moderation",outcome="duplicate"[^}]*\} (\d+)/m)).toBeGreaterThanOrEqual(3);
      expect(count(/^events_consumed_total\{consumer="gamehost-moderation",outcome="malformed"[^}]*\} (\d+)/m)).toBeGreaterThanOrEqual(1);
      expect(text).toMatch(/^event_delivery_lag_seconds_count\{consumer="gamehost-moderation"[^}]*\} [1-9]/m);
      expect(count(/^gamehost_sanctions_pruned_total\{reason="revoked"[^}]*\} (\d+)/m)).toBeGreaterThanOrEqual(1);
      expect(count(/^gamehost_sanctions_pruned_total\{reason="expired"[^}]*\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    });
  });
});
