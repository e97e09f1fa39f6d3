import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { SUBGRAPHS, type SubgraphName } from '@startales/contracts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { deleteNamespaceStreams } from './nats.ts';
import { createTestKeys, type TestKeys } from './tokens.ts';
import { TEST_NATS_URL, freePort, uniqueName, eventually } from './env.ts';

export const REPO_ROOT = join(import.meta.dir, '..', '..', '..');

type ServiceName = SubgraphName | 'gateway';

interface Running {
  name: ServiceName;
  url: string;
  proc: Subprocess<'ignore', 'pipe', 'pipe'>;
  log: string[];
}

export interface Stack {
  gatewayUrl: string;
  /** `http://127.0.0.1:<port>` of each service. */
  urls: Record<ServiceName, string>;
  db: TestDatabase;
  ns: string;
  keys: TestKeys;
  /** Environment the services were started with (for CLI commands run against the same stack). */
  env: Record<string, string>;
  logs(name: ServiceName): string;
  /** SIGTERM every process (SIGKILL after 10 s) and drop the database and streams; resolves to each exit code. */
  stop(): Promise<Record<string, number | null>>;
}

/**
 * Starts real service processes (every subgraph + the gateway by default) on free ports, against a fresh
 * database and a private NATS namespace, with a signing key the test holds. Tears everything down in `stop()`.
 */
export async function startStack(options: { services?: ServiceName[]; env?: Record<string, string> } = {}): Promise<Stack> {
  const services = options.services ?? [...SUBGRAPHS, 'gateway'];
  const db = await createTestDatabase();
  const ns = uniqueName('t');
  const keys = await createTestKeys();
  const ports = Object.fromEntries(await Promise.all(services.map(async (s) => [s, await freePort()] as const))) as Record<ServiceName, number>;
  const urls = Object.fromEntries(services.map((s) => [s, `http://127.0.0.1:${ports[s]}`])) as Record<ServiceName, string>;
  const objectDir = join(tmpdir(), `startales-${ns}-objects`);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: '4',
    NATS_URL: TEST_NATS_URL,
    NATS_NAMESPACE: ns,
    JWT_PRIVATE_KEY: keys.privateKeyPem,
    JWKS_URL: `${urls.users ?? 'http://127.0.0.1:1'}/.well-known/jwks.json`,
    APOLLO_TELEMETRY_DISABLED: 'true',
    // GDPR requests complete when every started service holding user data has answered
    GDPR_SERVICES: services.filter((s) => s !== 'gateway').join(','),
    // users' object storage (character portraits): a folder of this run, removed by stop()
    OBJECT_STORAGE_DIR: objectDir,
    ...Object.fromEntries(SUBGRAPHS.filter((s) => urls[s]).map((s) => [`SUBGRAPH_${s.toUpperCase()}_URL`, `${urls[s]}/graphql`])),
    ...options.env,
  };
  const running: Running[] = [];
  const start = (name: ServiceName) => {
    const cwd = name === 'gateway' ? join(REPO_ROOT, 'supergraph') : join(REPO_ROOT, 'subgraphs', name);
    const proc = Bun.spawn(['bun', 'src/main.ts'], {
      cwd,
      env: { ...process.env, ...env, PORT: String(ports[name]) },
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const r: Running = { name, url: urls[name], proc, log: [] };
    for (const stream of [proc.stdout, proc.stderr]) {
      void (async () => {
        const decoder = new TextDecoder();
        for await (const chunk of stream) r.log.push(decoder.decode(chunk));
      })();
    }
    running.push(r);
    return r;
  };
  const waitReady = (r: Running) =>
    eventually(
      async () => {
        if (r.proc.exitCode !== null) throw new Error(`${r.name} exited ${r.proc.exitCode}:\n${r.log.join('')}`);
        return (await fetch(`${r.url}/healthz/ready`)).ok;
      },
      `${r.name} to be ready`,
      60_000,
      100,
    ).catch((error) => {
      throw new Error(`${String(error)}\n--- ${r.name} log ---\n${r.log.join('').slice(-4000)}`);
    });

  const stop = async () => {
    for (const r of running) r.proc.kill('SIGTERM');
    await Promise.all(
      running.map((r) => Promise.race([r.proc.exited, Bun.sleep(10_000).then(() => r.proc.kill('SIGKILL'))])),
    );
    await db.drop().catch(() => {});
    await deleteNamespaceStreams(ns).catch(() => {});
    await rm(objectDir, { recursive: true, force: true }).catch(() => {});
    return Object.fromEntries(running.map((r) => [r.name, r.proc.exitCode]));
  };

  try {
    // users first: the others verify tokens against its JWKS; the gateway last, once every subgraph answers
    if (services.includes('users')) await waitReady(start('users'));
    await Promise.all(services.filter((s) => s !== 'users' && s !== 'gateway').map((s) => waitReady(start(s))));
    if (services.includes('gateway')) await waitReady(start('gateway'));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl: urls.gateway ? `${urls.gateway}/graphql` : '',
    urls,
    db,
    ns,
    keys,
    env,
    logs: (name) => running.find((r) => r.name === name)?.log.join('') ?? '',
    stop,
  };
}
