import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHART = join(import.meta.dir, '..', 'startales');
const BUILD = join(import.meta.dir, '..', 'tools', 'render', 'build.sh');

/** One rendered Kubernetes object and the template it came from. */
export interface Manifest {
  template: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  object: any;
}

export interface Rendered {
  manifests: Manifest[];
  notes: string;
  dependencies: Array<{ name: string; enabled: boolean }>;
}

let binary: string | undefined;

/** Builds the Go renderer (text/template + sprig + Helm's functions, from Debian's packages) once per run. */
export function renderer(): string {
  if (binary) return binary;
  const proc = Bun.spawnSync(['bash', BUILD], { stdout: 'pipe', stderr: 'pipe' });
  if (proc.exitCode !== 0) throw new Error(`building the chart renderer failed:\n${proc.stderr.toString()}`);
  binary = proc.stdout.toString().trim().split('\n').pop()!;
  return binary;
}

/** Renders the chart with extra values (as YAML/JSON objects, later ones win); throws the renderer's error. */
export function render(...values: object[]): Rendered {
  const result = tryRender(...values);
  if (!result.ok) throw new Error(result.error);
  return result.rendered;
}

export function tryRender(...values: object[]): { ok: true; rendered: Rendered } | { ok: false; error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'chart-values-'));
  const args = values.flatMap((v, i) => {
    const file = join(dir, `values-${i}.json`);
    writeFileSync(file, JSON.stringify(v));
    return ['-f', file];
  });
  const proc = Bun.spawnSync([renderer(), '-chart', CHART, '-strict', ...args], { stdout: 'pipe', stderr: 'pipe' });
  if (proc.exitCode !== 0) return { ok: false, error: proc.stderr.toString() };
  return { ok: true, rendered: JSON.parse(proc.stdout.toString()) as Rendered };
}

/** The objects of one kind, by metadata.name. */
export function byKind(r: Rendered, kind: string): Map<string, Manifest['object']> {
  return new Map(r.manifests.filter((m) => m.object.kind === kind).map((m) => [m.object.metadata.name as string, m.object]));
}
