import { readConfig, env, commonConfig, databaseConfig, authConfig } from '@startales/kit';
import { ServicePort } from '@startales/contracts';

/** Parsed once in main.ts; every key has a local default. */
export function loadConfig(source: Record<string, string | undefined> = Bun.env) {
  return readConfig({ ...commonConfig, ...databaseConfig, ...authConfig, PORT: env.port(ServicePort.analytics) }, source);
}
