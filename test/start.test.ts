/**
 * End to end: `bun scripts/start.ts` brings the platform up on an embedded PGlite, serves a registration through
 * GraphQL, and on SIGTERM stops every process and exits 0. With every subgraph starting at once against one shared
 * PGlite session, it also guards ensureDatabase's skip of `postgres` (Bun.SQL's named prepared statements collided).
 */
import { afterAll, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isPortOpen } from '../scripts/start/net.ts';
import { LOCALHOST, SERVICES, servicePort } from '../scripts/start/services.ts';

const root = resolve(import.meta.dir, '..');
const UP_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

const dataDir = mkdtempSync(join(tmpdir(), 'startales-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test(
  'start.ts starts every service, serves GraphQL and stops cleanly on SIGTERM',
  async () => {
    const offset = 300 + Math.floor(Math.random() * 600);
    const env: Record<string, string | undefined> = {
      ...Bun.env,
      STARTALES_DB: 'embedded',
      STARTALES_DATA_DIR: dataDir,
      STARTALES_PORT_OFFSET: String(offset),
      NATS_NAMESPACE: `t${Date.now()}`,
      NO_COLOR: '1',
      // embedded PGlite runs every service's queries one at a time: on a loaded machine a first registration
      // (argon2 + several transactions queued behind the others' pollers) can take longer than the default 10 s
      SUBGRAPH_TIMEOUT_MS: '20000',
    };
    delete env.DATABASE_URL;
    // its own process group, so a failed test can kill whatever it left behind
    const proc = Bun.spawn([process.execPath, 'scripts/start.ts'], {
      cwd: root,
      env,
      stdout: 'pipe',
      stderr: 'pipe',
      detached: true,
    });
    const output = collect(proc.stdout, proc.stderr);
    const running = SERVICES.filter((s) => existsSync(join(root, s.dir, 'src/main.ts')));
    try {
      const upLine = await output.waitFor(/^Startales is up: (\S+)$/m, UP_TIMEOUT_MS, proc.exited);
      const gateway = running.find((s) => s.name === 'gateway');
      const target = gateway ?? running.find((s) => s.name === 'users')!;
      const url = `http://${LOCALHOST}:${servicePort(target.name, offset)}/graphql`;
      expect(upLine[1]).toBe(url);

      let suffix = '';
      // a client retries SERVICE_UNAVAILABLE ("try again shortly"): the first request after start can queue behind
      // every service's start-up work on embedded PGlite, which runs one query at a time
      let res!: Response;
      let body!: { data?: { register: { accessToken: string; user: { id: string; handle: string } } }; errors?: Array<{ extensions?: { code?: string } }> };
      for (let attempt = 0; attempt < 4; attempt++) {
        // a fresh account per attempt: a timed-out attempt may still have registered its handle
        suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: `mutation { register(input: { email: "start-${suffix}@example.com", password: "correct horse battery", handle: "s${suffix}" }) { accessToken user { id handle } } }`,
          }),
        });
        body = (await res.json()) as typeof body;
        if (body.errors?.[0]?.extensions?.code !== 'SERVICE_UNAVAILABLE') break;
        await Bun.sleep(2000);
      }
      expect(body.errors).toBeUndefined();
      expect(res.status).toBe(200);
      expect(body.data?.register.user.handle).toBe(`s${suffix}`);
      expect(body.data?.register.user.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.data?.register.accessToken.split('.')).toHaveLength(3);
      expect(existsSync(join(dataDir, 'jwt-ed25519.pem'))).toBe(true);

      const dbPort = Number(/postgres:\/\/postgres@127\.0\.0\.1:(\d+)\//.exec(output.text())?.[1]);
      expect(dbPort).toBeGreaterThan(0);

      proc.kill('SIGTERM');
      const code = await Promise.race([proc.exited, Bun.sleep(STOP_TIMEOUT_MS).then(() => 'timeout' as const)]);
      expect(code).toBe(0);
      const ports = [...running.map((s) => servicePort(s.name, offset)), dbPort];
      const open = (await Promise.all(ports.map(async (p) => ((await isPortOpen(LOCALHOST, p)) ? p : 0)))).filter(Boolean);
      expect(open).toEqual([]);
    } catch (error) {
      console.error(`start.ts output (last 60 lines):\n${output.text().split('\n').slice(-60).join('\n')}`);
      throw error;
    } finally {
      if (proc.exitCode === null && proc.signalCode === null) {
        try {
          process.kill(-proc.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  },
  UP_TIMEOUT_MS + STOP_TIMEOUT_MS + 120_000,
);

/** Accumulates a process's output and waits for a line matching a pattern. */
function collect(...streams: Array<ReadableStream<Uint8Array>>) {
  let text = '';
  for (const stream of streams) {
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
    })();
  }
  return {
    text: () => text,
    /** Resolves with the match; rejects on timeout or once `exited` resolved without a match. */
    async waitFor(pattern: RegExp, timeoutMs: number, exited: Promise<number>): Promise<RegExpExecArray> {
      let exitCode: number | undefined;
      void exited.then((code) => (exitCode = code));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(text);
        if (match) return match;
        if (exitCode !== undefined) throw new Error(`start.ts exited with code ${exitCode} before printing ${pattern}`);
        if (Date.now() > deadline) throw new Error(`start.ts did not print ${pattern} within ${timeoutMs / 1000} s`);
        await Bun.sleep(100);
      }
    },
  };
}
