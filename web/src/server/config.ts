import { join, resolve } from 'node:path';
import { commonConfig, env, readConfig } from '@startales/kit';

/** The web package's folder (web/). */
export const WEB_ROOT = resolve(import.meta.dir, '..', '..');

/** Typed configuration of the web server, parsed once from the environment (NAME_FILE works for every key). */
export function loadConfig(source: Record<string, string | undefined> = Bun.env) {
  const c = readConfig(
    {
      NODE_ENV: commonConfig.NODE_ENV,
      LOG_LEVEL: commonConfig.LOG_LEVEL,
      HOST: commonConfig.HOST,
      SHUTDOWN_TIMEOUT_MS: commonConfig.SHUTDOWN_TIMEOUT_MS,
      /** OTLP/HTTP collector: traces of the proxied requests (unset: no tracing). */
      OTEL_EXPORTER_OTLP_ENDPOINT: commonConfig.OTEL_EXPORTER_OTLP_ENDPOINT,
      PORT: env.port(5173),
      /** Where `/graphql` is proxied (the gateway). */
      GATEWAY_URL: env.url('http://127.0.0.1:4000/graphql'),
      GATEWAY_TIMEOUT_MS: env.int(30_000, { min: 100 }),
      /** Any gamehost: asked who owns a campaign, then the live socket is proxied to the owner. */
      GAMEHOST_URL: env.url('http://127.0.0.1:4020'),
      /** Absolute origin used in sitemap.xml, canonical links and JSON-LD (default http://HOST:PORT). */
      WEB_PUBLIC_URL: env.optionalString(),
      /** Support tickets (SQLite) live here. */
      WEB_DATA_DIR: env.string(join(WEB_ROOT, '..', '.data', 'web')),
      /** auto: build when dist/ is missing or older than the sources; always; never (serve dist/ as it is). */
      WEB_BUILD: env.oneOf(['auto', 'always', 'never'], 'auto'),
      WEB_DIST_DIR: env.string(join(WEB_ROOT, 'dist')),
      /** A helpdesk API that new support tickets are POSTed to as JSON (unset: stored only). */
      HELPDESK_URL: env.optionalString(),
      HELPDESK_TOKEN: env.optionalString(),
    },
    source,
  );
  if (c.HELPDESK_URL) {
    try {
      new URL(c.HELPDESK_URL);
    } catch {
      throw new Error(`Invalid configuration:\n  - HELPDESK_URL: must be a URL, got "${c.HELPDESK_URL}"`);
    }
  }
  return { ...c, publicUrl: (c.WEB_PUBLIC_URL || `http://${c.HOST}:${c.PORT}`).replace(/\/+$/, '') };
}

export type WebConfig = ReturnType<typeof loadConfig>;
