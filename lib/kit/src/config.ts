import { readFileSync } from 'node:fs';

/** Raised once with every bad key, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

/** A reader turns the raw value of one key into a typed value, or throws with a reason. */
export interface Reader<T> {
  read(raw: string | undefined, key: string): T;
}

function reader<T>(parse: (raw: string) => T, fallback: T | undefined, optional = false): Reader<T> {
  return {
    read(raw, key) {
      if (raw === undefined || raw === '') {
        if (fallback !== undefined || optional) return fallback as T;
        throw new Error(`${key} is required`);
      }
      return parse(raw);
    },
  };
}

/** Readers for the kinds of values services take from the environment. */
export const env = {
  string: (fallback?: string) => reader((r) => r, fallback),
  optionalString: () => reader<string | undefined>((r) => r, undefined, true),
  int: (fallback?: number, range: { min?: number; max?: number } = {}) =>
    reader((r) => {
      if (!/^-?\d+$/.test(r)) throw new Error(`must be an integer, got "${r}"`);
      const n = Number(r);
      if (range.min !== undefined && n < range.min) throw new Error(`must be >= ${range.min}, got ${n}`);
      if (range.max !== undefined && n > range.max) throw new Error(`must be <= ${range.max}, got ${n}`);
      return n;
    }, fallback),
  port: (fallback?: number) => env.int(fallback, { min: 0, max: 65535 }),
  bool: (fallback?: boolean) =>
    reader((r) => {
      if (/^(1|true|yes|on)$/i.test(r)) return true;
      if (/^(0|false|no|off)$/i.test(r)) return false;
      throw new Error(`must be a boolean (true/false), got "${r}"`);
    }, fallback),
  url: (fallback?: string) =>
    reader((r) => {
      try {
        new URL(r);
      } catch {
        throw new Error(`must be a URL, got "${r}"`);
      }
      return r;
    }, fallback),
  oneOf: <const T extends string>(values: readonly T[], fallback?: T) =>
    reader((r) => {
      if (!(values as readonly string[]).includes(r)) throw new Error(`must be one of ${values.join(', ')}, got "${r}"`);
      return r as T;
    }, fallback),
  /** A comma-separated list of URLs (empty when unset). */
  urlList: () =>
    reader<string[]>((r) => {
      const urls = r.split(',').map((u) => u.trim()).filter(Boolean);
      for (const u of urls) {
        try {
          new URL(u);
        } catch {
          throw new Error(`must be comma-separated URLs, got "${u}"`);
        }
      }
      return urls;
    }, []),
  /** A name fit for NATS stream/subject prefixes and SQL identifiers. */
  identifier: (fallback?: string) =>
    reader((r) => {
      if (!/^[A-Za-z0-9_]*$/.test(r)) throw new Error(`must contain only letters, digits and _, got "${r}"`);
      return r;
    }, fallback),
};

type Spec = Record<string, Reader<unknown>>;
type Result<S extends Spec> = { [K in keyof S]: S[K] extends Reader<infer T> ? T : never };

/**
 * Parses `spec` from `source` once. For each key `NAME`, `NAME_FILE` (a mounted secret) is read when `NAME` is unset.
 * Throws a ConfigError listing every bad key.
 */
export function readConfig<S extends Spec>(spec: S, source: Env = Bun.env): Result<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, r] of Object.entries(spec)) {
    let raw = source[key];
    const file = source[`${key}_FILE`];
    if ((raw === undefined || raw === '') && file) {
      try {
        raw = readFileSync(file, 'utf8').trim();
      } catch (error) {
        problems.push(`${key}_FILE: cannot read ${file} (${(error as Error).message})`);
        continue;
      }
    }
    try {
      out[key] = r.read(raw, key);
    } catch (error) {
      problems.push(`${key}: ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return out as Result<S>;
}

/** Keys every service reads the same way. */
export const commonConfig = {
  NODE_ENV: env.oneOf(['development', 'test', 'production'], 'development'),
  LOG_LEVEL: env.oneOf(['debug', 'info', 'warn', 'error', 'silent'], 'info'),
  HOST: env.string('127.0.0.1'),
  NATS_URL: env.string('nats://127.0.0.1:4222'),
  /** Prefix for stream names and subjects; each test run uses its own. */
  NATS_NAMESPACE: env.identifier(''),
  OTEL_EXPORTER_OTLP_ENDPOINT: env.optionalString(),
  SHUTDOWN_TIMEOUT_MS: env.int(10_000, { min: 0 }),
};

/** Data retention (the seed: user data 7 years, campaign data 2 years, logs 90 days), in days. */
export const retentionConfig = {
  RETENTION_USER_DAYS: env.int(2557, { min: 1 }),
  RETENTION_CAMPAIGN_DAYS: env.int(730, { min: 1 }),
  RETENTION_LOG_DAYS: env.int(90, { min: 1 }),
  /** Rows deleted per statement (short transactions, no long locks). */
  RETENTION_BATCH_SIZE: env.int(1000, { min: 1, max: 100_000 }),
  /** Run the retention rules once and exit (the Kubernetes CronJob). */
  RETENTION_ONLY: env.bool(false),
  /** Also run them in-process every N hours (0 = never: in Kubernetes the CronJob does it). */
  RETENTION_INTERVAL_HOURS: env.int(0, { min: 0, max: 24 * 30 }),
};

export const databaseConfig = {
  DATABASE_URL: env.url('postgres://postgres@127.0.0.1:5432/startales'),
  DATABASE_POOL_MAX: env.int(10, { min: 1, max: 200 }),
  /** Read replicas (comma-separated postgres:// URLs): reads outside transactions go there. For read-heavy services. */
  DATABASE_REPLICA_URLS: env.urlList(),
  /** Apply pending migrations at start (default true; off in Kubernetes, where a hook Job migrates first). */
  DATABASE_MIGRATE: env.bool(true),
  /** Apply the committed migrations and exit 0 (the migration Job). */
  MIGRATE_ONLY: env.bool(false),
  ...retentionConfig,
};

export const authConfig = {
  /** Where the users service serves its public keys. */
  JWKS_URL: env.url('http://127.0.0.1:4001/.well-known/jwks.json'),
  JWT_ISSUER: env.string('startales-users'),
  JWT_AUDIENCE: env.string('startales'),
};
