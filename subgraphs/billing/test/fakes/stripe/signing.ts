import { createHmac } from 'node:crypto';
import Stripe from 'stripe';

/**
 * A synchronous HMAC provider for `stripe.webhooks.generateTestHeaderString`: under Bun, stripe-node loads its worker
 * build, whose default (SubtleCrypto) provider is async-only.
 */
class HmacCryptoProvider {
  computeHMACSignature(payload: string, secret: string): string {
    return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
  }
  async computeHMACSignatureAsync(payload: string, secret: string): Promise<string> {
    return this.computeHMACSignature(payload, secret);
  }
  async computeSHA256Async(data: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(data)));
  }
}
const cryptoProvider = new HmacCryptoProvider();

/** A `Stripe-Signature` header for `payload`, made by stripe-node's own test helper. */
export function signPayload(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp, cryptoProvider: cryptoProvider as never });
}
