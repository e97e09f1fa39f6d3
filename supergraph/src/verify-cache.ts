import type { Principal, TokenVerifier } from '@startales/kit';

/**
 * Remembers verified access tokens until they expire (at most `maxAgeMs`), so a client sending the same token on
 * every request costs one signature check per token, not one per request. Only successes are remembered; a token
 * past its `exp` is verified again (and refused as expired).
 */
export function createCachingVerifier(verifier: TokenVerifier, options: { maxEntries?: number; maxAgeMs?: number } = {}): TokenVerifier {
  const max = options.maxEntries ?? 50_000;
  const maxAge = options.maxAgeMs ?? 60_000;
  const cache = new Map<string, { principal: Principal; until: number }>();
  return {
    async verify(token) {
      const now = Date.now();
      const hit = cache.get(token);
      if (hit && hit.until > now) return hit.principal;
      const principal = await verifier.verify(token);
      const exp = expiryMs(token);
      if (exp !== undefined) {
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(token, { principal, until: Math.min(exp, now + maxAge) });
      }
      return principal;
    },
  };
}

/** `exp` of a JWT already verified, in ms. */
function expiryMs(token: string): number | undefined {
  try {
    const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
