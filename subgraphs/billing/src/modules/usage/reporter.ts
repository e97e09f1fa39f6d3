import Stripe from 'stripe';
import type { EntityManager, Logger, Orm } from '@startales/kit';
import { BillingCustomer } from '../customers/entities/customer.entity.ts';
import { BillingSubscription } from '../subscriptions/entities/subscription.entity.ts';
import { ensureCustomer } from '../customers/service.ts';
import type { PriceBooks } from '../pricing/price-books.ts';
import type { Catalog } from '../stripe/catalog.ts';
import { callStripe } from '../stripe/errors.ts';
import { idempotencyKey, toUnix } from '../stripe/keys.ts';
import { lockKey } from '../stripe/lock.ts';
import type { StripeSync } from '../stripe/sync.ts';
import { UsageCharge } from './entities/usage-charge.entity.ts';

/** Stripe accepts meter events up to 35 days old; older ones can never be reported. */
const MAX_AGE_MS = 35 * 86_400_000;

export interface UsageReporter {
  /** Reports what is pending now (after a usage event committed a charge). */
  kick(): void;
  /** Reports every pending charge; resolves to how many were reported. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Reports pending usage charges to Stripe as billing meter events, oldest first. Each event's `identifier` (and
 * Idempotency-Key) is the usage event id, so a re-send after a crash or timeout is refused by Stripe as a duplicate
 * and counted as reported: a charge is billed once. The user's metered subscription (which turns the meter into
 * invoice lines) is created with their first charge.
 */
export function startUsageReporter(options: {
  orm: Orm;
  stripe: Stripe;
  catalog: Catalog;
  sync: StripeSync;
  books: PriceBooks;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
}): UsageReporter {
  const { orm, stripe, catalog, sync, books, logger } = options;
  let running: Promise<number> | undefined;
  let stopped = false;

  /** The user's metered subscription (created with the first charge) and when it started billing usage. */
  async function ensureUsageSubscription(em: EntityManager, charge: UsageCharge, customerId: string): Promise<Date> {
    const userId = charge.userId;
    const customer = await em.fork().findOneOrFail(BillingCustomer, { userId });
    if (customer.usageSubscriptionId) {
      const existing = await em.fork().findOne(BillingSubscription, { id: customer.usageSubscriptionId });
      if (existing && !existing.endedAt) return existing.activatedAt ?? existing.createdAt;
    }
    const book = books.byId(charge.priceBook);
    const price = await catalog.usagePrice(book);
    const sub = await callStripe(logger, 'subscriptions.create', () =>
      stripe.subscriptions.create(
        {
          customer: customerId,
          items: [{ price }],
          collection_method: 'send_invoice',
          days_until_due: 14,
          // starts when the oldest unreported usage happened, so every charge falls inside a billed period
          backdate_start_date: toUnix(charge.occurredAt),
          metadata: { userId, kind: 'USAGE', priceBook: book.id },
        },
        { idempotencyKey: idempotencyKey('usage-subscription', userId, customer.usageSubscriptionId ?? 'first') },
      ),
    );
    await em.fork().transactional(async (tx) => {
      await lockKey(tx, `customer:${customerId}`);
      await sync.syncSubscription(tx, sub.id);
      await tx.nativeUpdate(BillingCustomer, { userId }, { usageSubscriptionId: sub.id });
    });
    return new Date(sub.start_date * 1000);
  }

  async function report(em: EntityManager, charge: UsageCharge): Promise<void> {
    const customerId = await ensureCustomer(em, stripe, logger, charge.userId);
    const billedFrom = await ensureUsageSubscription(em, charge, customerId);
    const eventName = await catalog.meterEventName();
    // usage older than the subscription (reported late) is billed at its start rather than not at all
    const timestamp = Math.max(toUnix(charge.occurredAt), toUnix(billedFrom));
    try {
      await stripe.billing.meterEvents.create(
        {
          event_name: eventName,
          identifier: charge.id,
          timestamp,
          payload: { stripe_customer_id: customerId, value: String(charge.overageMicros) },
        },
        { idempotencyKey: idempotencyKey('meter-event', charge.id) },
      );
    } catch (error) {
      // Stripe already holds an event with this identifier: it was reported before (the crash came after)
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError && /already exists with identifier/i.test(error.message))) throw error;
      logger.info('usage charge already reported', { id: charge.id });
    }
  }

  const flushPending = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const em = orm.em.fork();
      // charges that keep failing go to the back, so one bad row never holds up the others
      const rows = await em.find(UsageCharge, { status: 'PENDING' }, { orderBy: { attempts: 'asc', occurredAt: 'asc', id: 'asc' }, limit: options.batchSize ?? 50 });
      if (rows.length === 0) return total;
      let failed = false;
      for (const row of rows) {
        if (Date.now() - row.occurredAt.getTime() > MAX_AGE_MS) {
          row.status = 'FAILED';
          row.lastError = 'older than 35 days: Stripe no longer accepts it';
          logger.error('usage charge too old to report', { id: row.id, overageMicros: row.overageMicros });
          continue;
        }
        try {
          await report(em, row);
          row.status = 'REPORTED';
          row.reportedAt = new Date();
          row.lastError = null;
          total++;
        } catch (error) {
          failed = true;
          row.attempts += 1;
          row.lastError = String((error as Error).message ?? error).slice(0, 500);
          logger.warn('usage charge not reported; will retry', { id: row.id, attempts: row.attempts, error });
          // Stripe unreachable: the rest of the batch would fail the same way
          if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || (error as { code?: string }).code === 'PAYMENTS_UNAVAILABLE') break;
        }
      }
      await em.flush();
      // pending rows left after a failure wait for the next tick (no tight retry loop)
      if (failed) return total;
    }
  };

  const flush = () => {
    running ??= flushPending().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void flush().catch((error) => logger.warn('usage reporter error', { error }));
  }, options.intervalMs ?? 5_000);

  return {
    kick() {
      if (!stopped) void flush().catch((error) => logger.warn('usage reporter error', { error }));
    },
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
