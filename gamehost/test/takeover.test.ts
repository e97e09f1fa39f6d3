import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { GameEvent, GameSubjectKind, type LiveMessage, type NarrationRecordedData } from '@startales/contracts';
import { TEST_NATS_URL, createTestKeys, eventually, freePort, signAccessToken, type TestKeys } from '@startales/testing';
import { Kvm } from '@nats-io/kv';
import { canonicalJson } from '../src/game/canonical.ts';
import { bucketNames } from '../src/host.ts';
import { createFileStore } from '../src/storage/object-store.ts';
import { createSnapshotStore } from '../src/storage/snapshots.ts';
import { startFakeRouter, type FakeRouter } from './fakes/llm-router.ts';
import { connectPlayer, createTestEnv, openRunningCampaign, publishGame, readCampaignStream, replayCampaign, type TestEnv } from './helpers.ts';

const GAMEHOST_DIR = join(import.meta.dir, '..');

interface HostProcess {
  hostId: string;
  url: string;
  proc: Subprocess<'ignore', 'pipe', 'pipe'>;
  log: string[];
}

describe('kill -9 a gamehost mid-campaign', () => {
  let env: TestEnv;
  let keys: TestKeys;
  let router: FakeRouter;
  let jwks: ReturnType<typeof Bun.serve>;
  const procs: HostProcess[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    keys = await createTestKeys();
    router = startFakeRouter();
    jwks = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => Response.json(keys.jwks) });
  });
  afterAll(async () => {
    for (const p of procs) p.proc.kill(9);
    await router.stop();
    await jwks.stop(true);
    await env.cleanup();
  });

  /** Starts `bun src/main.ts` (what `bun run --cwd gamehost start` runs) and waits until it is ready. */
  async function startHost(hostId: string): Promise<HostProcess> {
    const port = await freePort();
    const proc = Bun.spawn(['bun', 'src/main.ts'], {
      cwd: GAMEHOST_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        NATS_URL: TEST_NATS_URL,
        NATS_NAMESPACE: env.ns,
        HOST_ID: hostId,
        DATA_DIR: join(env.dir, hostId),
        SNAPSHOT_STORE: `file://${join(env.dir, 'snapshots')}`,
        SNAPSHOT_EVERY: '40',
        LEASE_TTL_MS: '1500',
        LLM_ROUTER_URL: router.url,
        JWKS_URL: `http://127.0.0.1:${jwks.port}/`,
      },
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const h: HostProcess = { hostId, url: `http://127.0.0.1:${port}`, proc, log: [] };
    for (const s of [proc.stdout, proc.stderr]) void (async () => { for await (const c of s) h.log.push(new TextDecoder().decode(c)); })();
    procs.push(h);
    await eventually(async () => (await fetch(`${h.url}/healthz/ready`)).ok, `${hostId} ready`, 15_000);
    return h;
  }

  test('another host (and then the restarted one) takes over; the final state equals a fresh replay, no event lost or applied twice', async () => {
    const id = 'kill-1';
    const players = ['p1', 'p2', 'p3'];
    await openRunningCampaign(env.bus, id, players);
    const hosts = [await startHost('host-a'), await startHost('host-b')];
    const ownerOf = async () => {
      const res = await fetch(`${hosts.find((h) => h.proc.exitCode === null && !h.proc.killed)!.url}/campaigns/${id}/owner`).catch(() => null);
      if (!res) return null;
      return res.ok ? ((await res.json()) as { hostId: string }).hostId : null;
    };
    const first = await eventually(ownerOf, 'an owner', 10_000);

    // players act all along (every third action completes a turn, so the game master narrates too)
    let published = 0;
    let publishing = true;
    const publisher = (async () => {
      while (publishing) {
        const i = published++;
        await publishGame(env.bus, id, GameSubjectKind.COMMANDS, GameEvent.ACTION_SUBMITTED, { userId: players[i % 3], actionId: `a${i}`, text: `action ${i}` });
        await Bun.sleep(4);
      }
    })();
    const live = (h: HostProcess) => h.proc.exitCode === null && !h.proc.killed;
    const kill = async (hostId: string) => {
      const victim = hosts.find((h) => h.hostId === hostId)!;
      victim.proc.kill(9);
      await victim.proc.exited;
      hosts.splice(hosts.indexOf(victim), 1);
    };
    const ownedBy = (hostId: string, what: string) => eventually(async () => (await ownerOf()) === hostId, what, 15_000, 50);

    await Bun.sleep(400);
    const other = hosts.find((h) => h.hostId !== first)!.hostId;
    await kill(first!); // 1. the owner dies mid-stream: the other host takes over
    await ownedBy(other, 'the other host to take over');
    const before = published;
    await eventually(async () => published > before + 50, 'more events');
    hosts.push(await startHost(first!)); // 2. the killed host comes back with the same id and data directory
    await Bun.sleep(300);
    await kill(other); // 3. the new owner dies too: the restarted one takes over
    await ownedBy(first!, 'the restarted host to take over');
    const again = published;
    await eventually(async () => published > again + 50, 'more events');
    publishing = false;
    await publisher;
    const total = published;
    expect(hosts.every(live)).toBe(true);

    // wait until the owner has applied everything the stream holds for the campaign (narrations included)
    const token = await signAccessToken(keys, { userId: 'p1' });
    const state = await eventually(
      async () => {
        const owner = await ownerOf();
        const host = hosts.find((h) => h.hostId === owner);
        if (!host) return null;
        const stream = await readCampaignStream(env.bus, id);
        const player = connectPlayer(host.url.replace('http', 'ws'), id, token);
        const sync = (await player.waitFor((m) => m.type === 'sync', 3000)) as Extract<LiveMessage, { type: 'sync' }>;
        player.close();
        const pending = sync.state.pending.length;
        return sync.state.lastSeq === stream.at(-1)!.seq && pending < players.length ? sync.state : null;
      },
      'the owner caught up',
      20_000,
      300,
    );
    const replayed = await replayCampaign(env.bus, id);
    expect(canonicalJson(state)).toBe(canonicalJson(replayed));

    const stream = await readCampaignStream(env.bus, id);
    expect(state.applied).toBe(stream.length);
    const actions = stream.filter((r) => r.envelope.type === GameEvent.ACTION_SUBMITTED);
    expect(actions).toHaveLength(total);
    // the game master kept going across both kills, and recorded each turn once
    const turns = stream.filter((r) => r.envelope.type === GameEvent.NARRATION_RECORDED).map((r) => (r.envelope.data as NarrationRecordedData).turn);
    expect(turns.length).toBeGreaterThan(20);
    expect(new Set(turns).size).toBe(turns.length);
    expect(turns).toEqual(turns.map((_, i) => i + 1));
    expect(state.narrations).toBe(turns.length);

    // a graceful stop (SIGTERM) snapshots the campaign at its last event, releases the lease and exits 0
    const owner = hosts.find((h) => h.hostId === first)!;
    owner.proc.kill('SIGTERM');
    expect(await owner.proc.exited).toBe(0);
    const snapshot = await createSnapshotStore(createFileStore(join(env.dir, 'snapshots'))).load(id);
    expect(canonicalJson(snapshot!.state)).toBe(canonicalJson(replayed));
    const leases = await new Kvm(env.bus.js).open(bucketNames(env.ns).leases);
    expect(await leases.get(`c.${id}`).then((e) => e?.operation ?? null)).not.toBe('PUT'); // released, not left to expire
    if (Bun.env.TEST_VERBOSE) console.log({ total, turns: turns.length, applied: state.applied, logs: procs.map((p) => [p.hostId, p.log.join('')]) });
  }, 90_000);
});
