/**
 * llm-router benchmark (loopback only, bounded, not part of `bun test`): `bun bench/llm-router/run.ts`
 *
 * Starts, each in its own process: a fake OpenAI-compatible upstream (JSON and SSE with usage, answering at once),
 * the router exactly as deployed (`bun run --cwd llm-router start`, a scratch PostgreSQL database, a private NATS
 * namespace, metering on, budgets set on the user, the campaign and the tier so every call reserves and settles),
 * and Portkey's open-source gateway (`@portkey-ai/gateway`, Node, bound to 127.0.0.1 by ./loopback.mjs). Then, for
 * JSON and SSE at 1 and 64 concurrent clients, it measures side by side in the same run: the fake called directly,
 * through the router, and through Portkey, in interleaved rounds (the order rotates each round). Added latency =
 * a proxy's p50/p99 minus the direct call's, per round; the table shows medians over rounds.
 *
 * Afterwards it checks that every call the router answered has its ledger row and its usage event on JetStream,
 * then stops every process it started, drops the database and deletes the namespace's streams.
 *
 * Env: BENCH_SECONDS (3, per measurement), BENCH_ROUNDS (3), BENCH_WARMUP_MS (1000), BENCH_TARGETS
 * (direct,router,portkey), BENCH_SCENARIOS (json-1,sse-1,json-64,sse-64), BENCH_ROUTER_PROFILE (a directory: run
 * the router under `bun --cpu-prof` instead of `bun run start`, the profile is written there at exit),
 * BENCH_JSON (a file to write the raw results to), BENCH_BUDGETS=0 (no budgets: measures what they cost), BENCH_ROUTER_DIR (another checkout of llm-router to start instead,
 * for before/after comparisons). `bun bench/llm-router/profile-summary.ts <file.cpuprofile>` summarises a profile.
 * Needs PostgreSQL (TEST_PG_URL) and NATS (TEST_NATS_URL) as the tests do; installs its own deps (npm) if missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { connectBus } from '@startales/kit';
import { Stream } from '@startales/contracts';
import { TEST_NATS_URL, createTestDatabase, deleteNamespaceStreams, freePort, uniqueName, type TestDatabase } from '@startales/testing';
import { median, quantile, runLoad, type Target } from './load.ts';

const HERE = import.meta.dir;
const ROOT = join(HERE, '..', '..');
const SECONDS = Number(Bun.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(Bun.env.BENCH_ROUNDS ?? 3);
const WARMUP_MS = Number(Bun.env.BENCH_WARMUP_MS ?? 1000);
const TARGETS = (Bun.env.BENCH_TARGETS ?? 'direct,router,portkey').split(',') as TargetName[];
const SCENARIOS = (Bun.env.BENCH_SCENARIOS ?? 'json-1,sse-1,json-64,sse-64').split(',');
const PROFILE_DIR = Bun.env.BENCH_ROUTER_PROFILE;
const SERVICE_TOKEN = 'bench-service-token';
const ADMIN_TOKEN = 'bench-admin-token';
const UPSTREAM_KEY = 'sk-bench-upstream';
const USER = 'bench-user';
const CAMPAIGN = 'bench-campaign';
/** Targets of the issue: router p50 added ≤ 0.5 ms, router req/s at 64 clients ≥ 5× Portkey's. */
const TARGET_ADDED_P50_MS = 0.5;
const TARGET_RPS_RATIO = 5;

type TargetName = 'direct' | 'router' | 'portkey';
const log = (...a: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const load1 = () => loadavg()[0]!.toFixed(2);

/* ---------- processes: each in its own process group, so stopping one stops its children too ---------- */

interface Child {
  name: string;
  proc: ChildProcess;
  out: string[];
  exited: Promise<number | null>;
}
const children: Child[] = [];

function start(name: string, cmd: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Child {
  const proc = spawn(cmd, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  const keep = (b: Buffer) => {
    out.push(b.toString());
    if (out.length > 200) out.splice(0, out.length - 200);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const child = { name, proc, out, exited };
  children.push(child);
  return child;
}

async function stop(child: Child, graceMs = 10_000): Promise<void> {
  const pid = child.proc.pid;
  if (pid === undefined || child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const done = await Promise.race([child.exited.then(() => true), Bun.sleep(graceMs).then(() => false)]);
  if (!done) {
    log(`${child.name} did not stop in ${graceMs} ms: SIGKILL`);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    await child.exited;
  }
  // the group may still hold a grandchild (bun run → bun src/main.ts) for a moment
  await Bun.sleep(50);
  try {
    process.kill(-pid, 0);
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* group empty */
  }
}

async function waitFor(what: string, child: Child, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`${what} exited (${child.proc.exitCode}):\n${child.out.join('')}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms:\n${child.out.join('')}`);
    await Bun.sleep(100);
  }
}

/** CPU seconds (user + system) used so far by every process of a process group (Linux /proc; 10 ms ticks). */
function groupCpuSeconds(pgid: number | undefined): number {
  if (pgid === undefined) return NaN;
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
    } catch {
      continue;
    }
    // fields after the parenthesised command: state ppid pgrp … utime(14) stime(15)
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / 100;
}

/** CPU seconds used so far by the given processes (/proc; processes that are gone count 0). */
function pidsCpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / 100;
}

/* ---------- setup ---------- */

let db: TestDatabase | undefined;
let ns: string | undefined;
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const child of [...children].reverse()) await stop(child).catch((e) => log(`stopping ${child.name}:`, e));
  if (db) await db.drop().catch((e) => log('dropping the database:', e));
  if (ns) await deleteNamespaceStreams(ns).catch((e) => log('deleting streams:', e));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

