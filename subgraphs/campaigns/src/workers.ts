import type { Bus, Logger, Orm, RunningConsumer } from '@startales/kit';
import type { CampaignSettings } from './modules/common/settings.ts';
import { startUsersConsumer } from './modules/consumers/users.ts';
import { startBillingConsumer } from './modules/consumers/billing.ts';
import { startGameOutcomesConsumer } from './modules/consumers/game.ts';
import { startModerationConsumer } from './modules/consumers/moderation.ts';
import { createRegistrationService } from './modules/registration/service.ts';

export interface CampaignWorkers {
  users: RunningConsumer;
  billing: RunningConsumer;
  outcomes: RunningConsumer;
  moderation: RunningConsumer;
  /** Releases expired holds now (the sweeper also runs every `sweepIntervalMs`). */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Background work of the campaigns service: the users projection consumer, the billing consumer, gamehost's
 * outcomes consumer, the moderation (mutes and kicks) consumer and the hold sweeper. (The prose writer is started
 * beside them in main.ts.)
 */
export async function startCampaignWorkers(options: { bus: Bus; orm: Orm; logger: Logger; settings: CampaignSettings; sweepIntervalMs?: number }): Promise<CampaignWorkers> {
  const { bus, orm, logger, settings } = options;
  const users = await startUsersConsumer({ bus, orm, logger });
  const billing = await startBillingConsumer({ bus, orm, logger, settings });
  const outcomes = await startGameOutcomesConsumer({ bus, orm, logger, clock: settings.clock, afterCommit: settings.afterCommit });
  const moderation = await startModerationConsumer({ bus, orm, logger, settings });
  const registrations = createRegistrationService(settings);
  const sweep = () => registrations.expireHolds(orm.em.fork());
  let sweeping: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    sweeping ??= sweep()
      .catch((error) => logger.warn('hold sweep failed', { error }))
      .finally(() => {
        sweeping = undefined;
      });
  }, options.sweepIntervalMs ?? 60_000);
  return {
    users,
    billing,
    outcomes,
    moderation,
    sweep,
    async stop() {
      clearInterval(timer);
      await sweeping;
      await Promise.all([users.stop(), billing.stop(), outcomes.stop(), moderation.stop()]);
    },
  };
}
