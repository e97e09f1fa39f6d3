/**
 * Gateway benchmark, one run on this machine: our gateway on Bun, plain @apollo/gateway in Apollo Server 5 on Node,
 * and Hive Gateway, each in turn against the same fixed subgraphs and the same nested federated query (three
 * subgraphs, four fetches). autocannon drives 50 connections; every response body is compared with the expected
 * answer (a mismatch, non-2xx, error or timeout is reported and fails the run).
 *
 *   cd bench/gateway && npm install && npm run bench        (BENCH_SECONDS=15, BENCH_CONNECTIONS=50)
 *
 * Writes .out/results.json and prints a table.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(here, '.out');
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SUBGRAPH_PORT = 4801;
const only = process.env.BENCH_ONLY?.split(',');

const children = new Set();
function start(name, command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, env: { ...process.env, ...options.env } });
  children.add(child);
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  child.on('exit', () => children.delete(child));
  return { child, log: () => log };
}
async function stop(proc) {
  if (proc.child.exitCode !== null) return;
  proc.child.kill('SIGTERM');
  await Promise.race([new Promise((r) => proc.child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
  if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
}
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

async function waitFor(check, what, proc, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {}
    if (proc?.child.exitCode != null || Date.now() > deadline) throw new Error(`${what} did not start:\n${proc?.log().slice(-3000) ?? ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const post = (url, query) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query }) });

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
}

async function drive(url, body, expectBody, duration) {
  const latencies = [];
  const instance = autocannon({
    url,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
    expectBody,
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round((result.requests.total / result.duration) * 10) / 10,
    total: result.requests.total,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    mismatches: result.mismatches,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const GATEWAYS = [
  {
    name: 'startales (Bun, Elysia + Yoga + @apollo/gateway)',
    key: 'ours',
    port: 4810,
    start: (sdl, port, extra = {}) =>
      start('ours', 'bun', ['src/main.ts'], {
        cwd: join(root, 'supergraph'),
        env: {
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          PORT: String(port),
          SUPERGRAPH_PATH: sdl,
          APOLLO_TELEMETRY_DISABLED: 'true',
          // no partner keys in this run; the users subgraph is not part of the fixture
          SUBGRAPH_USERS_URL: 'http://127.0.0.1:9/graphql',
          // rate limiting stays on (every request is counted in Redis), with limits no benchmark reaches
          NATS_NAMESPACE: `bench${Date.now()}`,
          RATE_LIMIT_IP_REQUESTS: '1000000000',
          RATE_LIMIT_IP_COST: '1000000000',
          ...extra,
        },
      }),
  },
  {
    name: 'startales, in-flight dedup off (SUBGRAPH_DEDUP=false)',
    key: 'oursNoDedup',
    port: 4813,
    start: (sdl, port) => GATEWAYS[0].start(sdl, port, { SUBGRAPH_DEDUP: 'false' }),
  },
  {
    name: 'Apollo Server 5 + @apollo/gateway (Node)',
    key: 'apollo',
    port: 4811,
    start: (sdl, port) => start('apollo', 'node', [join(here, 'apollo-node.mjs'), sdl, String(port)], { env: { NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true' } }),
  },
  {
    name: 'Hive Gateway (Node, default: dedups in-flight subgraph requests)',
    key: 'hive',
    port: 4812,
    start: (sdl, port) =>
      start('hive', 'node', [join(here, 'node_modules/@graphql-hive/gateway/dist/bin.js'), 'supergraph', sdl, '--host', '127.0.0.1', '--port', String(port)], {
        cwd: out,
        env: { NODE_ENV: 'production' },
      }),
  },
];

const subgraphs = start('subgraphs', 'bun', [join(here, 'subgraphs.ts'), String(SUBGRAPH_PORT)]);
await waitFor(() => subgraphs.log().includes('subgraphs ready'), 'subgraphs', subgraphs);
const sdl = join(out, 'supergraph.graphql');
const { query, expected } = JSON.parse(readFileSync(join(out, 'expected.json'), 'utf8'));
const body = JSON.stringify({ query });

const results = {};
for (const gw of GATEWAYS.filter((g) => !only || only.includes(g.key))) {
  const url = `http://127.0.0.1:${gw.port}/graphql`;
  const proc = gw.start(sdl, gw.port);
  try {
    await waitFor(async () => (await post(url, query)).status === 200, gw.name, proc);
    const text = await (await post(url, query)).text();
    if (!isDeepStrictEqual(JSON.parse(text), expected)) throw new Error(`${gw.name} answered wrongly: ${text.slice(0, 500)}`);
    await drive(url, body, text, 3); // warm-up (JIT, plan cache, connection pools)
    const r = await drive(url, body, text, seconds);
    results[gw.key] = { name: gw.name, ...r };
    console.log(`${gw.name}: ${r.requestsPerSecond} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms (${r.total} requests, ${r.mismatches} mismatches, ${r.non2xx} non-2xx, ${r.errors} errors)`);
  } finally {
    await stop(proc);
  }
}
await stop(subgraphs);

const ours = results.ours?.requestsPerSecond;
const summary = {
  date: new Date().toISOString(),
  machine: `${(await import('node:os')).cpus().length} cores`,
  connections,
  seconds,
  query,
  results,
  oursVsApollo: ours && results.apollo ? Math.round((ours / results.apollo.requestsPerSecond) * 100) / 100 : undefined,
  oursVsHive: ours && results.hive ? Math.round((ours / results.hive.requestsPerSecond) * 100) / 100 : undefined,
  oursNoDedupVsApollo: results.oursNoDedup && results.apollo ? Math.round((results.oursNoDedup.requestsPerSecond / results.apollo.requestsPerSecond) * 100) / 100 : undefined,
};
writeFileSync(join(out, 'results.json'), JSON.stringify(summary, null, 2));
console.log('\n| gateway | req/s | p50 ms | p95 ms | p99 ms | checked responses | wrong |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of Object.values(results)) {
  console.log(`| ${r.name} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.total} | ${r.mismatches + r.non2xx + r.errors + r.timeouts} |`);
}
console.log(`\nours / apollo-on-node: ${summary.oursVsApollo}×, ours / hive: ${summary.oursVsHive}×, ours without dedup / apollo-on-node: ${summary.oursNoDedupVsApollo}×`);
const failed = Object.values(results).some((r) => r.mismatches || r.non2xx || r.errors || r.timeouts);
process.exit(failed ? 1 : 0);
