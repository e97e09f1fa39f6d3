/**
 * The web app's server: builds the app when needed, then serves it on PORT (default 5173) with `/graphql` proxied to
 * the gateway and the live socket to gamehost. `bun run --cwd web start`.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, createShutdown, serveApp, startTelemetry } from '@startales/kit';
import { loadConfig } from './server/config.ts';
import { ensureBuilt } from './server/build.ts';
import { createSupportDesk } from './server/support.ts';
import { createWebServer } from './server/app.ts';

const config = loadConfig();
const logger = createLogger({ service: 'web', level: config.LOG_LEVEL });
// before the server exists: its proxy's fetch then carries `traceparent` to the gateway
const stopTelemetry = await startTelemetry({ service: 'web', endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, logger });
try {
  const started = performance.now();
  const how = await ensureBuilt(config.WEB_DIST_DIR, config.WEB_BUILD);
  logger.info(how === 'built' ? 'built the app' : 'using the prebuilt app', { dist: config.WEB_DIST_DIR, ms: Math.round(performance.now() - started) });
  const template = readFileSync(join(config.WEB_DIST_DIR, 'index.html'), 'utf8');
  const support = createSupportDesk({ dataDir: config.WEB_DATA_DIR, helpdeskUrl: config.HELPDESK_URL, helpdeskToken: config.HELPDESK_TOKEN, logger });
  const { app, state } = createWebServer({
    distDir: config.WEB_DIST_DIR,
    template,
    gatewayUrl: config.GATEWAY_URL,
    gatewayTimeoutMs: config.GATEWAY_TIMEOUT_MS,
    gamehostUrl: config.GAMEHOST_URL,
    publicUrl: config.publicUrl,
    support,
    logger,
    builtAt: statSync(join(config.WEB_DIST_DIR, 'index.html')).mtime,
  });
  // observed: `GET /metrics`, request counts and latency, a server span per request when tracing is on
  serveApp(app, { hostname: config.HOST, port: config.PORT });
  state.ready = true;
  const url = `http://${config.HOST}:${app.server?.port ?? config.PORT}/`;
  logger.info('listening', { url, gateway: config.GATEWAY_URL, gamehost: config.GAMEHOST_URL, helpdesk: config.HELPDESK_URL ? 'configured' : 'off' });
  console.log(`Startales web: ${url}`);
  createShutdown({
    logger,
    signals: true,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    steps: [
      { name: 'not-ready', run: () => void (state.ready = false) },
      { name: 'http', run: () => app.server?.stop(true) },
      { name: 'support', run: () => support.close() },
      { name: 'telemetry', run: () => stopTelemetry() },
    ],
  });
} catch (error) {
  logger.error('failed to start', { error });
  await stopTelemetry();
  process.exit(1);
}
