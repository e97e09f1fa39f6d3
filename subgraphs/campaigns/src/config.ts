import { readConfig, env, commonConfig, databaseConfig, authConfig } from '@startales/kit';
import { ServicePort } from '@startales/contracts';

/** Parsed once in main.ts; every key has a local default. */
export function loadConfig(source: Record<string, string | undefined> = Bun.env) {
  return readConfig(
    {
      ...commonConfig,
      ...databaseConfig,
      ...authConfig,
      PORT: env.port(ServicePort.campaigns),
      /** llm-router's base URL (its OpenAI-compatible API is under /v1); campaign prose is written through it. */
      LLM_ROUTER_URL: env.url(`http://127.0.0.1:${ServicePort.llmRouter}`),
      /** Bearer token campaigns presents to llm-router (supports LLM_ROUTER_SERVICE_TOKEN_FILE). */
      LLM_ROUTER_SERVICE_TOKEN: env.string('dev-service-token'),
      /** How long a seat is held for payment before it is released to the waitlist. */
      CAMPAIGN_SEAT_HOLD_HOURS: env.int(48, { min: 1, max: 24 * 14 }),
      /** Matchmaking: largest distance in minutes between a player's UTC offset and a campaign's. */
      MATCHMAKING_MAX_OFFSET_MINUTES: env.int(180, { min: 0, max: 720 }),
      /** How often expired holds are released. */
      HOLD_SWEEP_INTERVAL_MS: env.int(60_000, { min: 100 }),
      /** How often the prose writer looks for campaigns without prose. */
      PROSE_INTERVAL_MS: env.int(5_000, { min: 100 }),
    },
    source,
  );
}
