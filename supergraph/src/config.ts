import { readConfig, env, commonConfig, authConfig } from '@startales/kit';
import { ServicePort, SUBGRAPHS } from '@startales/contracts';
import { SUPERGRAPH_PATH } from './subgraphs.ts';
import { DEFAULT_LIMITS } from './limits.ts';

/**
 * Parsed once in main.ts. `SUBGRAPH_<NAME>_URL` overrides where a subgraph is reached (e.g. in Kubernetes).
 * Operation limits, rate limits (per minute by default; 0 turns one off) and the trusted-documents policy are all
 * here; defaults are the production values.
 */
export function loadConfig(source: Record<string, string | undefined> = Bun.env) {
  const config = readConfig(
    {
      ...commonConfig,
      ...authConfig,
      PORT: env.port(ServicePort.gateway),
      SUPERGRAPH_PATH: env.string(SUPERGRAPH_PATH),
      SUBGRAPH_TIMEOUT_MS: env.int(10_000, { min: 100 }),
      /** Share one subgraph call among identical in-flight queries. */
      SUBGRAPH_DEDUP: env.bool(true),
      MAX_REQUEST_BYTES: env.int(1_000_000, { min: 1024 }),
      MAX_DEPTH: env.int(DEFAULT_LIMITS.maxDepth, { min: 1 }),
      MAX_INTROSPECTION_DEPTH: env.int(DEFAULT_LIMITS.maxIntrospectionDepth, { min: 1 }),
      MAX_ALIASES: env.int(DEFAULT_LIMITS.maxAliases, { min: 0 }),
      MAX_DIRECTIVES: env.int(DEFAULT_LIMITS.maxDirectives, { min: 0 }),
      MAX_TOKENS: env.int(DEFAULT_LIMITS.maxTokens, { min: 10 }),
      MAX_COST: env.int(DEFAULT_LIMITS.maxCost, { min: 1 }),
      COST_DEFAULT_LIST_SIZE: env.int(DEFAULT_LIMITS.defaultListSize, { min: 1 }),
      /** Where rate-limit counters and per-key usage live (shared by every replica). */
      REDIS_URL: env.string('redis://127.0.0.1:6379'),
      /** Turns rate limiting off entirely (e.g. a benchmark of the bare gateway); on by default. */
      RATE_LIMIT_ENABLED: env.bool(true),
      RATE_LIMIT_WINDOW_SECONDS: env.int(60, { min: 1, max: 3600 }),
      RATE_LIMIT_IP_REQUESTS: env.int(1200, { min: 0 }),
      RATE_LIMIT_IP_COST: env.int(300_000, { min: 0 }),
      RATE_LIMIT_KEY_REQUESTS: env.int(600, { min: 0 }),
      RATE_LIMIT_KEY_COST: env.int(150_000, { min: 0 }),
      /** Partner API keys may run only registered trusted documents; default: on in production. */
      REQUIRE_TRUSTED_DOCUMENTS: env.optionalString(),
      TRUSTED_DOCUMENT_CACHE_SECONDS: env.int(300, { min: 0 }),
      ...Object.fromEntries(SUBGRAPHS.map((s) => [`SUBGRAPH_${s.toUpperCase()}_URL`, env.optionalString()])),
    },
    source,
  );
  const subgraphUrls: Record<string, string> = {};
  for (const s of SUBGRAPHS) {
    const url = (config as Record<string, unknown>)[`SUBGRAPH_${s.toUpperCase()}_URL`];
    if (typeof url === 'string') subgraphUrls[s] = url;
  }
  const production = config.NODE_ENV === 'production';
  const requireTrustedDocuments = readConfig({ REQUIRE_TRUSTED_DOCUMENTS: env.bool(production) }, { REQUIRE_TRUSTED_DOCUMENTS: config.REQUIRE_TRUSTED_DOCUMENTS }).REQUIRE_TRUSTED_DOCUMENTS;
  return {
    ...config,
    subgraphUrls,
    production,
    requireTrustedDocuments,
    limits: {
      maxDepth: config.MAX_DEPTH,
      maxIntrospectionDepth: config.MAX_INTROSPECTION_DEPTH,
      maxAliases: config.MAX_ALIASES,
      maxDirectives: config.MAX_DIRECTIVES,
      maxTokens: config.MAX_TOKENS,
      maxCost: config.MAX_COST,
      defaultListSize: config.COST_DEFAULT_LIST_SIZE,
    },
    rateLimits: {
      ipRequests: config.RATE_LIMIT_IP_REQUESTS,
      ipCost: config.RATE_LIMIT_IP_COST,
      keyRequests: config.RATE_LIMIT_KEY_REQUESTS,
      keyCost: config.RATE_LIMIT_KEY_COST,
    },
  };
}
export type GatewayConfig = ReturnType<typeof loadConfig>;
