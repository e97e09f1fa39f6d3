/**
 * gamehost benchmark (loopback, bounded; not part of `bun test`): `bun bench/gamehost/run.ts`
 *
 *  1. throughput: events/s one gamehost process applies with durable state (SQLite commit + log row + broadcast,
 *     ack) against a bare JetStream publish → durable consume → ack loop in a process of its own, same client,
 *     same publisher, same run.
 *  2. latency: event publish → player update over the WebSocket, p50/p99, 200 campaigns × 10 players.
 *  3. capacity: concurrent players one host holds with update p99 < 100 ms, in steps of 50-player campaigns.
 *
 * The game master stays quiet here (one joined player never acts and the turn timer is an hour), so the figures are
 * the host's own work; narration streaming is covered by the tests. Env: BENCH_EVENTS (20000), BENCH_SECONDS (8),
 * BENCH_MAX_PLAYERS (12000), BENCH_PHASES (throughput,latency,capacity), BENCH_LATENCY_RATE (1000 events/s),
 * BENCH_HOST_FLAGS (extra `bun` flags for the host, e.g. a CPU profile), BENCH_DEBUG (when the slow updates were sent).
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import type { Subprocess } from 'bun';
import { connectBus, createEnvelope, type Bus } from '@startales/kit';
import { GameEvent, GameSubjectKind, Stream, gameSubject } from '@startales/contracts';
import { Recorder, cpuSeconds, fmt, percentile } from './stats.ts';
import { createTestKeys, freePort, signAccessToken, uniqueName, type TestKeys } from '@startales/testing';

const EVENTS = Number(Bun.env.BENCH_EVENTS ?? 20_000);
const SECONDS = Number(Bun.env.BENCH_SECONDS ?? 8);
const MAX_PLAYERS = Number(Bun.env.BENCH_MAX_PLAYERS ?? 12_000);
const ROOT = join(import.meta.dir, '..', '..');
const ns = uniqueName('bench');
const dir = mkdtempSync(join(tmpdir(), `${ns}-`));
const children: Subprocess[] = [];
const log = (...a: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

/**
 * Its own nats-server (JetStream in a scratch directory) unless BENCH_NATS_URL is given: the figures do not depend on
 * what else the shared server is doing, and the load does not disturb anyone else's tests.
 */
let natsProc: Subprocess | undefined;
async function startNats(): Promise<string> {
  if (Bun.env.BENCH_NATS_URL) return Bun.env.BENCH_NATS_URL;
  const port = await freePort();
  const bin = Bun.which('nats-server') ?? '/usr/sbin/nats-server';
  const proc = Bun.spawn([bin, '-js', '-a', '127.0.0.1', '-p', String(port), '-sd', join(dir, 'nats')], { stdout: 'ignore', stderr: 'ignore', stdin: 'ignore' });
  natsProc = proc;
  for (let i = 0; i < 100; i++) {
    const ok = await Bun.connect({ hostname: '127.0.0.1', port, socket: { data() {} } }).then((s) => (s.end(), true), () => false);
    if (ok) break;
    await Bun.sleep(50);
  }
  return `nats://127.0.0.1:${port}`;
}
const NATS_URL = await startNats();
const bus = await connectBus({ url: NATS_URL, ns, name: 'bench' });
await bus.ensureStreams([Stream.GAME, Stream.DOMAIN]);
const keys = await createTestKeys();
const jwks = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => Response.json(keys.jwks) });

