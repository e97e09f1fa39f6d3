/**
 * The k6 scenarios, run here: starts the platform with the start command (its own database, NATS namespace and
 * ports), seeds players and running campaigns, then drives each scenario with autocannon in steps of concurrent
 * simulated players. A simulated player is one connection sending RATE requests per second (default 1: far busier
 * than a person, who acts every few seconds). Each step reports throughput, p50/p95/p99 and the error rate (HTTP
 * failures, timeouts and GraphQL errors); the ladder stops at the first step over p95 200 ms or 1 % errors.
 *
 *   bun load/local/run.ts                        # everything
 *   STEPS=25,50,100 STEP_SECONDS=10 RATE=1 SCENARIOS=browsing,playing bun load/local/run.ts
 *   GATEWAY_URL=http://127.0.0.1:4000/graphql … # against a platform already running (it must be seeded by us:
 *                                               # NATS_URL and NATS_NAMESPACE must be its own)
 */
import autocannon from 'autocannon';
import { join, resolve } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { BROWSE_OPEN, CAMPAIGN_PAGE, MAX_ERROR_RATE, ME, P95_TARGET_MS, REGISTER, SUBMIT_ACTION, registerInput } from '../operations.ts';
import { deleteNamespaceStreams } from '@startales/testing';
import { seed, type Fixture } from './seed.ts';

const ROOT = resolve(import.meta.dir, '..', '..');
const env = Bun.env;
const STEPS = (env.STEPS ?? '5,10,25,50,75,100,150,200,300,400').split(',').map(Number);
const STEP_SECONDS = Number(env.STEP_SECONDS ?? 10);
const RATE = Number(env.RATE ?? 1);
const SCENARIOS = (env.SCENARIOS ?? 'browsing,playing,registering').split(',');
const PORT_OFFSET = Number(env.STARTALES_PORT_OFFSET ?? 300);

type Scenario = 'browsing' | 'playing' | 'registering';

