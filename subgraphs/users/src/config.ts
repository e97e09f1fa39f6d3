import { readConfig, env, commonConfig, databaseConfig, authConfig, type Reader } from '@startales/kit';
import { ServicePort } from '@startales/contracts';

/** A comma-separated list of http(s) origins (`scheme://host[:port]`, no path). */
const originList = (fallback: string): Reader<string[]> => ({
  read(raw) {
    const origins = (raw || fallback).split(',').map((o) => o.trim()).filter(Boolean);
    for (const o of origins) {
      let url: URL | undefined;
      try {
        url = new URL(o);
      } catch {}
      if (!url || !/^https?:$/.test(url.protocol) || url.origin !== o) throw new Error(`"${o}" is not an origin like https://example.com`);
    }
    return origins;
  },
});

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
      /** This service's address as clients reach it (data-export download links). */
      USERS_PUBLIC_URL: env.url('http://127.0.0.1:4001'),
      /** OAuth: comma-separated origins a redirectUri may be on (the web app's). */
      OAUTH_REDIRECT_ORIGINS: originList('http://127.0.0.1:5173'),
      /** OAuth: seconds a started sign-in can be completed. */
      OAUTH_FLOW_TTL_SECONDS: env.int(600, { min: 60, max: 3600 }),
      /** Google sign-in is offered only when GOOGLE_CLIENT_ID (and GOOGLE_CLIENT_SECRET) are set. */
      GOOGLE_CLIENT_ID: env.optionalString(),
      GOOGLE_CLIENT_SECRET: env.optionalString(),
      GOOGLE_ISSUER: env.url('https://accounts.google.com'),
      /** Discord sign-in is offered only when DISCORD_CLIENT_ID (and DISCORD_CLIENT_SECRET) are set. */
      DISCORD_CLIENT_ID: env.optionalString(),
      DISCORD_CLIENT_SECRET: env.optionalString(),
      DISCORD_API_URL: env.url('https://discord.com/api'),
      DISCORD_AUTHORIZE_URL: env.url('https://discord.com/oauth2/authorize'),
      /** Steam (OpenID 2.0) needs no credentials; STEAM_ENABLED=false turns it off. */
      STEAM_ENABLED: env.bool(true),
      STEAM_OPENID_URL: env.url('https://steamcommunity.com/openid/login'),
    },
    source,
  );
}
export type UsersConfig = ReturnType<typeof loadConfig>;
