import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { external, type Backend } from './backend.ts';
import type { StartConfig } from './config.ts';
import { freePort, isPortOpen, poll } from './net.ts';
import { say } from './output.ts';
import { spawnProcess } from './process.ts';
import { LOCALHOST } from './services.ts';

const LOCAL_PORT = 4222;

export class MissingNatsError extends Error {
  override readonly name = 'MissingNatsError';
}

/**
 * `NATS_URL` if set; else the local server on 4222 if it is up; else a `nats-server -js` spawned with its store under
 * the data dir. `STARTALES_NATS=embedded` forces spawning.
 */
export async function startNats(config: StartConfig): Promise<Backend> {
  if (config.nats === 'embedded' && config.natsUrl) say.warn('STARTALES_NATS=embedded: ignoring NATS_URL');
  if (config.nats !== 'embedded') {
    if (config.natsUrl) return external(config.natsUrl, 'NATS_URL');
    if (await isPortOpen(LOCALHOST, LOCAL_PORT)) return external(`nats://${LOCALHOST}:${LOCAL_PORT}`, `NATS on ${LOCALHOST}:${LOCAL_PORT}`);
  }
  const binary = Bun.which('nats-server');
  if (!binary) {
    throw new MissingNatsError(
      'NATS is not running and nats-server is not on PATH: install it: apt-get install nats-server, or set NATS_URL',
    );
  }
  const store = join(config.dataDir, 'nats');
  mkdirSync(store, { recursive: true });
  const port = await freePort(LOCALHOST);
  const child = spawnProcess({
    name: 'nats',
    cmd: [binary, '-js', '-a', LOCALHOST, '-p', String(port), '-sd', store],
    cwd: config.dataDir,
    env: config.env,
    // its start-up banner is two dozen [INF] lines; warnings and errors still show
    show: (line) => !line.includes('[INF]'),
  });
  const up = await poll(() => isPortOpen(LOCALHOST, port), { timeoutMs: 15_000, abort: child.exited });
  if (!up) {
    await child.stop(2_000);
    throw new Error(`nats-server did not start:\n  ${child.tail().join('\n  ')}`);
  }
  return {
    url: `nats://${LOCALHOST}:${port}`,
    description: `nats-server (${store})`,
    exited: child.exited,
    async stop() {
      await child.stop(10_000);
    },
  };
}
