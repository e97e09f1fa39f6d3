import { parse } from 'graphql';
import { createLogger, createTokenVerifier, listen, startTelemetry } from '@startales/kit';
import { loadConfig } from './config.ts';
import { createApolloGateway } from './gateway.ts';
import { createGatewayApp } from './app.ts';
import { createApiKeyExchanger } from './partner.ts';
import { createRedisRateLimiter } from './rate-limit.ts';
import { createTrustedDocumentStore } from './documents.ts';
import { listSizeHintsFromSdl } from './cost.ts';
import { createCachingVerifier } from './verify-cache.ts';

const config = loadConfig();
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
const stopTelemetry = await startTelemetry({ service: 'gateway', endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, logger });
const supergraphSdl = await Bun.file(config.SUPERGRAPH_PATH).text().catch((error) => {
  logger.error('cannot read the supergraph', { path: config.SUPERGRAPH_PATH, error });
  process.exit(1);
});
const gateway = createApolloGateway({ supergraphSdl, subgraphUrls: config.subgraphUrls, timeoutMs: config.SUBGRAPH_TIMEOUT_MS, logger, dedup: config.SUBGRAPH_DEDUP });
await gateway.load();
const verifier = createCachingVerifier(createTokenVerifier({ jwksUrl: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }));
const usersUrl = config.subgraphUrls.users ?? usersUrlFrom(supergraphSdl);
const rateLimiter = config.RATE_LIMIT_ENABLED
  ? createRedisRateLimiter({
      url: config.REDIS_URL,
      // each deployment (and each test stack) counts on its own
      prefix: `startales:gateway:${config.NATS_NAMESPACE ? `${config.NATS_NAMESPACE}:` : ''}`,
      windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
      logger,
    })
  : undefined;
const { app, state } = createGatewayApp({
  gateway,
  verifier,
  logger,
  production: config.production,
  maxRequestBytes: config.MAX_REQUEST_BYTES,
  apiKeys: createApiKeyExchanger({ usersUrl, logger }),
  limits: config.limits,
  listSizeHints: listSizeHintsFromSdl(parse(supergraphSdl)),
  rateLimiter,
  rateLimits: config.rateLimits,
  documents: createTrustedDocumentStore({ usersUrl, logger, ttlMs: config.TRUSTED_DOCUMENT_CACHE_SECONDS * 1000 }),
  requireTrustedDocuments: config.requireTrustedDocuments,
});

/** The users subgraph's URL as the supergraph names it. */
function usersUrlFrom(sdl: string): string {
  const match = /USERS @join__graph\(name: "users", url: "([^"]+)"\)/.exec(sdl);
  if (!match?.[1]) throw new Error('the supergraph has no users subgraph');
  return match[1];
}
listen({
  app,
  host: config.HOST,
  port: config.PORT,
  logger,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  setReady: (ready) => {
    state.ready = ready;
  },
  close: [
    { name: 'gateway', run: () => gateway.stop() },
    { name: 'rate limiter', run: () => rateLimiter?.close() },
    { name: 'telemetry', run: () => stopTelemetry() },
  ],
});