interface Sample {
  scenario: string;
  target: TargetName;
  round: number;
  p50: number;
  p99: number;
  rps: number;
  /** CPU time the proxy's processes used per request (µs), measured over the window; NaN for the direct call. */
  cpuUs: number;
  /** CPU time of the PostgreSQL backends serving the router's database per request (µs); router only. */
  pgCpuUs: number;
  completed: number;
  errors: number;
  load: number;
}

async function main() {
  if (!existsSync(join(HERE, 'node_modules', '@portkey-ai', 'gateway'))) {
    log('installing the benchmark dependencies (npm ci)');
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: HERE, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm ci failed in bench/llm-router');
  }
  log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const [fakePort, routerPort, portkeyPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const fake = start('fake upstream', 'bun', [join(HERE, 'fake-upstream.ts')], { cwd: HERE, env: { PORT: String(fakePort) } });
  await waitFor('fake upstream', fake, async () => (await fetch(`http://127.0.0.1:${fakePort}/healthz`)).ok);

  db = await createTestDatabase('llmr_bench');
  ns = uniqueName('lrbench');
  const routerEnv: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(routerPort),
    DATABASE_URL: db.url,
    NATS_URL: TEST_NATS_URL,
    NATS_NAMESPACE: ns,
    LLM_ROUTER_SERVICE_TOKEN: SERVICE_TOKEN,
    LLM_ROUTER_ADMIN_TOKEN: ADMIN_TOKEN,
    OPENAI_API_KEY: UPSTREAM_KEY,
    OPENAI_BASE_URL: `http://127.0.0.1:${fakePort}/v1`,
  };
  let router: Child;
  if (PROFILE_DIR) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    router = start('router', 'bun', ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, 'src/main.ts'], { cwd: join(ROOT, 'llm-router'), env: routerEnv });
  } else {
    router = start('router', 'bun', ['run', '--cwd', Bun.env.BENCH_ROUTER_DIR ?? 'llm-router', 'start'], { cwd: ROOT, env: routerEnv });
  }
  const routerUrl = `http://127.0.0.1:${routerPort}`;
  await waitFor('router', router, async () => (await fetch(`${routerUrl}/healthz/ready`)).ok);
  // budgets on every scope a call touches: each call reserves on three rows and settles them (limits far away)
  for (const path of Bun.env.BENCH_BUDGETS === '0' ? [] : [`user/${USER}`, `campaign/${CAMPAIGN}`, 'tier/ECONOMY']) {
    const r = await fetch(`${routerUrl}/v1/budgets/${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limitMicros: 1_000_000_000_000_000, period: 'month' }),
    });
    if (!r.ok) throw new Error(`PUT budget ${path}: ${r.status} ${await r.text()}`);
  }

  let portkey: Child | undefined;
  if (TARGETS.includes('portkey')) {
    portkey = start(
      'portkey',
      'node',
      ['--import', join(HERE, 'loopback.mjs'), join(HERE, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js'), `--port=${portkeyPort}`, '--headless'],
      { cwd: HERE, env: { NODE_ENV: 'production' } },
    );
    await waitFor('portkey', portkey, async () => (await fetch(`http://127.0.0.1:${portkeyPort}/`)).ok);
  }

  const messages = [
    { role: 'system', content: 'You are the narrator of a fantasy campaign. Answer in one sentence.' },
    { role: 'user', content: 'Describe the tavern the party just entered.' },
  ];
  const body = (model: string, stream: boolean) =>
    JSON.stringify({ model, messages, max_tokens: 256, ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}) });
  const targets = (stream: boolean): Record<TargetName, Target> => ({
    direct: { host: '127.0.0.1', port: fakePort, path: '/v1/chat/completions', headers: { authorization: `Bearer ${UPSTREAM_KEY}` }, body: body('gpt-4o-mini', stream) },
    router: {
      host: '127.0.0.1',
      port: routerPort,
      path: '/v1/chat/completions',
      headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'x-startales-user': USER, 'x-startales-campaign': CAMPAIGN, 'x-startales-purpose': 'narration' },
      body: body('openai/gpt-4o-mini', stream),
    },
    portkey: {
      host: '127.0.0.1',
      port: portkeyPort,
      path: '/v1/chat/completions',
      headers: { authorization: `Bearer ${UPSTREAM_KEY}`, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `http://127.0.0.1:${fakePort}/v1` },
      body: body('gpt-4o-mini', stream),
    },
  });
  const check = (target: TargetName, stream: boolean) => (status: number, text: string) => {
    if (status !== 200) throw new Error(`${target} answered ${status}: ${text.slice(0, 300)}`);
    if (stream && !text.includes('data: [DONE]')) throw new Error(`${target}: stream without [DONE]: ${text.slice(-300)}`);
    if (!/"usage":\{/.test(text)) throw new Error(`${target}: no usage in ${text.slice(-300)}`);
    if (target === 'router' && !/"cost_micros":\d+/.test(text)) throw new Error(`router: no cost_micros in ${text.slice(-300)}`);
  };

  const sql = new Bun.SQL(db.url, { max: 1 });
  /** The PostgreSQL backends serving the router (its database, not this script's own connection). */
  const routerBackends = async () =>
    ((await sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`) as Array<{ pid: number }>).map((r) => r.pid);
  const routerCalls = { answered: 0 };
  /** Waits until the router has written every finished call and published every event (its deferred work). */
  const drainRouter = async () => {
    const t0 = performance.now();
    for (let i = 0; i < 300; i++) {
      const [row] = await sql`select (select count(*) from llm_router.ledger_entry)::int as ledger, (select count(*) from llm_router.outbox_event)::int as outbox`;
      if (row.ledger >= routerCalls.answered && row.outbox === 0) return performance.now() - t0;
      await Bun.sleep(20);
    }
    throw new Error('router backlog not drained after 6 s');
  };

  const samples: Sample[] = [];
  const active = TARGETS.filter((t) => t === 'direct' || t === 'router' || (t === 'portkey' && portkey));
  for (const scenario of SCENARIOS) {
    const [mode, c] = scenario.split('-');
    const stream = mode === 'sse';
    const concurrency = Number(c);
    const all = targets(stream);
    log(`${scenario}: ${ROUNDS} rounds × ${active.join('/')} × ${SECONDS}s (load ${load1()})`);
    for (let round = 0; round < ROUNDS; round++) {
      const order = active.map((_, i) => active[(i + round) % active.length]!);
      for (const name of order) {
        const target = all[name];
        const warm = await runLoad({ target, concurrency, durationMs: WARMUP_MS, check: check(name, stream) });
        if (name === 'router') {
          routerCalls.answered += warm.completed;
          await drainRouter();
        }
        const pgid = name === 'router' ? router.proc.pid : name === 'portkey' ? portkey?.proc.pid : undefined;
        const backends = name === 'router' ? await routerBackends() : [];
        const pg0 = pidsCpuSeconds(backends);
        const cpu0 = groupCpuSeconds(pgid);
        const r = await runLoad({ target, concurrency, durationMs: SECONDS * 1000, check: check(name, stream) });
        if (name === 'router') {
          // the router's deferred work for these calls (ledger, settlement, usage events) counts in its CPU too
          routerCalls.answered += r.completed;
          const ms = await drainRouter();
          if (ms > 200) log(`  router backlog drained in ${ms.toFixed(0)} ms`);
        }
        const cpuUs = ((groupCpuSeconds(pgid) - cpu0) / r.completed) * 1e6;
        const pgCpuUs = name === 'router' ? ((pidsCpuSeconds(backends) - pg0) / r.completed) * 1e6 : NaN;
        const sorted = r.latencies.slice().sort();
        const s: Sample = { scenario, target: name, round, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), rps: r.rps, cpuUs, pgCpuUs, completed: r.completed, errors: r.errors, load: loadavg()[0]! };
        samples.push(s);
        log(`  ${scenario} r${round} ${name.padEnd(7)} p50 ${s.p50.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  ${s.rps.toFixed(0)} req/s  ${Number.isFinite(cpuUs) ? `cpu ${cpuUs.toFixed(0)} µs/req  ` : ''}${Number.isFinite(pgCpuUs) ? `pg ${pgCpuUs.toFixed(0)} µs/req  ` : ''}n=${s.completed}${s.errors ? ` errors=${s.errors}` : ''}  load ${s.load.toFixed(2)}`);
        if (r.errors) throw new Error(`${name}: ${r.errors} non-200 answers`);
      }
    }
  }

  // nothing metered is lost: one ledger row and one usage event per call the router answered
  await drainRouter();
  const [row] = await sql`select count(*)::int as n, coalesce(sum(cost_micros), 0)::bigint as cost from llm_router.ledger_entry`;
  // the admin read hands back the router's unused lease on the budget first: what stays reserved is held by calls
  const adminRead = await fetch(`${routerUrl}/v1/budgets/user/${USER}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (!adminRead.ok && adminRead.status !== 404) throw new Error(`GET budget: ${adminRead.status} ${await adminRead.text()}`);
  const [budget = { spent_micros: 0, reserved_micros: 0 }] = await sql`select spent_micros, reserved_micros from llm_router.budget where scope = 'user' and scope_id = ${USER}`;
  const bus = await connectBus({ url: TEST_NATS_URL, ns, name: 'llm-router-bench' });
  let events = 0;
  for (let i = 0; i < 100; i++) {
    events = (await bus.jsm.streams.info(bus.streamName(Stream.USAGE))).state.messages;
    if (events >= routerCalls.answered) break;
    await Bun.sleep(100);
  }
  await bus.close();
  await sql.close();
  const integrity = {
    routerAnswered: routerCalls.answered,
    ledgerRows: row.n,
    usageEvents: events,
    costMicros: Number(row.cost),
    userBudgetSpent: Number(budget.spent_micros),
    userBudgetReserved: Number(budget.reserved_micros),
  };
  log('integrity', integrity);

  report(samples, integrity);
  if (Bun.env.BENCH_JSON) await Bun.write(Bun.env.BENCH_JSON, JSON.stringify({ samples, integrity }, null, 2));
  if (integrity.ledgerRows !== integrity.routerAnswered || integrity.usageEvents !== integrity.routerAnswered || integrity.userBudgetReserved !== 0) {
    throw new Error('metering integrity check failed');
  }
}

function report(samples: Sample[], integrity: Record<string, number>) {
  const by = (scenario: string, target: TargetName) => samples.filter((s) => s.scenario === scenario && s.target === target);
  const f = (n: number, d = 3) => (Number.isFinite(n) ? n.toFixed(d) : '–');
  const lines: string[] = [];
  lines.push(`llm-router benchmark · ${ROUNDS} rounds × ${SECONDS}s per cell · medians over rounds · load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`);
  lines.push('');
  lines.push('| scenario | target | p50 ms | p99 ms | added p50 ms | added p99 ms | req/s | proxy CPU µs/req | its PostgreSQL CPU µs/req | load (1 min) |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const verdicts: string[] = [];
  for (const scenario of SCENARIOS) {
    const direct = by(scenario, 'direct');
    for (const target of TARGETS) {
      const rows = by(scenario, target);
      if (!rows.length) continue;
      // added latency per round (same round's direct figures), then the median over rounds
      const added = (k: 'p50' | 'p99') => (target === 'direct' ? NaN : median(rows.map((r) => r[k] - (direct.find((d) => d.round === r.round)?.[k] ?? NaN))));
      lines.push(
        `| ${scenario} | ${target} | ${f(median(rows.map((r) => r.p50)))} | ${f(median(rows.map((r) => r.p99)))} | ${target === 'direct' ? '' : f(added('p50'))} | ${target === 'direct' ? '' : f(added('p99'))} | ${f(median(rows.map((r) => r.rps)), 0)} | ${target === 'direct' ? '' : f(median(rows.map((r) => r.cpuUs)), 0)} | ${target === 'router' ? f(median(rows.map((r) => r.pgCpuUs)), 0) : ''} | ${f(median(rows.map((r) => r.load)), 2)} |`,
      );
      if (target === 'router' && scenario.endsWith('-1')) {
        const a = added('p50');
        verdicts.push(`${scenario}: router adds ${f(a)} ms p50 (target ≤ ${TARGET_ADDED_P50_MS}): ${a <= TARGET_ADDED_P50_MS ? 'MET' : 'NOT MET'}`);
      }
    }
    const router = by(scenario, 'router');
    const portkey = by(scenario, 'portkey');
    if (scenario.endsWith('-64') && router.length && portkey.length) {
      const ratio = median(router.map((r) => r.rps)) / median(portkey.map((r) => r.rps));
      verdicts.push(`${scenario}: router serves ${f(ratio, 2)}× Portkey's req/s (target ≥ ${TARGET_RPS_RATIO}×): ${ratio >= TARGET_RPS_RATIO ? 'MET' : 'NOT MET'}`);
    }
  }
  lines.push('');
  for (const v of verdicts) lines.push(`- ${v}`);
  lines.push(
    `- metering: ${integrity.routerAnswered} router calls answered, ${integrity.ledgerRows} ledger rows, ${integrity.usageEvents} usage events, user budget reserved ${integrity.userBudgetReserved} after the run`,
  );
  console.log(lines.join('\n'));
}

try {
  await main();
} catch (error) {
  log('failed:', error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
