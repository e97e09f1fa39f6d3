import { readConfig, env, commonConfig, databaseConfig, authConfig, type Reader } from '@startales/kit';
import { ServicePort } from '@startales/contracts';

/** An optional secret that must start with one of `prefixes` (catches a publishable key pasted as the secret one). */
const optionalSecret = (...prefixes: string[]): Reader<string | undefined> => ({
  read(raw) {
    if (!raw) return undefined;
    if (!prefixes.some((p) => raw.startsWith(p))) throw new Error(`must start with ${prefixes.join(' or ')}`);
    return raw;
  },
});

/** The Stripe API's base URL, split the way stripe-node takes it (`host`, `port`, `protocol`). */
export interface StripeApiUrl {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}
const stripeApiUrl = (fallback: string): Reader<StripeApiUrl> => ({
  read(raw) {
    let url: URL | undefined;
    try {
      url = new URL(raw || fallback);
    } catch {}
    if (!url || !/^https?:$/.test(url.protocol) || (url.pathname !== '/' && url.pathname !== '')) {
      throw new Error(`must be a base URL like https://api.stripe.com, got "${raw}"`);
    }
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
  },
});

/**
 * Parsed once in main.ts; every key has a local default. Without STRIPE_SECRET_KEY the service still runs: quotes and
 * finance figures work, and every Stripe feature answers PAYMENTS_UNAVAILABLE.
 */
export function loadConfig(source: Record<string, string | undefined> = Bun.env) {
  return readConfig(
    {
      ...commonConfig,
      ...databaseConfig,
      ...authConfig,
      PORT: env.port(ServicePort.billing),
      /** Stripe secret (sk_…) or restricted (rk_…) key, or STRIPE_SECRET_KEY_FILE. */
      STRIPE_SECRET_KEY: optionalSecret('sk_', 'rk_'),
      /** Signing secret of the `/webhooks/stripe` endpoint (whsec_…), or STRIPE_WEBHOOK_SECRET_FILE. */
      STRIPE_WEBHOOK_SECRET: optionalSecret('whsec_'),
      /** The Stripe API's base URL (a local fake in tests), passed to stripe-node as host/port/protocol. */
      STRIPE_API_URL: stripeApiUrl('https://api.stripe.com'),
      /** Per-request timeout of Stripe calls; stripe-node retries with the same Idempotency-Key after it. */
      STRIPE_TIMEOUT_MS: env.int(20_000, { min: 100, max: 120_000 }),
      STRIPE_MAX_NETWORK_RETRIES: env.int(2, { min: 0, max: 10 }),
      /** Checkout and the customer portal send the player back here (`/billing/...`). */
      WEB_APP_URL: env.url('http://127.0.0.1:5173'),
      /** How often pending usage charges are reported to Stripe as meter events. */
      USAGE_REPORT_INTERVAL_MS: env.int(5_000, { min: 100 }),
    },
    source,
  );
}
export type BillingConfig = ReturnType<typeof loadConfig>;
