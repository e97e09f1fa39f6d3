import { OAuthProviderId } from '../model.ts';
import { denied, providerUnreachable, verificationFailed } from './errors.ts';
import type { IdentityProvider, ProviderIdentity } from './types.ts';

export interface SteamOptions {
  /** The Steam OpenID 2.0 provider endpoint (also the only `openid.op_endpoint` accepted). */
  openIdUrl: string;
  timeoutSeconds?: number;
  /** Oldest `openid.response_nonce` accepted, in seconds. */
  maxAssertionAgeSeconds?: number;
}

const OPENID_NS = 'http://specs.openid.net/auth/2.0';
const IDENTIFIER_SELECT = 'http://specs.openid.net/auth/2.0/identifier_select';
// Steam's claimed id is https://steamcommunity.com/openid/id/<SteamID64> (individual accounts are 7656119…)
const CLAIMED_ID = /^https:\/\/steamcommunity\.com\/openid\/id\/(7656119\d{10})$/;
const MUST_BE_SIGNED = ['op_endpoint', 'claimed_id', 'identity', 'return_to', 'response_nonce', 'assoc_handle'];

/** The `openid.return_to` of a flow: the redirect URI with our state, so the callback finds its flow. */
export const steamReturnTo = (redirectUri: string, state: string) => `${redirectUri}?state=${encodeURIComponent(state)}`;

/**
 * Steam (OpenID 2.0): redirect with `checkid_setup`, then check the positive assertion locally (namespace,
 * endpoint, return_to, claimed id, signed fields, nonce age) and ask Steam itself whether it issued it
 * (`check_authentication`, stateless mode). The subject is the 64-bit SteamID from `openid.claimed_id`.
 */
export function createSteamProvider(options: SteamOptions): IdentityProvider {
  const id = OAuthProviderId.steam;
  const timeoutMs = (options.timeoutSeconds ?? 10) * 1000;
  const maxAgeMs = (options.maxAssertionAgeSeconds ?? 15 * 60) * 1000;

  async function checkAuthentication(params: URLSearchParams): Promise<boolean> {
    const body = new URLSearchParams();
    for (const [k, v] of params) if (k.startsWith('openid.')) body.append(k, v);
    body.set('openid.mode', 'check_authentication');
    let res: Response;
    try {
      res = await fetch(options.openIdUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/plain' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw providerUnreachable(id, error);
    }
    if (!res.ok) throw providerUnreachable(id, new Error(`check_authentication answered ${res.status}`));
    // Key-Value Form Encoding (OpenID 2.0 §4.1.1): "key:value\n" lines
    const fields = new Map(
      (await res.text()).split('\n').map((line) => {
        const i = line.indexOf(':');
        return [line.slice(0, i).trim(), line.slice(i + 1).trim()] as const;
      }),
    );
    return fields.get('ns') === OPENID_NS && fields.get('is_valid') === 'true';
  }

  return {
    id,
    pkce: false,
    nonce: false,
    async authorizationUrl(flow) {
      const url = new URL(options.openIdUrl);
      const returnTo = steamReturnTo(flow.redirectUri, flow.state);
      url.search = new URLSearchParams({
        'openid.ns': OPENID_NS,
        'openid.mode': 'checkid_setup',
        'openid.return_to': returnTo,
        'openid.realm': `${new URL(flow.redirectUri).origin}/`,
        'openid.identity': IDENTIFIER_SELECT,
        'openid.claimed_id': IDENTIFIER_SELECT,
      }).toString();
      return url.toString();
    },
    async verify(flow, params): Promise<ProviderIdentity> {
      const get = (key: string) => {
        const values = params.getAll(`openid.${key}`);
        return values.length === 1 ? values[0]! : undefined;
      };
      const fail = (why: string) => verificationFailed(id, 'assertion', `The Steam assertion is not valid: ${why}`);
      const mode = get('mode');
      if (mode === 'cancel') throw denied(id, 'cancel');
      if (mode !== 'id_res') throw fail('not a positive assertion');
      if (get('ns') !== OPENID_NS) throw fail('wrong namespace');
      if (get('op_endpoint') !== options.openIdUrl) throw fail('issued by another endpoint');
      if (get('return_to') !== steamReturnTo(flow.redirectUri, flow.state)) throw fail('return_to does not match');
      const claimedId = get('claimed_id');
      const match = claimedId ? CLAIMED_ID.exec(claimedId) : null;
      if (!match || get('identity') !== claimedId) throw fail('not a Steam identity');
      const signed = new Set((get('signed') ?? '').split(','));
      if (!get('sig') || MUST_BE_SIGNED.some((f) => !signed.has(f))) throw fail('required fields are not signed');
      const issued = Date.parse(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/.exec(get('response_nonce') ?? '')?.[1] ?? '');
      if (Number.isNaN(issued) || Math.abs(Date.now() - issued) > maxAgeMs) throw fail('stale or missing nonce');
      if (!(await checkAuthentication(params))) throw fail('Steam did not confirm it');
      return { subject: match[1]!, email: null, displayName: null, handleHints: [] };
    },
  };
}
