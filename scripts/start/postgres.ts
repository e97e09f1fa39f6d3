import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { external, type Backend } from './backend.ts';
import type { StartConfig } from './config.ts';
import { isPortOpen } from './net.ts';
import { say } from './output.ts';
import { LOCALHOST } from './services.ts';

const LOCAL_PORT = 5432;
/** Every connection shares one PGlite session that runs one query at a time: large pools only queue. */
const EMBEDDED_POOL_MAX = 4;

/**
 * `DATABASE_URL` if set; else the local PostgreSQL on 5432 if it is up; else an embedded PGlite served over the
 * PostgreSQL wire protocol. `STARTALES_DB=embedded` forces PGlite.
 */
export async function startDatabase(config: StartConfig, serviceCount: number): Promise<Backend> {
  if (config.db === 'embedded' && config.databaseUrl) say.warn('STARTALES_DB=embedded: ignoring DATABASE_URL');
  if (config.db !== 'embedded') {
    if (config.databaseUrl) return external(config.databaseUrl, 'DATABASE_URL');
    if (await isPortOpen(LOCALHOST, LOCAL_PORT)) {
      return external(`postgres://postgres@${LOCALHOST}:${LOCAL_PORT}/startales`, `PostgreSQL on ${LOCALHOST}:${LOCAL_PORT}`);
    }
  }
  return startPglite(join(config.dataDir, 'pglite'), serviceCount);
}

async function startPglite(dir: string, serviceCount: number): Promise<Backend> {
  const releaseLock = lockDir(dir);
  try {
    // loaded lazily: the WASM build is only needed in embedded mode
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create(dir);
    // The server accepts ONE connection by default; each service opens up to poolMax plus one for ensureDatabase.
    const maxConnections = Math.max(64, serviceCount * (EMBEDDED_POOL_MAX + 2) + 16);
    const server = new PGLiteSocketServer({ db, host: LOCALHOST, port: 0, maxConnections });
    await server.start().catch(async (error: unknown) => {
      await db.close();
      throw error;
    });
    return {
      // PGlite has a single database, `postgres`; each service still gets its own schema
      url: `postgres://postgres@${server.getServerConn()}/postgres`,
      description: `embedded PGlite (${dir})`,
      poolMax: EMBEDDED_POOL_MAX,
      async stop() {
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** PGlite does not guard its files against a second process: a pid file does. */
function lockDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = `${dir}.pid`;
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid !== process.pid && isAlive(pid)) {
      throw new Error(`${dir} is in use by process ${pid} (another start script?); stop it or set STARTALES_DATA_DIR`);
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
