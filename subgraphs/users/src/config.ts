import { readConfig, env, commonConfig, databaseConfig, authConfig } from '@startales/kit';
import { ServicePort } from '@startales/contracts';

/** Parsed once in main.ts; every key has a local default except the signing key (generated when absent). */
export function loadConfig(source: Record<string, string | undefined> = Bun.env) {
  return readConfig(
    {
      ...commonConfig,
      ...databaseConfig,
      ...authConfig,
      PORT: env.port(ServicePort.users),
      /** Ed25519 private key, PKCS#8 PEM (or JWT_PRIVATE_KEY_FILE). Without one a key is generated per process. */
      JWT_PRIVATE_KEY: env.optionalString(),
      ACCESS_TOKEN_TTL_SECONDS: env.int(900, { min: 30, max: 86_400 }),
      REFRESH_TOKEN_TTL_SECONDS: env.int(30 * 86_400, { min: 60 }),
    },
    source,
  );
}
export type UsersConfig = ReturnType<typeof loadConfig>;
