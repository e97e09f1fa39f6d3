import { resolve } from 'node:path';

type Env = Record<string, string | undefined>;

/** How `scripts/start.ts` is configured; every key is optional. */
export interface StartConfig {
  /** Repository root (services are found relative to it). */
  root: string;
  /** `STARTALES_DATA_DIR`: signing key, embedded PGlite and NATS data (default `<root>/.data`). */
  dataDir: string;
  /** `STARTALES_DB=embedded` forces PGlite even when `DATABASE_URL` is set or 5432 is up. */
  db: Mode;
  /** `STARTALES_NATS=embedded` forces spawning nats-server even when `NATS_URL` is set or 4222 is up. */
  nats: Mode;
  databaseUrl: string | undefined;
  natsUrl: string | undefined;
  /** `STARTALES_PORT_OFFSET`: added to every service port, to run beside another instance. */
  portOffset: number;
  /** `STARTALES_READY_TIMEOUT_MS`: how long each service may take to answer /healthz/ready. */
  readyTimeoutMs: number;
  /** The environment children inherit (service settings such as LOG_LEVEL pass straight through). */
  env: Env;
}

export type Mode = 'auto' | 'embedded';

/** Parses the start script's settings once; throws listing every bad key. */
export function readStartConfig(root: string, source: Env = Bun.env): StartConfig {
  const problems: string[] = [];
  const mode = (key: string): Mode => {
    const raw = source[key] || 'auto';
    if (raw === 'auto' || raw === 'embedded') return raw;
    problems.push(`${key} must be "auto" or "embedded", got "${raw}"`);
    return 'auto';
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = source[key];
    if (!raw) return fallback;
    const n = Number(raw);
    if (/^-?\d+$/.test(raw) && n >= min && n <= max) return n;
    problems.push(`${key} must be an integer in [${min}, ${max}], got "${raw}"`);
    return fallback;
  };
  const config: StartConfig = {
    root,
    dataDir: resolve(root, source.STARTALES_DATA_DIR || '.data'),
    db: mode('STARTALES_DB'),
    nats: mode('STARTALES_NATS'),
    databaseUrl: source.DATABASE_URL || undefined,
    natsUrl: source.NATS_URL || undefined,
    portOffset: int('STARTALES_PORT_OFFSET', 0, 0, 60_000),
    readyTimeoutMs: int('STARTALES_READY_TIMEOUT_MS', 60_000, 1_000, 3_600_000),
    env: source,
  };
  if (problems.length) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
