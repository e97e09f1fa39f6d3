import { bootSubgraph, createObjectStorage, createTokenVerifier, startGdprConsumer } from '@startales/kit';
import { modules } from './modules/index.ts';
import { createGdprService, createUsersGdprHandlers, startGdprCollector } from './modules/gdpr/index.ts';
import { loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { createRetentionRules } from './retention.ts';
import { createSigningKeys } from './modules/auth/keys.ts';
import { oauthOptionsFromConfig } from './modules/oauth/options.ts';
import { createMailTransport, startMailSender } from './modules/account/index.ts';
import { createCharacterRouter } from './modules/characters/router.ts';

const config = loadConfig();
const keys = await createSigningKeys({
  privateKeyPem: config.JWT_PRIVATE_KEY,
  issuer: config.JWT_ISSUER,
  audience: config.JWT_AUDIENCE,
  ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
});
const storage = createObjectStorage(config);
const mediaPublicUrl = config.MEDIA_PUBLIC_URL ?? config.USERS_PUBLIC_URL;

await bootSubgraph({
  name: 'users',
  config,
  entities,
  migrations,
  // character-portrait attempts are aged out with the objects they left: the CronJob needs the same storage
  retention: createRetentionRules({ storage }),
  // users verifies tokens with its own public keys: no HTTP round trip to itself
  verifier: (logger) => {
    if (!config.JWT_PRIVATE_KEY) logger.warn('JWT_PRIVATE_KEY not set: generated a signing key; sessions end on restart');
    return createTokenVerifier({ jwks: keys.jwks, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  },
  extra: async (base) => ({
    keys,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    oauth: oauthOptionsFromConfig(config),
    publicUrl: config.USERS_PUBLIC_URL,
    partyMaxSize: config.PARTY_MAX_SIZE,
    partyDefaultSize: config.PARTY_DEFAULT_SIZE,
    webAppUrl: config.WEB_APP_URL,
    mfaEncryptionKey: config.MFA_ENCRYPTION_KEY,
    storage,
    mediaPublicUrl,
    characterImagesPerDay: config.CHARACTER_IMAGES_PER_DAY,
    // the router may be down or absent: calls then fail typed (SERVICE_UNAVAILABLE), nothing else depends on it
    characterRouter: createCharacterRouter({
      url: config.LLM_ROUTER_URL,
      serviceToken: config.LLM_ROUTER_SERVICE_TOKEN,
      imageModel: config.CHARACTER_IMAGE_MODEL,
      imageSize: config.CHARACTER_IMAGE_SIZE,
      moderationModel: config.CHARACTER_MODERATION_MODEL,
      timeoutMs: config.CHARACTER_IMAGE_TIMEOUT_MS,
    }),
    mail: startMailSender({
      orm: base.orm,
      logger: base.logger,
      transport: createMailTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger: base.logger }),
    }),
    gdprAnswers: await startGdprConsumer({ service: 'users', ...base, handlers: createUsersGdprHandlers(modules, { storage, mediaPublicUrl }) }),
    gdprCollector: await startGdprCollector({
      ...base,
      gdpr: createGdprService({
        publicUrl: config.USERS_PUBLIC_URL,
        afterCommit: base.outbox.kick,
        services: config.GDPR_SERVICES.split(',').map((s) => s.trim()).filter(Boolean),
      }),
    }),
  }),
  createApp,
  beforeClose: (deps) => [
    { name: 'gdpr consumer', run: () => deps.gdprAnswers.stop() },
    { name: 'gdpr collector', run: () => deps.gdprCollector.stop() },
    { name: 'mail sender', run: () => deps.mail.stop() },
  ],
});
