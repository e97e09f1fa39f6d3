import { ConfigError } from '@startales/kit';
import type { OAuthOptions } from './service.ts';

/** The config keys the OAuth module reads (see config.ts). */
export interface OAuthConfig {
  OAUTH_REDIRECT_ORIGINS: string[];
  OAUTH_FLOW_TTL_SECONDS: number;
  GOOGLE_CLIENT_ID?: string;
  GOOGLE_CLIENT_SECRET?: string;
  GOOGLE_ISSUER: string;
  DISCORD_CLIENT_ID?: string;
  DISCORD_CLIENT_SECRET?: string;
  DISCORD_API_URL: string;
  DISCORD_AUTHORIZE_URL: string;
  STEAM_ENABLED: boolean;
  STEAM_OPENID_URL: string;
}

/** Builds the module's options; a provider without a client id is left out (it then answers OAUTH_PROVIDER_UNAVAILABLE). */
export function oauthOptionsFromConfig(config: OAuthConfig): OAuthOptions {
  const problems: string[] = [];
  if (config.GOOGLE_CLIENT_ID && !config.GOOGLE_CLIENT_SECRET) problems.push('GOOGLE_CLIENT_SECRET: required when GOOGLE_CLIENT_ID is set');
  if (config.DISCORD_CLIENT_ID && !config.DISCORD_CLIENT_SECRET) problems.push('DISCORD_CLIENT_SECRET: required when DISCORD_CLIENT_ID is set');
  if (problems.length) throw new ConfigError(problems);
  return {
    redirectOrigins: config.OAUTH_REDIRECT_ORIGINS,
    flowTtlSeconds: config.OAUTH_FLOW_TTL_SECONDS,
    google: config.GOOGLE_CLIENT_ID
      ? { clientId: config.GOOGLE_CLIENT_ID, clientSecret: config.GOOGLE_CLIENT_SECRET!, issuer: config.GOOGLE_ISSUER }
      : undefined,
    discord: config.DISCORD_CLIENT_ID
      ? {
          clientId: config.DISCORD_CLIENT_ID,
          clientSecret: config.DISCORD_CLIENT_SECRET!,
          apiUrl: config.DISCORD_API_URL,
          authorizeUrl: config.DISCORD_AUTHORIZE_URL,
        }
      : undefined,
    steam: config.STEAM_ENABLED ? { openIdUrl: config.STEAM_OPENID_URL } : undefined,
  };
}
