/**
 * Starts the whole platform with one command: `bun scripts/start.ts` (or `bun run start`, or `scripts/start.sh`).
 *
 * Finds or starts PostgreSQL (DATABASE_URL, else 127.0.0.1:5432, else an embedded PGlite) and NATS (NATS_URL, else
 * 127.0.0.1:4222, else a spawned nats-server), creates the users signing key once under the data dir, then starts
 * every service in `scripts/start/services.ts` stage by stage, each once the previous stage answers /healthz/ready.
 * Ctrl-C / SIGTERM stops everything and exits 0; a service dying stops everything and exits 1.
 *
 * Settings: STARTALES_DATA_DIR (default .data), STARTALES_DB=embedded, STARTALES_NATS=embedded,
 * STARTALES_PORT_OFFSET, STARTALES_READY_TIMEOUT_MS; any other variable (LOG_LEVEL, NATS_NAMESPACE...) reaches the
 * services unchanged.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readStartConfig, type StartConfig } from './start/config.ts';
import { ensureSigningKey } from './start/keys.ts';
import { startNats } from './start/nats.ts';
import { isHttpOk, isPortOpen, poll } from './start/net.ts';
import { alignPrefixes, say } from './start/output.ts';
import { startDatabase } from './start/postgres.ts';
import { LOCALHOST, SERVICES, servicePort, serviceEnv, serviceUrl, type ServiceSpec, type SharedEnv } from './start/services.ts';
import { formatTail, StoppingError, Supervisor } from './start/supervisor.ts';

const root = resolve(import.meta.dir, '..');
const supervisor = new Supervisor();

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (signals++ === 0) void supervisor.shutdown(0, `${signal} received, stopping (again to kill)`, signal);
    else supervisor.kill();
  });
}

try {
  await main(readStartConfig(root));
} catch (error) {
  if (!(error instanceof StoppingError)) void supervisor.shutdown(1, error instanceof Error ? error.message : String(error));
}

async function main(config: StartConfig): Promise<void> {
  const services = SERVICES.filter((spec) => {
    if (existsSync(join(root, spec.dir, 'src/main.ts'))) return true;
    say.warn(`skipping ${spec.name}: ${spec.dir}/src/main.ts does not exist yet`);
    return false;
  });
  if (!services.length) throw new Error('no service to start');
  alignPrefixes([...services.map((s) => s.name), 'nats']);
  await assertPortsFree(services, config.portOffset);

  const signingKeyFile = ensureSigningKey(config.dataDir);
  const [db, nats] = await Promise.allSettled([startDatabase(config, services.length), startNats(config)]);
  for (const [name, result] of [['postgres', db], ['nats', nats]] as const) {
    if (result.status === 'fulfilled') await supervisor.adopt(name, result.value);
  }
  if (db.status === 'rejected') throw db.reason;
  if (nats.status === 'rejected') throw nats.reason;
  say.info(`postgres: ${db.value.description}`);
  say.info(`nats:     ${nats.value.description}`);

  const shared: SharedEnv = {
    databaseUrl: db.value.url,
    natsUrl: nats.value.url,
    portOffset: config.portOffset,
    signingKeyFile,
    poolMax: db.value.poolMax,
    objectStorageDir: join(config.dataDir, 'objects'),
  };
  const stages = [...new Set(services.map((s) => s.stage))].sort((a, b) => a - b);
  for (const stage of stages) {
    await Promise.all(services.filter((s) => s.stage === stage).map((spec) => startService(spec, shared, config)));
  }

  if (supervisor.isStopping) return;
  const entry = services.find((s) => s.name === 'gateway') ?? services[0]!;
  for (const spec of [entry, ...services.filter((s) => s !== entry)]) {
    say.info(`${spec.name.padEnd(10)} ${serviceUrl(spec, config.portOffset)}`);
  }
  say.info(`postgres   ${redact(db.value.url)}`);
  say.info(`nats       ${redact(nats.value.url)}`);
  console.log(`Startales is up: ${serviceUrl(entry, config.portOffset)}`);
}

/** Spawns one service and resolves once it answers /healthz/ready. */
async function startService(spec: ServiceSpec, shared: SharedEnv, config: StartConfig): Promise<void> {
  const child = supervisor.launch(spec.stage, {
    name: spec.name,
    cmd: [process.execPath, 'src/main.ts'],
    cwd: join(root, spec.dir),
    env: serviceEnv(spec, shared, config.env),
  });
  const readyUrl = `http://${LOCALHOST}:${servicePort(spec.name, config.portOffset)}/healthz/ready`;
  const ready = await poll(() => isHttpOk(readyUrl), { timeoutMs: config.readyTimeoutMs, abort: child.exited });
  if (ready || supervisor.isStopping) return;
  const why = child.running
    ? `${spec.name} did not answer ${readyUrl} within ${config.readyTimeoutMs / 1000} s`
    : `${spec.name} exited with code ${await child.exited} before it was ready`;
  throw new Error(why + formatTail(spec.name, child.tail()));
}

/** A busy port would make the readiness probe talk to some other process. */
async function assertPortsFree(services: readonly ServiceSpec[], offset: number): Promise<void> {
  const busy: string[] = [];
  for (const spec of services) {
    const port = servicePort(spec.name, offset);
    if (await isPortOpen(LOCALHOST, port)) busy.push(`${port} (${spec.name})`);
  }
  if (busy.length) {
    throw new Error(`port ${busy.join(', ')} already in use: is Startales already running? Stop it or set STARTALES_PORT_OFFSET`);
  }
}

/** A URL fit for printing: without its password. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
