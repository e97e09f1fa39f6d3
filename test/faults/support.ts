/**
 * Private infrastructure for fault tests: a nats-server and a PostgreSQL of the test's own, on free ports in temp
 * dirs, that a test may kill and restart without disturbing anything else on the machine, and a launcher for real
 * service processes. Only processes started here are ever signalled (by pid).
 */
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { freePort, eventually, REPO_ROOT } from '@startales/testing';

const NATS_BIN = ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find((p) => existsSync(p)) ?? 'nats-server';

export interface PrivateNats {
  url: string;
  /** Kills the server (SIGKILL by default: a crash) and starts it again on the same port and store. */
  restart(options?: { signal?: 'SIGKILL' | 'SIGTERM'; downMs?: number }): Promise<void>;
  kill(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function portOpen(port: number): Promise<boolean> {
  try {
    const socket = await Bun.connect({ hostname: '127.0.0.1', port, socket: { data() {} } });
    socket.end();
    return true;
  } catch {
    return false;
  }
}

/** nats-server with JetStream (file storage in a temp dir) on a free port. */
export async function startPrivateNats(): Promise<PrivateNats> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fault-nats-'));
  let proc: Subprocess | undefined;
  const start = async () => {
    proc = Bun.spawn([NATS_BIN, '-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], { stdout: 'ignore', stderr: 'ignore' });
    await eventually(() => portOpen(port), `nats-server on ${port}`, 10_000, 50);
  };
  const kill = async (signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL') => {
    if (!proc || proc.exitCode !== null) return;
    proc.kill(signal);
    await proc.exited;
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    start,
    kill,
    async restart(options = {}) {
      await kill(options.signal);
      await Bun.sleep(options.downMs ?? 500);
      await start();
    },
    async stop() {
      await kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivatePostgres {
  /** Admin URL (database `postgres`, trust auth). */
  url: string;
  /** URL of a fresh database `name` (created on call). */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl stop -m immediate` (a crash: no checkpoint, recovery at the next start). */
  crash(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error('no PostgreSQL under /usr/lib/postgresql');
  return join(root, version, 'bin', name);
}

/** Runs a PostgreSQL binary as the `postgres` user (it refuses root). */
function asPostgres(args: string[]): { exitCode: number | null; stderr: string } {
  const cmd = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...args] : args;
  const r = Bun.spawnSync(cmd, { stdout: 'pipe', stderr: 'pipe' });
  return { exitCode: r.exitCode, stderr: r.stderr.toString() + r.stdout.toString() };
}

/** A PostgreSQL cluster of the test's own (initdb in a temp dir, fsync off), on a free port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fault-pg-'));
  const data = join(dir, 'data');
  chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) {
    const pw = Bun.spawnSync(['id', '-u', 'postgres'], { stdout: 'pipe' });
    const gr = Bun.spawnSync(['id', '-g', 'postgres'], { stdout: 'pipe' });
    chownSync(dir, Number(pw.stdout.toString()), Number(gr.stdout.toString()));
  }
  const init = asPostgres([pgBin('initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  if (init.exitCode !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
  const start = async () => {
    const r = asPostgres([pgBin('pg_ctl'), '-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
    if (r.exitCode !== 0) throw new Error(`pg_ctl start failed: ${r.stderr}`);
  };
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async createDatabase(name) {
      const sql = new Bun.SQL(url, { max: 1 });
      try {
        await sql.unsafe(`create database "${name}"`);
      } finally {
        await sql.close();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async crash() {
      asPostgres([pgBin('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    start,
    async stop() {
      asPostgres([pgBin('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ServiceDir = 'users' | 'billing' | 'campaigns' | 'analytics' | 'moderation' | 'gateway';

export interface ServiceProcess {
  name: ServiceDir;
  url: string;
  port: number;
  proc: Subprocess<'ignore', 'pipe', 'pipe'>;
  log(): string;
  /** Resolves once /healthz/ready answers 200. */
  ready(timeoutMs?: number): Promise<void>;
}

/** Starts one real service process (`bun src/main.ts`) on `port` with `env`. */
export function spawnService(name: ServiceDir, port: number, env: Record<string, string>): ServiceProcess {
  const cwd = name === 'gateway' ? join(REPO_ROOT, 'supergraph') : join(REPO_ROOT, 'subgraphs', name);
  const proc = Bun.spawn(['bun', 'src/main.ts'], {
    cwd,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', APOLLO_TELEMETRY_DISABLED: 'true', ...env, PORT: String(port) },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const lines: string[] = [];
  for (const stream of [proc.stdout, proc.stderr]) {
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) lines.push(decoder.decode(chunk));
    })();
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    url,
    port,
    proc,
    log: () => lines.join(''),
    async ready(timeoutMs = 60_000) {
      await eventually(
        async () => {
          if (proc.exitCode !== null) throw new Error(`${name} exited ${proc.exitCode}:\n${lines.join('').slice(-3000)}`);
          return (await fetch(`${url}/healthz/ready`)).ok;
        },
        `${name} to be ready`,
        timeoutMs,
        100,
      );
    },
  };
}

/** SIGTERM (then SIGKILL after `graceMs`) and wait for the exit code. */
export async function stopService(s: ServiceProcess, graceMs = 10_000): Promise<number | null> {
  if (s.proc.exitCode !== null) return s.proc.exitCode;
  s.proc.kill('SIGTERM');
  const timer = setTimeout(() => s.proc.kill('SIGKILL'), graceMs);
  await s.proc.exited;
  clearTimeout(timer);
  return s.proc.exitCode;
}
