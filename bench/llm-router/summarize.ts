/**
 * Pools several runs' raw samples (`BENCH_JSON=… bun bench/llm-router/run.ts`) into one table of medians over all
 * their rounds. The router/Portkey req/s ratio is taken per round (the two ran seconds apart, under the same load)
 * and its median reported, which is steadier on a shared machine than a ratio of medians.
 *   bun bench/llm-router/summarize.ts run1.json run2.json …
 */
import { median } from './load.ts';

interface Sample {
  scenario: string;
  target: string;
  round: number;
  p50: number;
  p99: number;
  rps: number;
  cpuUs: number;
  pgCpuUs?: number | null;
  load: number;
}

const files = Bun.argv.slice(2);
if (!files.length) throw new Error('usage: summarize.ts <run.json>…');
const runs = await Promise.all(files.map(async (f) => ((await Bun.file(f).json()) as { samples: Sample[] }).samples));
// rounds are numbered per run: key them by run as well
const samples = runs.flatMap((s, run) => s.map((x) => ({ ...x, key: `${run}:${x.round}` })));
const scenarios = [...new Set(samples.map((s) => s.scenario))];
const targets = [...new Set(samples.map((s) => s.target))];
const f = (n: number, d = 3) => (Number.isFinite(n) ? n.toFixed(d) : '–');
const num = (v: number | null | undefined) => (typeof v === 'number' ? v : NaN);

console.log(`${files.length} runs, ${new Set(samples.map((s) => s.key)).size} rounds; load average (1 min) during the runs: ${f(Math.min(...samples.map((s) => s.load)), 2)}–${f(Math.max(...samples.map((s) => s.load)), 2)}, median ${f(median(samples.map((s) => s.load)), 2)}`);
console.log('');
console.log('| scenario | target | p50 ms | p99 ms | added p50 ms | added p99 ms | req/s | proxy CPU µs/req | its PostgreSQL CPU µs/req |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const scenario of scenarios) {
  const direct = new Map(samples.filter((s) => s.scenario === scenario && s.target === 'direct').map((s) => [s.key, s]));
  for (const target of targets) {
    const rows = samples.filter((s) => s.scenario === scenario && s.target === target);
    if (!rows.length) continue;
    const added = (k: 'p50' | 'p99') => median(rows.map((r) => r[k] - (direct.get(r.key)?.[k] ?? NaN)).filter(Number.isFinite));
    const isDirect = target === 'direct';
    console.log(
      `| ${scenario} | ${target} | ${f(median(rows.map((r) => r.p50)))} | ${f(median(rows.map((r) => r.p99)))} | ${isDirect ? '' : f(added('p50'))} | ${isDirect ? '' : f(added('p99'))} | ${f(median(rows.map((r) => r.rps)), 0)} | ${isDirect ? '' : f(median(rows.map((r) => num(r.cpuUs))), 0)} | ${target === 'router' ? f(median(rows.map((r) => num(r.pgCpuUs)).filter(Number.isFinite)), 0) : ''} |`,
    );
  }
  const router = new Map(samples.filter((s) => s.scenario === scenario && s.target === 'router').map((s) => [s.key, s]));
  const ratios = samples.filter((s) => s.scenario === scenario && s.target === 'portkey' && router.has(s.key)).map((p) => router.get(p.key)!.rps / p.rps);
  if (ratios.length) console.log(`|  | router ÷ Portkey req/s, per round | median ${f(median(ratios), 2)}× | min ${f(Math.min(...ratios), 2)}× | max ${f(Math.max(...ratios), 2)}× |  |  |  |  |`);
}
