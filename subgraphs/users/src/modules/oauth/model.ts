import { InputError } from '@startales/kit';
import { validateHandle } from '../auth/model.ts';

/** Provider ids as stored (`oauth_account.provider`) and as the GraphQL enum (`GOOGLE`, …). */
export const OAuthProviderId = { google: 'google', discord: 'discord', steam: 'steam' } as const;
export type OAuthProviderId = (typeof OAuthProviderId)[keyof typeof OAuthProviderId];

export const OAuthIntent = { signIn: 'sign_in', link: 'link' } as const;
export type OAuthIntent = (typeof OAuthIntent)[keyof typeof OAuthIntent];

export type GraphQLOAuthProvider = 'GOOGLE' | 'DISCORD' | 'STEAM';

export function providerFromGraphQL(value: string): OAuthProviderId {
  const id = value.toLowerCase();
  if (id in OAuthProviderId) return id as OAuthProviderId;
  throw new InputError('Unknown provider', 'provider');
}
export const providerToGraphQL = (id: string) => id.toUpperCase() as GraphQLOAuthProvider;

const MAX_REDIRECT_URI = 2048;
const MAX_PARAMS = 8192;

/**
 * The redirect URI must be an absolute http(s) URL on an allowed origin, with no credentials, query or fragment
 * (the provider appends its own query; the token request sends the URI back without one).
 */
export function validateRedirectUri(raw: string, allowedOrigins: readonly string[]): string {
  const invalid = (why: string) => new InputError(`redirectUri ${why}`, 'redirectUri');
  if (raw.length > MAX_REDIRECT_URI) throw invalid(`must be at most ${MAX_REDIRECT_URI} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('must be http(s)');
  if (url.username || url.password) throw invalid('must not contain credentials');
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) throw invalid('must not have a query or fragment');
  if (!allowedOrigins.includes(url.origin)) throw invalid('is not on an allowed origin');
  return url.href;
}

/** The query string the provider redirected back with (a leading `?` or a whole URL is accepted too). */
export function parseCallbackParams(raw: string): URLSearchParams {
  if (raw.length > MAX_PARAMS) throw new InputError(`params must be at most ${MAX_PARAMS} characters`, 'params');
  let query = raw.trim();
  const q = query.indexOf('?');
  if (/^https?:\/\//i.test(query)) query = q >= 0 ? query.slice(q + 1) : '';
  else if (query.startsWith('?')) query = query.slice(1);
  const hash = query.indexOf('#');
  if (hash >= 0) query = query.slice(0, hash);
  const params = new URLSearchParams(query);
  const state = params.getAll('state');
  if (state.length !== 1 || !state[0]) throw new InputError('params must contain exactly one state', 'params');
  return params;
}

const HANDLE_MAX = 24;
const SUFFIX_LENGTH = 5; // "_1234"

/**
 * A handle base from a provider profile (display name, username, email local part), fit for `validateHandle`:
 * accents stripped, separators turned into `_`, other characters dropped; null when nothing usable is left.
 */
export function handleBase(hints: Array<string | null | undefined>): string | null {
  for (const hint of hints) {
    if (!hint) continue;
    const base = hint
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\s.\-]+/g, '_')
      .replace(/[^A-Za-z0-9_]/g, '')
      .replace(/_+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, HANDLE_MAX - SUFFIX_LENGTH);
    if (base.length >= 3 && isValidHandle(base)) return base;
  }
  return null;
}

function isValidHandle(handle: string): boolean {
  try {
    validateHandle(handle);
    return true;
  } catch {
    return false;
  }
}

/** Candidates in order: the base itself, then the base with random 4-digit suffixes. */
export function handleCandidates(base: string, count: number): string[] {
  const out = [base];
  while (out.length < count) out.push(`${base}_${String(1000 + Math.floor(Math.random() * 9000))}`);
  return out.filter(isValidHandle);
}
