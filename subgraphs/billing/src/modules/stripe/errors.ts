import Stripe from 'stripe';
import { ErrorCode } from '@startales/contracts';
import { AppError, type Logger } from '@startales/kit';

/** Stripe is not configured on this deployment, or cannot be reached right now. */
export class PaymentsUnavailableError extends AppError {
  override readonly name = 'PaymentsUnavailableError';
  constructor(message = 'Payments are not available on this deployment', options?: { cause?: unknown }) {
    super(ErrorCode.PAYMENTS_UNAVAILABLE, message, 503, {}, options);
  }
}

/** The Stripe client, or a typed error when STRIPE_SECRET_KEY is not set. */
export function requireStripe(stripe: Stripe | null | undefined): Stripe {
  if (!stripe) throw new PaymentsUnavailableError();
  return stripe;
}

/** True when Stripe answered that the object does not exist. */
export function isResourceMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && (error.code === 'resource_missing' || error.statusCode === 404);
}

/**
 * Runs a Stripe call; provider failures become PAYMENTS_UNAVAILABLE (logged with Stripe's request id), AppErrors and
 * anything `rethrow` accepts pass through for the caller to map.
 */
export async function callStripe<T>(logger: Logger, what: string, fn: () => Promise<T>, rethrow?: (error: unknown) => boolean): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError || rethrow?.(error)) throw error;
    if (error instanceof Stripe.errors.StripeError) {
      logger.error('stripe call failed', { what, type: error.type, code: error.code, status: error.statusCode, requestId: error.requestId, message: error.message });
      const transient = error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || error instanceof Stripe.errors.StripeRateLimitError;
      throw new PaymentsUnavailableError(transient ? 'The payment provider cannot be reached right now; try again' : 'The payment provider refused the request', { cause: error });
    }
    throw error;
  }
}
