/**
 * A Steam-like OpenID 2.0 provider on a free loopback port. `checkid_setup` signs the "browser" in as
 * `nextSteamId` and redirects to `return_to` with a positive assertion signed (HMAC-SHA256) by a secret only the
 * fake knows; `check_authentication` answers `is_valid:true` only for an assertion it issued, unaltered, once.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const NS = 'http://specs.openid.net/auth/2.0';
const SIGNED = 'signed,op_endpoint,claimed_id,identity,return_to,response_nonce,assoc_handle';

export interface FakeSteam {
  /** STEAM_OPENID_URL */
  openIdUrl: string;
  signInAs(steamId: string): void;
  /** `check_authentication` requests answered so far, and how many were valid. */
  readonly checks: { total: number; valid: number };
  stop(): Promise<void>;
}

const keyValueForm = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `${k}:${v}\n`).join('');

export async function startFakeSteam(): Promise<FakeSteam> {
  const secret = randomBytes(32);
  const verifiedNonces = new Set<string>();
  const checks = { total: 0, valid: 0 };
  let nextSteamId = '76561197960287930';

  // OpenID 2.0 §6.1: the signature covers the signed fields, in order, in Key-Value Form
  const sign = (fields: URLSearchParams) =>
    createHmac('sha256', secret)
      .update(keyValueForm((fields.get('openid.signed') ?? '').split(',').map((k) => [k, fields.get(`openid.${k}`) ?? ''])))
      .digest('base64');

  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (url.pathname !== '/openid/login') return new Response('not found', { status: 404 });
      const endpoint = `${url.origin}/openid/login`;
      if (req.method === 'GET') {
        const p = url.searchParams;
        const returnTo = p.get('openid.return_to') ?? '';
        const realm = p.get('openid.realm') ?? '';
        if (p.get('openid.ns') !== NS || p.get('openid.mode') !== 'checkid_setup' || !returnTo.startsWith(realm) || !realm) {
          return new Response('bad OpenID request', { status: 400 });
        }
        const claimed = `https://steamcommunity.com/openid/id/${nextSteamId}`;
        const assertion = new URLSearchParams({
          'openid.ns': NS,
          'openid.mode': 'id_res',
          'openid.op_endpoint': endpoint,
          'openid.claimed_id': claimed,
          'openid.identity': claimed,
          'openid.return_to': returnTo,
          'openid.response_nonce': `${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}${randomBytes(6).toString('hex')}`,
          'openid.assoc_handle': '1234567890',
          'openid.signed': SIGNED,
        });
        assertion.set('openid.sig', sign(assertion));
        const target = new URL(returnTo);
        for (const [k, v] of assertion) target.searchParams.append(k, v);
        return new Response(null, { status: 302, headers: { location: target.toString() } });
      }
      if (req.method === 'POST') {
        const form = new URLSearchParams(await req.text());
        if (form.get('openid.mode') !== 'check_authentication') return new Response('bad mode', { status: 400 });
        checks.total++;
        const given = Buffer.from(form.get('openid.sig') ?? '', 'base64');
        const expected = Buffer.from(sign(form), 'base64');
        const nonce = form.get('openid.response_nonce') ?? '';
        const valid =
          (form.get('openid.signed') ?? '').split(',').join(',') === SIGNED &&
          given.length === expected.length &&
          timingSafeEqual(given, expected) &&
          form.get('openid.op_endpoint') === endpoint &&
          !verifiedNonces.has(nonce);
        if (valid) {
          verifiedNonces.add(nonce);
          checks.valid++;
        }
        return new Response(keyValueForm([['ns', NS], ['is_valid', String(valid)]]), { headers: { 'content-type': 'text/plain' } });
      }
      return new Response('method not allowed', { status: 405 });
    },
  });
  return {
    openIdUrl: `http://127.0.0.1:${server.port}/openid/login`,
    signInAs(steamId) {
      nextSteamId = steamId;
    },
    checks,
    stop: () => server.stop(true),
  };
}
