import { fileURLToPath } from 'node:url';
import { ConfigError, readConfig, env, commonConfig, databaseConfig } from '@startales/kit';
import { ServicePort } from '@startales/contracts';

/** The checked-in price table, used unless LLM_ROUTER_PRICES_FILE points elsewhere. */
export const DEFAULT_PRICES_FILE = fileURLToPath(new URL('../prices.json', import.meta.url));

/** Local-only credentials, refused in production (the service token is the one other services default to). */
const DEV_SERVICE_TOKEN = 'dev-service-token';
const DEV_ADMIN_TOKEN = 'dev-admin-token';

/**
 * Parsed once in main.ts. Provider keys use the SDKs' usual names; a provider without a key (Ollama: without a
 * base URL) is reported unavailable by `/v1/models` and skipped by routing, never a crash.
 */
export function loadConfig(source: Record<string, string | undefined> = Bun.env) {
  const config = readConfig(
    {
      ...commonConfig,
      ...databaseConfig,
      PORT: env.port(ServicePort.llmRouter),
      /** Bearer token of trusted callers (gamehost, moderation, …); they attribute calls with x-startales-* headers. */
      LLM_ROUTER_SERVICE_TOKEN: env.optionalString(),
      /** Bearer token of the admin API (budgets, virtual keys). */
      LLM_ROUTER_ADMIN_TOKEN: env.optionalString(),
      LLM_ROUTER_PRICES_FILE: env.string(DEFAULT_PRICES_FILE),
      /** Per attempt: until the response headers (streams) or the whole body (JSON). */
      LLM_ROUTER_UPSTREAM_TIMEOUT_MS: env.int(60_000, { min: 100 }),
      /** Retries per model on 429/5xx/timeouts before falling back to the next model of the tier. */
      LLM_ROUTER_MAX_RETRIES: env.int(2, { min: 0, max: 10 }),
      LLM_ROUTER_RETRY_BASE_MS: env.int(250, { min: 0 }),
      /** A provider asking to wait longer than this (Retry-After) is skipped for a fallback instead. */
      LLM_ROUTER_RETRY_MAX_DELAY_MS: env.int(4_000, { min: 0 }),
      /** Consecutive provider failures (5xx, timeouts, connection errors) that open its circuit. */
      LLM_ROUTER_BREAKER_THRESHOLD: env.int(5, { min: 1 }),
      LLM_ROUTER_BREAKER_COOLDOWN_MS: env.int(30_000, { min: 0 }),
      /** Default limits of a virtual key (0 = unlimited); a key may carry its own. */
      LLM_ROUTER_KEY_RPM: env.int(60, { min: 0 }),
      LLM_ROUTER_KEY_TPM: env.int(200_000, { min: 0 }),
      /** Limits of the service token (0 = unlimited). */
      LLM_ROUTER_SERVICE_RPM: env.int(0, { min: 0 }),
      LLM_ROUTER_SERVICE_TPM: env.int(0, { min: 0 }),
      LLM_ROUTER_MAX_BODY_BYTES: env.int(20 * 1024 * 1024, { min: 1024 }),
      /**
       * Budget reservations run as named prepared statements (planning the statement costs more than running it).
       * Turn off only when several services share one PostgreSQL session (an embedded PGlite), where names collide.
       */
      LLM_ROUTER_DB_PREPARED_STATEMENTS: env.bool(true),
      OPENAI_API_KEY: env.optionalString(),
      OPENAI_BASE_URL: env.url('https://api.openai.com/v1'),
      ANTHROPIC_API_KEY: env.optionalString(),
      ANTHROPIC_BASE_URL: env.url('https://api.anthropic.com'),
      GEMINI_API_KEY: env.optionalString(),
      GEMINI_BASE_URL: env.url('https://generativelanguage.googleapis.com'),
      XAI_API_KEY: env.optionalString(),
      XAI_BASE_URL: env.url('https://api.x.ai/v1'),
      /** Ollama's server (e.g. http://127.0.0.1:11434); unset = Ollama unavailable. */
      OLLAMA_BASE_URL: env.optionalString(),
    },
    source,
  );
  const problems: string[] = [];
  if (config.OLLAMA_BASE_URL !== undefined && !URL.canParse(config.OLLAMA_BASE_URL)) {
    problems.push(`OLLAMA_BASE_URL: must be a URL, got "${config.OLLAMA_BASE_URL}"`);
  }
  // the migration Job (MIGRATE_ONLY) and the retention CronJob (RETENTION_ONLY) serve no call: they are not given the tokens
  const production = config.NODE_ENV === 'production' && !config.MIGRATE_ONLY && !config.RETENTION_ONLY;
  if (production && !config.LLM_ROUTER_SERVICE_TOKEN) problems.push('LLM_ROUTER_SERVICE_TOKEN: is required in production');
  if (production && !config.LLM_ROUTER_ADMIN_TOKEN) problems.push('LLM_ROUTER_ADMIN_TOKEN: is required in production');
  const serviceToken = config.LLM_ROUTER_SERVICE_TOKEN ?? DEV_SERVICE_TOKEN;
  const adminToken = config.LLM_ROUTER_ADMIN_TOKEN ?? DEV_ADMIN_TOKEN;
  if (serviceToken === adminToken) problems.push('LLM_ROUTER_ADMIN_TOKEN: must differ from LLM_ROUTER_SERVICE_TOKEN');
  if (problems.length) throw new ConfigError(problems);
  return {
    ...config,
    LLM_ROUTER_SERVICE_TOKEN: serviceToken,
    LLM_ROUTER_ADMIN_TOKEN: adminToken,
    /** True when a development token is in use (main.ts warns). */
    usingDevTokens: !config.LLM_ROUTER_SERVICE_TOKEN || !config.LLM_ROUTER_ADMIN_TOKEN,
  };
}
export type RouterConfig = ReturnType<typeof loadConfig>;
