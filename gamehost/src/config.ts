import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { readConfig, env, commonConfig, authConfig } from '@startales/kit';
import { ServicePort } from '@startales/contracts';
import type { S3Settings } from './storage/object-store.ts';

const REPO_ROOT = resolve(import.meta.dir, '..', '..');

const spec = {
  ...commonConfig,
  ...authConfig,
  PORT: env.port(ServicePort.gamehost),
  /** Base URL players reach this host at (default `http://HOST:PORT`); `GET /campaigns/:id/owner` returns it. */
  PUBLIC_URL: env.optionalString(),
  /** This host's id in leases (letters, digits, `-`, `_`; default `<hostname>-<pid>`). Stable ids let a restarted host reuse its SQLite files. */
  HOST_ID: env.optionalString(),
  /** SQLite files, one per campaign (default `<repo>/.data/gamehost/<HOST_ID>`). */
  DATA_DIR: env.optionalString(),
  /** `file://<dir>` (default `<repo>/.data/gamehost/snapshots`) or `s3://bucket/prefix`. */
  SNAPSHOT_STORE: env.optionalString(),
  /** A snapshot after this many applied events (and always on shutdown). */
  SNAPSHOT_EVERY: env.int(500, { min: 1 }),
  LEASE_TTL_MS: env.int(10_000, { min: 300 }),
  /** A turn is narrated when every player acted, or this long after its first action. */
  TURN_TIMEOUT_MS: env.int(120_000, { min: 0 }),
  MAX_CAMPAIGNS: env.int(5000, { min: 1 }),
  /** A revoked or expired mute/kick leaves the sanctions bucket this long after it stopped applying (default 1 day). */
  SANCTION_PRUNE_GRACE_MS: env.int(86_400_000, { min: 60_000 }),
  /** A pruned moderation action is refused this long if its event arrives again (default 30 days). */
  SANCTION_TOMBSTONE_TTL_MS: env.int(30 * 86_400_000, { min: 3_600_000 }),
  LLM_ROUTER_URL: env.url(`http://127.0.0.1:${ServicePort.llmRouter}`),
  LLM_ROUTER_SERVICE_TOKEN: env.string(''),
  LLM_TIMEOUT_MS: env.int(60_000, { min: 1 }),
  LLM_MAX_TOKENS: env.int(600, { min: 1 }),
  S3_ACCESS_KEY_ID: env.optionalString(),
  S3_SECRET_ACCESS_KEY: env.optionalString(),
  S3_SESSION_TOKEN: env.optionalString(),
  S3_REGION: env.optionalString(),
  S3_ENDPOINT: env.optionalString(),
  S3_VIRTUAL_HOSTED_STYLE: env.bool(false),
  AWS_ACCESS_KEY_ID: env.optionalString(),
  AWS_SECRET_ACCESS_KEY: env.optionalString(),
  AWS_SESSION_TOKEN: env.optionalString(),
  AWS_REGION: env.optionalString(),
  AWS_ENDPOINT_URL_S3: env.optionalString(),
  AWS_ENDPOINT_URL: env.optionalString(),
};

export type GamehostConfig = ReturnType<typeof loadConfig>;

/** Parsed once in main.ts; every key has a local default (several hosts on one machine need only distinct PORTs). */
export function loadConfig(source: Record<string, string | undefined> = Bun.env, pid = process.pid) {
  const c = readConfig(spec, source);
  const hostId = (c.HOST_ID ?? `${hostname()}-${pid}`).replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
  const s3: S3Settings = {
    accessKeyId: c.S3_ACCESS_KEY_ID ?? c.AWS_ACCESS_KEY_ID,
    secretAccessKey: c.S3_SECRET_ACCESS_KEY ?? c.AWS_SECRET_ACCESS_KEY,
    sessionToken: c.S3_SESSION_TOKEN ?? c.AWS_SESSION_TOKEN,
    region: c.S3_REGION ?? c.AWS_REGION,
    endpoint: c.S3_ENDPOINT ?? c.AWS_ENDPOINT_URL_S3 ?? c.AWS_ENDPOINT_URL,
    virtualHostedStyle: c.S3_VIRTUAL_HOSTED_STYLE,
  };
  return {
    ...c,
    hostId,
    publicUrl: c.PUBLIC_URL ?? `http://${c.HOST}:${c.PORT}`,
    dataDir: resolve(c.DATA_DIR ?? join(REPO_ROOT, '.data', 'gamehost', hostId)),
    snapshotStore: c.SNAPSHOT_STORE ?? `file://${join(REPO_ROOT, '.data', 'gamehost', 'snapshots')}`,
    s3: Object.fromEntries(Object.entries(s3).filter(([, v]) => v !== undefined)) as S3Settings,
  };
}
