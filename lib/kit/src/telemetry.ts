import type { Logger } from './logger.ts';
import { setMetricsService } from './metrics.ts';
import { instrumentFetch, setTracingEnabled, uninstrumentFetch } from './tracing.ts';

/** Stops telemetry; never throws (a missing collector must not take the service down). */
export type StopTelemetry = () => Promise<void>;

/**
 * Starts OpenTelemetry tracing exported over OTLP/HTTP — only when an endpoint is configured.
 * Without one nothing is loaded at all: the SDK's default (OTLP on 127.0.0.1:4318) would otherwise
 * fail at shutdown under Bun and kill the process.
 *
 * It also names the service in the Prometheus metrics (always) and, with an endpoint, turns on kit's manual
 * instrumentation: server spans in `listen`, client spans and `traceparent` on every `fetch`, database spans,
 * and trace context on NATS messages (see tracing.ts). The SDK's standard variables apply
 * (`OTEL_TRACES_SAMPLER`, `OTEL_BSP_SCHEDULE_DELAY`, `OTEL_RESOURCE_ATTRIBUTES`...).
 */
export async function startTelemetry(options: {
  service: string;
  endpoint: string | undefined;
  logger: Logger;
}): Promise<StopTelemetry> {
  setMetricsService(options.service);
  if (!options.endpoint) return async () => {};
  try {
    const [{ NodeSDK }, { OTLPTraceExporter }] = await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
    ]);
    const url = options.endpoint.replace(/\/$/, '') + '/v1/traces';
    const sdk = new NodeSDK({ serviceName: options.service, traceExporter: new OTLPTraceExporter({ url }) });
    sdk.start();
    setTracingEnabled(true);
    instrumentFetch([options.endpoint]);
    options.logger.info('telemetry started', { endpoint: options.endpoint });
    return async () => {
      setTracingEnabled(false);
      uninstrumentFetch();
      try {
        await sdk.shutdown();
      } catch (error) {
        options.logger.warn('telemetry shutdown failed', { error });
      }
    };
  } catch (error) {
    options.logger.warn('telemetry disabled: could not start', { error });
    return async () => {};
  }
}
