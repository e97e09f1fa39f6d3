import Stripe from 'stripe';

/** How to reach Stripe (tests and local runs point `host`/`port`/`protocol` at a fake). */
export interface StripeClientOptions {
  secretKey: string;
  host: string;
  port: number;
  protocol: 'http' | 'https';
  timeoutMs?: number;
  /** stripe-node retries timeouts, connection errors, 409 and 5xx with the same Idempotency-Key. */
  maxNetworkRetries?: number;
}

/** The official client, pinned to the API version the installed stripe-node was generated for. */
export function createStripeClient(options: StripeClientOptions): Stripe {
  return new Stripe(options.secretKey, {
    host: options.host,
    port: options.port,
    protocol: options.protocol,
    timeout: options.timeoutMs ?? 20_000,
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    telemetry: false,
    appInfo: { name: 'startales-billing' },
  });
}

export type { Stripe };
