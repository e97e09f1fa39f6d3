import { Consumer, Stream } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type Logger, type Orm } from '@startales/kit';
import type { CampaignSettings } from '../common/settings.ts';
import { applyModerationEvent } from '../sanctions/service.ts';

/**
 * Durable consumer of `domain.moderation.>`: mutes and kicks into the sanctions projection (a kick also ends the
 * player's registration). One at a time, so an action and its revocation are applied in stream order (the projection
 * tolerates either order anyway).
 */
export function startModerationConsumer(options: { bus: Bus; orm: Orm; logger: Logger; settings: CampaignSettings }) {
  const { settings, ...rest } = options;
  return startIdempotentConsumer({
    ...rest,
    stream: Stream.DOMAIN,
    durable: Consumer.CAMPAIGNS_MODERATION,
    filterSubject: 'domain.moderation.>',
    concurrency: 1,
    afterCommit: settings.afterCommit,
    handle: (tx, event) => applyModerationEvent(tx, event, settings),
  });
}
