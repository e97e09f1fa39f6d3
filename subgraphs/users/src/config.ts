import { readConfig, env, commonConfig, databaseConfig, authConfig, objectStorageConfig, type Reader } from '@startales/kit';
import { GDPR_SERVICES, ServicePort } from '@startales/contracts';

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

/** An optional smtp:// or smtps:// URL. */
const smtpUrl: Reader<string | undefined> = {
  read(raw) {
    if (!raw) return undefined;
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {}
    if (!url || !/^smtps?:$/.test(url.protocol) || !url.hostname) throw new Error('must be smtp://[user:pass@]host[:port] or smtps://…');
    return raw;
  },
};

/** An optional 256-bit key, base64 or hex. */
const aesKey: Reader<Uint8Array | undefined> = {
  read(raw) {
    if (!raw) return undefined;
    const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    if (key.length !== 32) throw new Error('must be 32 bytes, base64 or hex (e.g. `openssl rand -base64 32`)');
    return new Uint8Array(key);
  },
};

/** An optional http(s) URL. */
const optionalHttpUrl: Reader<string | undefined> = {
  read(raw) {
    if (!raw) return undefined;
    if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) throw new Error(`must be an http(s) URL, got "${raw}"`);
    return raw.replace(/\/$/, '');
  },
};

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
      /** GDPR: the services that must answer an export or erasure (comma-separated; default: every service holding user data). */
      GDPR_SERVICES: env.string(GDPR_SERVICES.join(',')),
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
      /** Parties: the largest size a party may choose (a campaign holds at most 50). */
      PARTY_MAX_SIZE: env.int(8, { min: 2, max: 50 }),
      /** Parties: the size of a party created without one (at most PARTY_MAX_SIZE). */
      PARTY_DEFAULT_SIZE: env.int(4, { min: 2, max: 50 }),
      /** Account mail links point here (`/verify-email?token=…`, `/reset-password?token=…`). */
      WEB_APP_URL: env.url('http://127.0.0.1:5173'),
      /** Mail is sent over SMTP when set (smtp://user:pass@host:587, smtps://…:465); otherwise it is only logged. */
      SMTP_URL: smtpUrl,
      MAIL_FROM: env.string('Startales <no-reply@startales.local>'),
      /** 32-byte key (base64 or hex) sealing TOTP secrets at rest with AES-256-GCM; without it they are stored in clear. */
      MFA_ENCRYPTION_KEY: aesKey,
      /** Object storage (character portraits): OBJECT_STORAGE_DIR locally, or S3_BUCKET + S3_* for an S3-compatible bucket. */
      ...objectStorageConfig,
      /** Character portraits are drawn and checked through llm-router. */
      LLM_ROUTER_URL: env.url(`http://127.0.0.1:${ServicePort.llmRouter}`),
      /** Bearer token users presents to llm-router (supports LLM_ROUTER_SERVICE_TOKEN_FILE). */
      LLM_ROUTER_SERVICE_TOKEN: env.string('dev-service-token'),
      CHARACTER_IMAGE_MODEL: env.string('openai/gpt-image-1'),
      CHARACTER_IMAGE_SIZE: env.string('1024x1024'),
      /** Checks descriptions and the portraits themselves: must accept images (a vision model or tier). */
      CHARACTER_MODERATION_MODEL: env.string('STANDARD'),
      /** Portrait attempts one player may make per rolling 24 hours (0: generation off). */
      CHARACTER_IMAGES_PER_DAY: env.int(10, { min: 0, max: 10_000 }),
      CHARACTER_IMAGE_TIMEOUT_MS: env.int(120_000, { min: 1000, max: 600_000 }),
      /** Where clients reach `/media/…` (portraits), e.g. behind the web app's origin; default USERS_PUBLIC_URL. */
      MEDIA_PUBLIC_URL: optionalHttpUrl,
    },
    source,
  );
}
export type UsersConfig = ReturnType<typeof loadConfig>;
