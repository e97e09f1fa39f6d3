import { connectBus, createLogger, createShutdown, createTokenVerifier, metrics, serveApp, startTelemetry, type Bus } from '@startales/kit';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { createGameHost } from './host.ts';
import { createLiveHub } from './live/hub.ts';
import { createGameMaster } from './runner/game-master.ts';
import { createObjectStore } from './storage/object-store.ts';
import { createSnapshotStore } from './storage/snapshots.ts';

const config = loadConfig();
const logger = createLogger({ service: 'gamehost', level: config.LOG_LEVEL, base: { hostId: config.hostId } });
const stopTelemetry = await startTelemetry({ service: 'gamehost', endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, logger });
let bus: Bus | undefined;
try {
  bus = await connectBus({ url: config.NATS_URL, ns: config.NATS_NAMESPACE, name: `gamehost-${config.hostId}`, logger });
  const b = bus;
  const store = createObjectStore(config.snapshotStore, config.s3);
  const hub = createLiveHub();
  const host = createGameHost({
    hostId: config.hostId,
    url: () => config.publicUrl,
    bus,
    dataDir: config.dataDir,
    snapshots: createSnapshotStore(store),
    gameMaster: createGameMaster({
      routerUrl: config.LLM_ROUTER_URL,
      serviceToken: config.LLM_ROUTER_SERVICE_TOKEN,
      timeoutMs: config.LLM_TIMEOUT_MS,
      maxTokens: config.LLM_MAX_TOKENS,
    }),
    hub,
    clock: systemClock,
    logger,
    leaseTtlMs: config.LEASE_TTL_MS,
    snapshotEvery: config.SNAPSHOT_EVERY,
    turnTimeoutMs: config.TURN_TIMEOUT_MS,
    maxCampaigns: config.MAX_CAMPAIGNS,
    sanctionPruning: { graceMs: config.SANCTION_PRUNE_GRACE_MS, tombstoneTtlMs: config.SANCTION_TOMBSTONE_TTL_MS },
  });
  // the chart's HPA scales gamehost on campaigns per host
  metrics.gauge('gamehost_campaigns', 'Campaigns this host owns.', [], (g) => g.set(undefined, host.owned().length));
  const verifier = createTokenVerifier({ jwksUrl: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const { app, state } = createApp({ host, hub, verifier, logger, checks: { nats: () => !b.nc.isClosed() } });
  // observed: request counts and latency in /metrics, a server span per request when tracing is on
  serveApp(app, { hostname: config.HOST, port: config.PORT });
  await host.start();
  state.ready = true;
  logger.info('listening', { url: config.publicUrl, dataDir: config.dataDir, snapshots: store.location });
  createShutdown({
    logger,
    signals: true,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    steps: [
      { name: 'not-ready', run: () => void (state.ready = false) },
      // snapshot every owned campaign and release its lease (players are told to reconnect to the next owner)
      { name: 'campaigns', run: () => host.stop() },
      { name: 'http', run: () => app.server?.stop(true) },
      { name: 'nats', run: () => b.close() },
      { name: 'telemetry', run: () => stopTelemetry() },
    ],
  });
} catch (error) {
  logger.error('failed to start', { error });
  await bus?.close().catch(() => {});
  await stopTelemetry();
  process.exit(1);
}