interface StepResult {
  scenario: Scenario;
  players: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errorRate: number;
  pass: boolean;
  /** 1-minute load average at the end of the step (2 cores: above ~2 something else competed for the CPU). */
  load1: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Starts `bun scripts/start.ts` on its own ports, database and namespace; resolves with the gateway URL. */
async function startPlatform(): Promise<{ url: string; natsUrl: string; ns: string; stop: () => Promise<void> }> {
  const tag = Date.now().toString(36);
  const ns = `load${tag}`;
  const natsUrl = env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const databaseUrl = env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/startales_load_${tag}`;
  const proc = Bun.spawn(['bun', 'scripts/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      STARTALES_PORT_OFFSET: String(PORT_OFFSET),
      STARTALES_DATA_DIR: mkdtempSync(join(tmpdir(), 'startales-load-')),
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      NATS_NAMESPACE: ns,
      LOG_LEVEL: 'error',
      // one load generator is one IP: the gateway's per-IP limit (1200/min) would be what we measure
      RATE_LIMIT_ENABLED: 'false',
      // no AI prose while measuring (there is no LLM provider here)
      PROSE_INTERVAL_MS: '3600000',
      DATABASE_POOL_MAX: env.DATABASE_POOL_MAX ?? '10',
    },
    stdout: 'pipe',
    stderr: 'inherit',
  });
  const decoder = new TextDecoder();
  let out = '';
  const reader = proc.stdout.getReader();
  const deadline = Date.now() + 120_000;
  while (!out.includes('Startales is up')) {
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`the platform did not start:\n${out.slice(-3000)}`);
    const { value, done } = await reader.read();
    if (done) break;
    out += decoder.decode(value);
  }
  // keep draining its output so it never blocks on a full pipe
  void (async () => {
    for (;;) if ((await reader.read()).done) break;
  })();
  const url = `http://127.0.0.1:${4000 + PORT_OFFSET}/graphql`;
  return {
    url,
    natsUrl,
    ns,
    async stop() {
      proc.kill('SIGTERM');
      await proc.exited;
      // leave nothing behind: the run's database and streams
      if (!env.DATABASE_URL) {
        const admin = new URL(databaseUrl);
        admin.pathname = '/postgres';
        const sql = new Bun.SQL(admin.toString(), { max: 1 });
        await sql.unsafe(`drop database if exists "startales_load_${tag}" with (force)`).catch(() => {});
        await sql.close();
      }
      await deleteNamespaceStreams(ns, natsUrl).catch(() => {});
    },
  };
}

/** One step: `players` connections at RATE req/s each for STEP_SECONDS, cycling the scenario's requests. */
function runStep(url: string, scenario: Scenario, players: number, fixture: Fixture): Promise<StepResult> {
  const target = new URL(url);
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let nextPlayer = 0;
  const tag = `${Date.now().toString(36)}${scenario[0]}`;
  let registrations = 0;
  const allPlayers = fixture.campaigns.flatMap((c) => c.players.map((token) => ({ token, campaignId: c.id })));
  const browsers = [...fixture.browsers, ...allPlayers.map((p) => p.token)];
  const campaignIds = fixture.campaigns.map((c) => c.id);

  const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
  type Ctx = { token?: string; campaignId?: string };
  const assign = (ctx: Ctx) => {
    if (ctx.token !== undefined) return;
    const i = nextPlayer++;
    if (scenario === 'playing') Object.assign(ctx, allPlayers[i % allPlayers.length]);
    else ctx.token = browsers[i % browsers.length];
  };
  const headers = (ctx: Ctx) => ({ 'content-type': 'application/json', ...(ctx.token ? { authorization: `Bearer ${ctx.token}` } : {}) });
  const onResponse = (status: number, resBody: string) => {
    if (status === 200 && resBody.includes('"errors"')) graphqlErrors++;
  };
  const req = (build: (ctx: Ctx) => string) => ({
    method: 'POST' as const,
    path: target.pathname,
    setupRequest: (request: Record<string, unknown>, context: Ctx) => {
      assign(context);
      return { ...request, headers: headers(context), body: build(context) };
    },
    onResponse,
  });
  const requests =
    scenario === 'browsing'
      ? [
          req(() => body(BROWSE_OPEN, {})),
          req(() => body(CAMPAIGN_PAGE, { id: campaignIds[Math.floor(Math.random() * campaignIds.length)] })),
          req(() => body(ME, {})),
        ]
      : scenario === 'playing'
        ? [
            req((ctx) => body(SUBMIT_ACTION, { id: ctx.campaignId, a: { actionId: crypto.randomUUID(), text: 'I search the room for hidden doors.' } })),
            req((ctx) => body(CAMPAIGN_PAGE, { id: ctx.campaignId })),
          ]
        : [req(() => body(REGISTER, { input: registerInput(`${tag}${(registrations++).toString(36)}`) }))];

  return new Promise((resolveStep, reject) => {
    const instance = autocannon(
      {
        url: target.origin,
        connections: players,
        connectionRate: RATE,
        duration: STEP_SECONDS,
        timeout: 10,
        initialContext: {},
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        requests: requests as any,
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        const failed = result.non2xx + result.errors + result.timeouts + graphqlErrors;
        const total = Math.max(1, result.requests.total);
        const p95 = percentile(latencies, 95);
        const errorRate = failed / total;
        resolveStep({
          scenario,
          players,
          requests: result.requests.total,
          rps: Math.round(result.requests.total / STEP_SECONDS),
          p50: percentile(latencies, 50),
          p95,
          p99: percentile(latencies, 99),
          errorRate,
          pass: p95 < P95_TARGET_MS && errorRate < MAX_ERROR_RATE,
          load1: Number(loadavg()[0]!.toFixed(2)),
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

async function main() {
  const started = Date.now();
  const platform = env.GATEWAY_URL
    ? { url: env.GATEWAY_URL, natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222', ns: env.NATS_NAMESPACE ?? '', stop: async () => {} }
    : await startPlatform();
  console.log(`platform up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${platform.url}`);
  const results: StepResult[] = [];
  try {
    const seedStart = Date.now();
    const fixture = await seed({ gatewayUrl: platform.url, natsUrl: platform.natsUrl, ns: platform.ns, campaigns: 10, playersPerCampaign: 10, browsers: 20 });
    console.log(`seeded ${fixture.campaigns.length} running campaigns, ${fixture.campaigns.length * 10 + 20} players in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    for (const scenario of SCENARIOS as Scenario[]) {
      // warm-up (JIT, connection pools, plan caches), not recorded
      await runStep(platform.url, scenario, 5, fixture);
      for (const players of STEPS) {
        const r = await runStep(platform.url, scenario, players, fixture);
        results.push(r);
        console.log(`${scenario.padEnd(12)} ${String(players).padStart(4)} players  ${String(r.rps).padStart(5)} req/s  p50 ${fmt(r.p50)} ms  p95 ${fmt(r.p95)} ms  p99 ${fmt(r.p99)} ms  errors ${(r.errorRate * 100).toFixed(2)} %  load ${r.load1}  ${r.pass ? 'ok' : 'OVER'}`);
        if (!r.pass) break;
        await Bun.sleep(1000);
      }
    }
  } finally {
    await platform.stop();
  }
  console.log('\n| scenario | players | req/s | p50 ms | p95 ms | p99 ms | errors | load avg | within target |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of results) console.log(`| ${r.scenario} | ${r.players} | ${r.rps} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${(r.errorRate * 100).toFixed(2)} % | ${r.load1} | ${r.pass ? 'yes' : 'no'} |`);
  console.log('');
  for (const scenario of SCENARIOS) {
    const best = results.filter((r) => r.scenario === scenario && r.pass).at(-1);
    console.log(`${scenario}: largest number of concurrent simulated players (${RATE} req/s each) with p95 < ${P95_TARGET_MS} ms and < 1 % errors: ${best ? best.players : 'none of the steps'}`);
  }
  await Bun.write(join(import.meta.dir, '..', 'results', `local-${new Date().toISOString().slice(0, 10)}.json`), JSON.stringify({ rate: RATE, stepSeconds: STEP_SECONDS, results }, null, 2));
}

await main();
process.exit(0);
