import { readConfig, env, commonConfig, databaseConfig, authConfig } from '@startales/kit';
import { ServicePort } from '@startales/contracts';

/** Parsed once in main.ts; every key has a local default (without a router token the classifier is off). */
export function loadConfig(source: Record<string, string | undefined> = Bun.env) {
  return readConfig(
    {
      ...commonConfig,
      ...databaseConfig,
      ...authConfig,
      PORT: env.port(ServicePort.moderation),
      /** llm-router's base URL (its OpenAI-compatible API is under /v1); the LLM classifier calls it. */
      LLM_ROUTER_URL: env.url(`http://127.0.0.1:${ServicePort.llmRouter}`),
      /** Bearer token moderation presents to llm-router (supports _FILE). Unset: the classifier is skipped (rules still run). */
      LLM_ROUTER_SERVICE_TOKEN: env.optionalString(),
      /** The model id or tier alias the classifier asks llm-router for. */
      MODERATION_CLASSIFIER_MODEL: env.string('ECONOMY'),
      /** Per classifier call. */
      MODERATION_CLASSIFIER_TIMEOUT_MS: env.int(30_000, { min: 100 }),
      /** Items classified at once by one instance. */
      MODERATION_CLASSIFIER_CONCURRENCY: env.int(2, { min: 1, max: 32 }),
      /** How often the classifier worker looks for due items (it is also kicked as items arrive). */
      MODERATION_CLASSIFIER_INTERVAL_MS: env.int(2_000, { min: 100 }),
    },
    source,
  );
}
