import { bootSubgraph, createTokenVerifier, startGdprConsumer } from '@startales/kit';
import { modules } from './modules/index.ts';
import { createGdprService, createUsersGdprHandlers, startGdprCollector } from './modules/gdpr/index.ts';
import { loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { createSigningKeys } from './modules/auth/keys.ts';
import { oauthOptionsFromConfig } from './modules/oauth/options.ts';
import { createMailTransport, startMailSender } from './modules/account/index.ts';

const config = loadConfig();
const keys = await createSigningKeys({
  privateKeyPem: config.JWT_PRIVATE_KEY,
  issuer: config.JWT_ISSUER,
  audience: config.JWT_AUDIENCE,
  ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
});

await bootSubgraph({
  name: 'users',
  config,
  entities,
  migrations,
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
    mail: startMailSender({
      orm: base.orm,
      logger: base.logger,
      transport: createMailTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger: base.logger }),
    }),
    gdprAnswers: await startGdprConsumer({ service: 'users', ...base, handlers: createUsersGdprHandlers(modules) }),
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
