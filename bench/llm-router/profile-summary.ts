/**
 * Summarises a `.cpuprofile` (from `BENCH_ROUTER_PROFILE=dir bun bench/llm-router/run.ts`) by sample COUNT, which
 * is CPU time on the JS thread (the profile's time deltas also absorb idle gaps, so they overstate whatever ran
 * just before the event loop slept). Groups self samples by package / source file, and lists the top functions.
 *   bun bench/llm-router/profile-summary.ts <file.cpuprofile> [top=40]
 */
export {};

const [file, topArg] = Bun.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const profile = (await Bun.file(file).json()) as { nodes: Node[]; samples: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map<number, number>();
for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
const total = profile.samples.length;
const group = (url: string) => {
  if (!url) return '(native/bun)';
  const pkg = /node_modules\/(?:\.bun\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const m = /\/work\/main\/(.+)$/.exec(url);
  return m ? m[1]! : url;
};
const groups = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, n] of counts) {
  const node = byId.get(id)!;
  const g = group(node.callFrame.url);
  groups.set(g, (groups.get(g) ?? 0) + n);
  const key = `${node.callFrame.functionName || '(anonymous)'} ${g}:${node.callFrame.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + n);
}
const pct = (n: number) => `${((n / total) * 100).toFixed(1)}%`.padStart(6);
console.log(`${total} samples`);
console.log('\nby package / file (self):');
for (const [g, n] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(n)} ${String(n).padStart(6)}  ${g}`);
console.log('\ntop functions (self):');
for (const [f, n] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 40))) console.log(`${pct(n)} ${String(n).padStart(6)}  ${f}`);
