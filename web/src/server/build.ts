/**
 * Builds the React app with Vite into dist/ when needed. `bun run --cwd web build` forces a build; the server calls
 * ensureBuilt() at start (WEB_BUILD=auto rebuilds only when a source is newer than the last build).
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_ROOT } from './config.ts';

const SOURCES = ['src/app', 'public', 'index.html', 'vite.config.ts', 'package.json'];
const STAMP = '.build-stamp';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newestMtime(join(path, entry)));
  return max;
}

/** True when dist/ is missing or older than any source of the app. */
export function isStale(distDir: string): boolean {
  const stamp = join(distDir, STAMP);
  if (!existsSync(join(distDir, 'index.html')) || !existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(WEB_ROOT, s)) > built);
}

/** Runs `vite build` into a fresh folder and swaps it in, so a server never serves a half-written dist/. */
export async function buildApp(distDir: string): Promise<void> {
  const { build } = await import('vite');
  const tmp = `${distDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await build({ root: WEB_ROOT, configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
  writeFileSync(join(tmp, STAMP), new Date().toISOString());
  const old = `${distDir}.old-${process.pid}`;
  if (existsSync(distDir)) renameSync(distDir, old);
  renameSync(tmp, distDir);
  rmSync(old, { recursive: true, force: true });
}

export async function ensureBuilt(distDir: string, mode: 'auto' | 'always' | 'never'): Promise<'built' | 'prebuilt'> {
  if (mode === 'never' || (mode === 'auto' && !isStale(distDir))) {
    if (!existsSync(join(distDir, 'index.html'))) throw new Error(`${distDir}/index.html is missing: run \`bun run --cwd web build\` or start with WEB_BUILD=auto`);
    return 'prebuilt';
  }
  await buildApp(distDir);
  return 'built';
}

if (import.meta.main) {
  const started = performance.now();
  await buildApp(Bun.env.WEB_DIST_DIR || join(WEB_ROOT, 'dist'));
  console.log(`built web/dist in ${Math.round(performance.now() - started)} ms`);
}