/** Publishes `n` envelopes with up to 256 in flight; returns the last stream sequence. */
async function publishMany(n: number, make: (i: number) => [string, ReturnType<typeof createEnvelope>]): Promise<number> {
  const inflight = new Set<Promise<unknown>>();
  let last = 0;
  for (let i = 0; i < n; i++) {
    const [subj, env] = make(i);
    const p = bus.publish(subj, env).then((a) => (last = Math.max(last, a.seq)));
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    if (inflight.size >= 256) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  return last;
}

const action = (campaignId: string, userId: string, i: number, text: string) =>
  [gameSubject(campaignId, GameSubjectKind.COMMANDS), createEnvelope(GameEvent.ACTION_SUBMITTED, { campaignId, userId, actionId: `a${i}`, text }, 'service:campaigns')] as [string, ReturnType<typeof createEnvelope>];

async function lines(proc: Subprocess<'ignore', 'pipe', 'inherit'>, onLine: (l: string) => void) {
  let buf = '';
  for await (const chunk of proc.stdout) {
    buf += new TextDecoder().decode(chunk);
    let i;
    while ((i = buf.indexOf('\n')) >= 0) (onLine(buf.slice(0, i)), (buf = buf.slice(i + 1)));
  }
}

/** The raw loop in its own process: live (publish while it consumes) or draining a backlog published before. */
async function rawBaseline(mode: 'live' | 'backlog'): Promise<number> {
  const subject = `game.raw${mode}.commands`;
  if (mode === 'backlog') await publishMany(EVENTS, (i) => action(`raw${mode}`, 'p1', i, `move ${i} towards the lantern gate`));
  const proc = Bun.spawn(['bun', join(import.meta.dir, 'raw-consumer.ts')], { env: { ...process.env, NATS_URL, NATS_NAMESPACE: ns, COUNT: String(EVENTS), SUBJECT: subject }, stdout: 'pipe', stderr: 'inherit', stdin: 'ignore' });
  children.push(proc);
  let ready!: () => void;
  let done!: (t: { start: number; done: number }) => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const finished = new Promise<{ start: number; done: number }>((r) => (done = r));
  void lines(proc, (l) => (l === 'ready' ? ready() : l.startsWith('{') && done(JSON.parse(l))));
  await isReady;
  if (mode === 'backlog') {
    const t = await finished;
    return EVENTS / ((t.done - t.start) / 1000);
  }
  const t0 = Date.now();
  await publishMany(EVENTS, (i) => action(`raw${mode}`, 'p1', i, `move ${i} towards the lantern gate`));
  return EVENTS / (((await finished).done - t0) / 1000);
}

interface Host {
  url: string;
  proc: Subprocess;
  stop(): Promise<void>;
}

async function startHost(name: string): Promise<Host> {
  const port = await freePort();
  // BENCH_HOST_FLAGS, e.g. `--cpu-prof-md --cpu-prof-dir=/tmp/gh-prof`, to profile the host
  const flags = (Bun.env.BENCH_HOST_FLAGS ?? '').split(' ').filter(Boolean);
  const proc = Bun.spawn(['bun', ...flags, 'src/main.ts'], {
    cwd: join(ROOT, 'gamehost'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      NATS_URL,
      NATS_NAMESPACE: ns,
      HOST_ID: name,
      DATA_DIR: join(dir, name),
      SNAPSHOT_STORE: `file://${join(dir, 'snapshots')}`,
      LEASE_TTL_MS: '10000',
      TURN_TIMEOUT_MS: '3600000',
      JWKS_URL: `http://127.0.0.1:${jwks.port}/`,
    },
    stdin: 'ignore',
    stdout: 'inherit',
    stderr: 'inherit',
  });
  children.push(proc);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${url}/healthz/ready`).then((r) => r.ok, () => false)) break;
    await Bun.sleep(100);
  }
  return {
    url,
    proc,
    async stop() {
      proc.kill('SIGTERM');
      await Promise.race([proc.exited, Bun.sleep(15_000)]);
    },
  };
}

/** Opens campaigns (one session open for the next hour) with `players` joined, and waits until `host` owns them. */
async function openCampaigns(host: Host, ids: string[], players: number) {
  const now = Date.now();
  await publishMany(ids.length * (players + 1), (i) => {
    const campaignId = ids[Math.floor(i / (players + 1))]!;
    const k = i % (players + 1);
    if (k === 0) {
      const sessions = [{ index: 0, startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() }];
      const data = { campaignId, seed: campaignId, title: 'bench', mode: 'WEEKLY', llmTier: 'ECONOMY', lengthWeeks: 4, playHoursPerWeek: 3, maxPlayers: 50, startsAt: sessions[0]!.startsAt, sessions };
      return [gameSubject(campaignId, GameSubjectKind.LIFECYCLE), createEnvelope(GameEvent.CAMPAIGN_OPENED, data, 'service:campaigns')];
    }
    return [gameSubject(campaignId, GameSubjectKind.LIFECYCLE), createEnvelope(GameEvent.PLAYER_JOINED, { campaignId, userId: `${campaignId}-u${k - 1}`, handle: `u${k - 1}` }, 'service:campaigns')];
  });
  const pending = new Set(ids);
  for (let round = 0; pending.size && round < 600; round++) {
    await Promise.all([...pending].map(async (id) => (await fetch(`${host.url}/campaigns/${id}/owner`)).ok && pending.delete(id)));
    if (pending.size) await Bun.sleep(100);
  }
  if (pending.size) throw new Error(`${pending.size} campaigns never got an owner`);
}

/** Connects players (a few hundred at a time); resolves with the sockets once each got its SYNC. */
async function connectPlayers(host: Host, who: Array<{ campaignId: string; userId: string }>, recorder: Recorder): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  const wsUrl = host.url.replace('http', 'ws');
  for (let i = 0; i < who.length; i += 250) {
    const batch = who.slice(i, i + 250);
    const tokens = await Promise.all(batch.map((p) => signAccessToken(keys, { userId: p.userId, expiresIn: 3600 })));
    await Promise.all(
      batch.map(
        (p, j) =>
          new Promise<void>((resolve, reject) => {
            let attempts = 0;
            // right after a campaign is claimed its roster may not be applied yet: retry refusals for a while
            const attempt = () => {
              const ws = new WebSocket(`${wsUrl}/campaigns/${p.campaignId}/live?token=${tokens[j]}`);
              let synced = false;
              ws.onmessage = (e) => {
                const data = String(e.data);
                if (!synced && data.startsWith('{"type":"sync"')) (synced = true), sockets.push(ws), resolve();
                recorder.record(data);
              };
              ws.onclose = (e) => {
                if (synced) return;
                if (++attempts < 250) setTimeout(attempt, 20);
                else reject(new Error(`player refused: ${e.code} ${e.reason}`));
              };
            };
            attempt();
          }),
      ),
    );
  }
  return sockets;
}

/** Publish → JetStream PubAck times (ms) of the last load: what NATS itself adds. */
let ackMs: number[] = [];

/** Publishes `perSecond` actions spread over the campaigns for `seconds`, each stamped with its send time. */
async function load(ids: string[], actingPlayers: number, perSecond: number, seconds: number) {
  ackMs = [];
  const tickMs = 10;
  const perTick = perSecond / (1000 / tickMs);
  let carry = 0;
  let i = 0;
  const end = performance.now() + seconds * 1000;
  const inflight = new Set<Promise<unknown>>();
  while (performance.now() < end) {
    const tickStart = performance.now();
    carry += perTick;
    for (; carry >= 1; carry--, i++) {
      const campaignId = ids[i % ids.length]!;
      const userId = `${campaignId}-u${Math.floor(i / ids.length) % actingPlayers}`;
      const sent = performance.now();
      const [subj, env] = action(campaignId, userId, i, `t=${sent.toFixed(3)}`);
      const p = bus.publish(subj, env).then(() => void (ackMs.length < 1_000_000 && ackMs.push(performance.now() - sent)), () => {});
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    await Bun.sleep(Math.max(0, tickMs - (performance.now() - tickStart)));
  }
  await Promise.all(inflight);
  await Bun.sleep(300);
}

/** Runs `fn`, returning the CPU share (% of one core) the host and this process used meanwhile. */
async function withCpu<T>(host: Host, fn: () => Promise<T>): Promise<[T, { host: number; bench: number }]> {
  const [h0, b0, t0] = [await cpuSeconds(host.proc.pid), process.cpuUsage(), performance.now()];
  const result = await fn();
  const [h1, b1, secs] = [await cpuSeconds(host.proc.pid), process.cpuUsage(b0), (performance.now() - t0) / 1000];
  return [result, { host: ((h1 - h0) / secs) * 100, bench: ((b1.user + b1.system) / 1e6 / secs) * 100 }];
}



async function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for await (const name of bus.jsm.streams.names()) if (name.startsWith(`${ns}_`) || name.startsWith(`KV_${ns}_`)) await bus.jsm.streams.delete(name).catch(() => {});
  await bus.close().catch(() => {});
  if (natsProc && natsProc.exitCode === null) (natsProc.kill('SIGTERM'), await natsProc.exited);
  jwks.stop(true);
  rmSync(dir, { recursive: true, force: true });
}

try {
  log(`namespace ${ns} on ${NATS_URL}; ${cpus().length} cores; ${EVENTS} events for throughput`);
  const phases = new Set((Bun.env.BENCH_PHASES ?? 'throughput,latency,capacity').split(','));
  let raw = Number.NaN;
  let applied = Number.NaN;
  let rawBacklog = Number.NaN;
  let appliedBacklog = Number.NaN;
  let lat = { n: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  let cpu2 = { host: Number.NaN, bench: Number.NaN };
  let ack2 = { p50: Number.NaN, p99: Number.NaN };
  let players2 = 0;
  const steps: Array<{ players: number; campaigns: number; updatesPerSec: number; p50: number; p99: number; n: number; cpuHost: number; cpuBench: number; ackP99: number }> = [];
  if (phases.has('throughput')) {
  // 1. throughput, live: the publisher and the consumer run at once
  raw = await rawBaseline('live');
  log(`raw loop (live): ${fmt(raw, 0)} events/s`);
  const h1 = await startHost('bench-tput');
  const tput = 'tput';
  await openCampaigns(h1, [tput], 10);
  const rec1 = new Recorder();
  const [watcher] = await connectPlayers(h1, [{ campaignId: tput, userId: `${tput}-u9` }], rec1);
  let lastSeen = 0;
  let target = Number.POSITIVE_INFINITY;
  let reached!: (t: number) => void;
  const done = new Promise<number>((r) => (reached = r));
  watcher!.addEventListener('message', (e) => {
    const m = /^\{"type":"event","seq":(\d+)/.exec(String(e.data));
    if (m) (lastSeen = Number(m[1])), lastSeen >= target && reached(Date.now());
  });
  const t0 = Date.now();
  target = await publishMany(EVENTS, (i) => action(tput, `${tput}-u${i % 9}`, i, `move ${i} towards the lantern gate`));
  if (lastSeen >= target) reached(Date.now());
  const t1 = await Promise.race([done, Bun.sleep(120_000).then(() => Number.NaN)]);
  applied = EVENTS / ((t1 - t0) / 1000);
  log(`gamehost (live): ${fmt(applied, 0)} events/s`);
  watcher!.close();
  await h1.stop();

  // 1b. throughput, backlog: the events wait in the stream; how fast does a consumer drain them
  rawBacklog = await rawBaseline('backlog');
  log(`raw loop (backlog): ${fmt(rawBacklog, 0)} events/s`);
  const backlogId = 'backlog';
  const last = await publishMany(EVENTS + 11, (i) => {
    if (i === 0) {
      const now = Date.now();
      const sessions = [{ index: 0, startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() }];
      const data = { campaignId: backlogId, seed: 's', title: 'bench', mode: 'WEEKLY', llmTier: 'ECONOMY', lengthWeeks: 4, playHoursPerWeek: 3, maxPlayers: 50, startsAt: sessions[0]!.startsAt, sessions };
      return [gameSubject(backlogId, GameSubjectKind.LIFECYCLE), createEnvelope(GameEvent.CAMPAIGN_OPENED, data, 'service:campaigns')];
    }
    if (i <= 10) return [gameSubject(backlogId, GameSubjectKind.LIFECYCLE), createEnvelope(GameEvent.PLAYER_JOINED, { campaignId: backlogId, userId: `${backlogId}-u${i - 1}`, handle: 'h' }, 'service:campaigns')];
    return action(backlogId, `${backlogId}-u${i % 9}`, i, `move ${i} towards the lantern gate`);
  });
  const h1b = await startHost('bench-backlog');
  const readyAt = Date.now();
  const token = await signAccessToken(keys, { userId: `${backlogId}-u9`, expiresIn: 3600 });
  const caughtUpAt = await new Promise<number>((resolve) => {
    const attempt = () => {
      const ws = new WebSocket(`${h1b.url.replace('http', 'ws')}/campaigns/${backlogId}/live?token=${token}`);
      ws.onmessage = (e) => {
        const m = /"seq":(\d+)/.exec(String(e.data));
        if (m && Number(m[1]) >= last) (resolve(Date.now()), ws.close());
      };
      ws.onclose = (e) => e.code !== 1000 && e.code !== 1005 && setTimeout(attempt, 5);
    };
    attempt();
  });
  appliedBacklog = EVENTS / ((caughtUpAt - readyAt) / 1000);
  log(`gamehost (backlog): ${fmt(appliedBacklog, 0)} events/s (claim + restore + replay, from ready to caught up)`);
  await h1b.stop();
  }

  if (phases.has('latency')) {
  // 2. latency, 200 campaigns × 10 players
  const h2 = await startHost('bench-latency');
  const ids2 = Array.from({ length: 200 }, (_, i) => `lat${i}`);
  await openCampaigns(h2, ids2, 10);
  const rec2 = new Recorder();
  const sockets2 = await connectPlayers(h2, ids2.flatMap((c) => Array.from({ length: 10 }, (_, k) => ({ campaignId: c, userId: `${c}-u${k}` }))), rec2);
  log(`latency: ${sockets2.length} players connected`);
  const rate2 = Number(Bun.env.BENCH_LATENCY_RATE ?? 1000);
  rec2.on = true;
  const loadStart = performance.now();
  [, cpu2] = await withCpu(h2, () => load(ids2, 9, rate2, SECONDS));
  if (Bun.env.BENCH_DEBUG) {
    const slow = rec2.slow(50, loadStart);
    const buckets = new Map<number, number>();
    for (const t of slow) buckets.set(Math.floor(t / 100) * 100, (buckets.get(Math.floor(t / 100) * 100) ?? 0) + 1);
    log('slow updates (≥ 50 ms) by send time (100 ms buckets):', JSON.stringify([...buckets].sort((a, b) => a[0] - b[0])));
  }
  lat = rec2.stats();
  players2 = sockets2.length;
  ack2 = { p50: percentile(ackMs, 0.5), p99: percentile(ackMs, 0.99) };
  log(`latency: ${lat.n} updates, p50 ${fmt(lat.p50)} ms, p99 ${fmt(lat.p99)} ms, cpu host ${fmt(cpu2.host, 0)} % bench ${fmt(cpu2.bench, 0)} %, publish ack p50 ${fmt(ack2.p50)} p99 ${fmt(ack2.p99)} ms`);
  for (const s of sockets2) s.close();
  await h2.stop();
  }

  if (phases.has('capacity')) {
  // 3. capacity: 50-player campaigns, 2 actions/s per campaign, grow until p99 ≥ 100 ms
  const h3 = await startHost('bench-capacity');
  const rec3 = new Recorder();
  const sockets3: WebSocket[] = [];
  const ids3: string[] = [];
  for (let players = 2000; players <= MAX_PLAYERS; players += 2000) {
    const add = Array.from({ length: players / 50 - ids3.length }, (_, i) => `cap${ids3.length + i}`);
    await openCampaigns(h3, add, 50);
    ids3.push(...add);
    try {
      sockets3.push(...(await connectPlayers(h3, add.flatMap((c) => Array.from({ length: 50 }, (_, k) => ({ campaignId: c, userId: `${c}-u${k}` }))), rec3)));
    } catch (error) {
      log(`capacity: could not connect ${players} players: ${(error as Error).message}`);
      break;
    }
    // a step that misses is measured once more: one stall of the shared machine should not end the ramp
    let s = rec3.stats();
    let cpu = { host: Number.NaN, bench: Number.NaN };
    for (let attempt = 0; attempt < 2; attempt++) {
      rec3.reset();
      rec3.on = true;
      [, cpu] = await withCpu(h3, () => load(ids3, 49, ids3.length * 2, SECONDS));
      rec3.on = false;
      s = rec3.stats();
      if (s.p99 < 100) break;
      log(`capacity: ${sockets3.length} players missed (p99 ${fmt(s.p99)} ms, publish ack p99 ${fmt(percentile(ackMs, 0.99))} ms)${attempt ? '' : '; measuring again'}`);
      await Bun.sleep(3000); // let whatever queued up drain first
    }
    steps.push({ players: sockets3.length, campaigns: ids3.length, updatesPerSec: Math.round(s.n / SECONDS), p50: s.p50, p99: s.p99, n: s.n, cpuHost: cpu.host, cpuBench: cpu.bench, ackP99: percentile(ackMs, 0.99) });
    log(`capacity: ${sockets3.length} players, p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms, cpu host ${fmt(cpu.host, 0)} % bench ${fmt(cpu.bench, 0)} %, publish ack p99 ${fmt(percentile(ackMs, 0.99))} ms`);
    if (s.p99 >= 100) break;
  }
  for (const s of sockets3) s.close();
  await h3.stop();
  }
  const held = steps.filter((s) => s.p99 < 100).at(-1);

  const out = [
    '',
    `gamehost benchmark — ${cpus().length} cores, loopback, bun ${Bun.version}, one gamehost process`,
    '',
    `throughput (events/s, ${EVENTS} events)   raw JetStream loop   gamehost (durable apply)   ratio    target`,
    `  live (publishing meanwhile)           ${fmt(raw, 0).padStart(8)}             ${fmt(applied, 0).padStart(8)}            ${fmt((applied / raw) * 100, 0).padStart(4)} %   ≥ 50 %`,
    `  backlog (drain a full stream)         ${fmt(rawBacklog, 0).padStart(8)}             ${fmt(appliedBacklog, 0).padStart(8)}            ${fmt((appliedBacklog / rawBacklog) * 100, 0).padStart(4)} %   ≥ 50 %`,
    '',
    'event → player update (WebSocket)   players   updates/s   p50 ms   p99 ms   host cpu   (publish ack p50/p99 ms)   target',
    `  200 campaigns × 10 players        ${String(players2).padStart(7)}   ${String(Math.round(lat.n / SECONDS)).padStart(9)}   ${fmt(lat.p50).padStart(6)}   ${fmt(lat.p99).padStart(6)}   ${fmt(cpu2.host, 0).padStart(6)} %   (${fmt(ack2.p50)} / ${fmt(ack2.p99)})                 p99 < 50 ms`,
    '',
    'capacity (50-player campaigns, 2 actions/s each)',
    '  players   campaigns   updates/s   p50 ms   p99 ms   host cpu   bench cpu   (publish ack p99 ms)',
    ...steps.map((s) => `  ${String(s.players).padStart(7)}   ${String(s.campaigns).padStart(9)}   ${String(s.updatesPerSec).padStart(9)}   ${fmt(s.p50).padStart(6)}   ${fmt(s.p99).padStart(6)}   ${fmt(s.cpuHost, 0).padStart(6)} %   ${fmt(s.cpuBench, 0).padStart(7)} %   (${fmt(s.ackP99)})`),
    `  → largest step with p99 < 100 ms: ${held ? `${held.players} players` : 'none'}${steps.length && steps.at(-1)!.p99 < 100 ? ` (the bench stops at ${MAX_PLAYERS})` : ''}`,
    '',
  ];
  console.log(out.join('\n'));
} finally {
  await cleanup();
}
