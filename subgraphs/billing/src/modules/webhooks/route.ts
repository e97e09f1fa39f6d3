import { Elysia } from 'elysia';
import { ErrorCode } from '@startales/contracts';
import { findAppError, type Logger } from '@startales/kit';
import type { WebhookHandler } from './handler.ts';

/** Stripe's events are a few kB; anything past this is not from Stripe. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * `POST /webhooks/stripe`. Elysia must not parse the body (`parse: 'none'`): the signature covers the exact bytes
 * Stripe sent, so the handler verifies the raw text.
 */
export function stripeWebhooks(options: { handle: WebhookHandler; logger: Logger }) {
  return new Elysia({ name: '@startales/billing-stripe-webhooks' }).post(
    '/webhooks/stripe',
    async ({ request, set }) => {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > MAX_BODY_BYTES) {
        set.status = 413;
        return { error: { code: ErrorCode.BAD_USER_INPUT, message: 'Body too large' } };
      }
      const raw = await request.text();
      if (raw.length > MAX_BODY_BYTES) {
        set.status = 413;
        return { error: { code: ErrorCode.BAD_USER_INPUT, message: 'Body too large' } };
      }
      try {
        const res = await options.handle(raw, request.headers.get('stripe-signature'));
        set.status = res.status;
        return res.body;
      } catch (error) {
        // Stripe retries anything but 2xx: a provider outage while re-fetching is a 503, a bug a 500
        const app = findAppError(error);
        if (app) {
          set.status = app.status >= 500 ? app.status : 503;
          return { error: { code: app.code, message: app.message } };
        }
        options.logger.error('stripe webhook failed', { error });
        set.status = 500;
        return { error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Unexpected error; Stripe will retry' } };
      }
    },
    { parse: 'none' },
  );
}
