import type Stripe from 'stripe';
import { toExportJson, type EntityManager, type GdprHandlers, type Logger } from '@startales/kit';
import { Checkout } from './modules/checkout/entities/checkout.entity.ts';
import { BillingCustomer } from './modules/customers/entities/customer.entity.ts';
import { Invoice } from './modules/invoices/entities/invoice.entity.ts';
import { Payment } from './modules/payments/entities/payment.entity.ts';
import { Refund } from './modules/payments/entities/refund.entity.ts';
import { isResourceMissing } from './modules/stripe/errors.ts';
import { idempotencyKey } from './modules/stripe/keys.ts';
import { BillingSubscription } from './modules/subscriptions/entities/subscription.entity.ts';
import { UsageCharge } from './modules/usage/entities/usage-charge.entity.ts';

/**
 * Billing's part of GDPR requests. Export: everything held on the user. Erasure: the Stripe customer is deleted (which
 * cancels its subscriptions at Stripe), the customer link, open checkouts and unreported usage charges go, and
 * subscriptions are ended here. Payments, refunds and invoices are kept as accounting records (a legal obligation,
 * GDPR art. 17(3)(b)); they hold only the opaque user id and amounts, and the identity behind that id is gone.
 */
export function createBillingGdpr(options: { stripe: Stripe | null; logger: Logger }): GdprHandlers {
  return {
    async exportUser(em: EntityManager, userId: string) {
      const [customer, checkouts, payments, refunds, subscriptions, invoices, usageCharges] = await Promise.all([
        em.findOne(BillingCustomer, { userId }),
        em.find(Checkout, { userId }, { orderBy: { createdAt: 'asc' } }),
        em.find(Payment, { userId }, { orderBy: { createdAt: 'asc' } }),
        em.find(Refund, { userId }, { orderBy: { createdAt: 'asc' } }),
        em.find(BillingSubscription, { userId }, { orderBy: { createdAt: 'asc' } }),
        em.find(Invoice, { userId }, { orderBy: { createdAt: 'asc' } }),
        em.find(UsageCharge, { userId }, { orderBy: { occurredAt: 'asc' } }),
      ]);
      return {
        stripeCustomerId: customer?.stripeCustomerId ?? null,
        checkouts: toExportJson(checkouts),
        payments: toExportJson(payments),
        refunds: toExportJson(refunds),
        subscriptions: toExportJson(subscriptions),
        invoices: toExportJson(invoices),
        usageCharges: toExportJson(usageCharges),
      };
    },

    async eraseUser(em: EntityManager, userId: string) {
      const customer = await em.findOne(BillingCustomer, { userId });
      if (customer) {
        if (options.stripe) {
          try {
            await options.stripe.customers.del(customer.stripeCustomerId, {}, { idempotencyKey: idempotencyKey('customer-delete', customer.stripeCustomerId) });
          } catch (error) {
            // already deleted (a redelivery after a crash): nothing left at Stripe
            if (!isResourceMissing(error)) throw error;
          }
        } else {
          options.logger.error('erasing a user with a Stripe customer while Stripe is not configured; delete it in the dashboard', {
            userId,
            customer: customer.stripeCustomerId,
          });
        }
        em.remove(customer);
      }
      const now = new Date();
      await em.nativeUpdate(BillingSubscription, { userId, endedAt: null }, { status: 'canceled', endedAt: now, canceledAt: now });
      await em.nativeDelete(Checkout, { userId });
      await em.nativeUpdate(UsageCharge, { userId, status: 'PENDING' }, { status: 'FAILED', lastError: 'account erased before it was reported' });
      await em.flush();
    },
  };
}
