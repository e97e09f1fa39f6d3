/**
 * Browser-test support: Debian's Chromium driven by playwright-core (it never downloads a browser), the web server
 * as a real process, and screenshots under web/test/screenshots/.
 */
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export type { Browser, BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = Bun.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_DIR = join(import.meta.dir, '..');
export const SCREENSHOTS = join(import.meta.dir, 'screenshots');

/** Launches headless Chromium; fails with the reason (and the fix) when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the browser tests need Debian's chromium package (scripts/test.sh installs it with apt-get; or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface WebServer {
  url: string;
  log(): string;
  stop(): Promise<number | null>;
}

/** Starts `bun src/main.ts` (building the app when it is stale) and waits until it is ready. */
export async function startWebServer(env: Record<string, string>): Promise<WebServer> {
  const proc = Bun.spawn(['bun', 'src/main.ts'], { cwd: WEB_DIR, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  const out: string[] = [];
  for (const stream of [proc.stdout, proc.stderr]) {
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) out.push(decoder.decode(chunk));
    })();
  }
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`web server exited ${proc.exitCode}:\n${out.join('')}`);
    const ok = await fetch(`${url}/healthz/ready`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`web server not ready:\n${out.join('')}`);
    await Bun.sleep(100);
  }
  return {
    url,
    log: () => out.join(''),
    async stop() {
      proc.kill('SIGTERM');
      await Promise.race([proc.exited, Bun.sleep(10_000).then(() => proc.kill('SIGKILL'))]);
      return proc.exitCode;
    },
  };
}

/** RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s), as an authenticator app computes it. */
export function totp(secretBase32: string, timeMs = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secretBase32.toUpperCase()].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 30_000)));
  const mac = createHmac('sha1', Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)))).update(counter).digest();
  return ((mac.readUInt32BE(mac[19]! & 0xf) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}
