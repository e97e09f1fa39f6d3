import { toExportJson } from '@startales/kit';
import type { UsersModule } from '../types.ts';
import { AccountSanction } from './entities/account-sanction.entity.ts';
import { startSanctionsConsumer } from './consumer.ts';
import { createSanctionsExtension } from './service.ts';

/**
 * Enforcement of moderation's suspensions and bans: a projection of `domain.moderation.action` (kept by a durable
 * consumer) and an auth extension that refuses sign-in and refresh with ACCOUNT_SUSPENDED / ACCOUNT_BANNED
 * (`extensions.until`, `reason`, `policy`, `actionId`). Access tokens already issued lapse within their TTL.
 *
 * The module has no GraphQL (players read their sanctions from moderation's `myModerationActions`). Its consumer
 * starts with the app and ends when the NATS connection drains at shutdown.
 */
export const sanctionsModule: UsersModule = {
  name: 'sanctions',
  entities: [AccountSanction],
  createResolvers: ({ deps, auth }) => {
    const now = deps.clock ?? Date.now;
    auth.extend(createSanctionsExtension({ now }));
    startSanctionsConsumer({ bus: deps.bus, orm: deps.orm, logger: deps.logger, now })
      .then((consumer) => deps.bus.nc.closed().then(() => consumer.stop()))
      .catch((error) => {
        // a bus closed while starting (tests tearing down) is not worth a log line
        if (!deps.bus.nc.isClosed()) deps.logger.error('sanctions consumer failed to start: suspensions are not enforced', { error });
      });
    return {};
  },
  gdpr: {
    async exportUser(em, userId) {
      const rows = await em.find(AccountSanction, { userId }, { orderBy: { startsAt: 'asc' } });
      return { sanctions: toExportJson(rows) };
    },
    async eraseUser(em, userId) {
      await em.nativeDelete(AccountSanction, { userId });
    },
  },
};
