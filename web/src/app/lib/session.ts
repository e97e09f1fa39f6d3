/**
 * The signed-in session, kept in localStorage so it survives reloads and is shared by tabs. Access tokens live 15
 * minutes; the refresh token rotates on every use and reusing an old one signs the whole family out, so renewals
 * are serialised across tabs with the Web Locks API and a tab adopts a token another tab already renewed.
 */
import { execute, setAuthHooks } from './graphql.ts';
import { RefreshSessionDocument } from '../operations/auth.ts';
import type { Role } from '../gql/graphql.ts';

export interface SessionUser {
  id: string;
  handle: string;
  roles: Role[];
  emailVerified: boolean | null;
  displayName: string | null;
}

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: SessionUser;
}

const KEY = 'startales.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(next: Session | null): void {
  current = next;
  try {
    if (next) localStorage.setItem(KEY, JSON.stringify(next));
    else localStorage.removeItem(KEY);
  } catch {
    // private mode without storage: the session lives in memory only
  }
  for (const l of listeners) l(next);
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY) return;
    current = read();
    for (const l of listeners) l(current);
  });
}

let renewing: Promise<boolean> | null = null;

async function renewOnce(): Promise<boolean> {
  const before = current;
  if (!before) return false;
  const stored = read();
  // another tab renewed already: use its tokens instead of spending our (now reused) refresh token
  if (stored && stored.refreshToken !== before.refreshToken) {
    current = stored;
    for (const l of listeners) l(stored);
    return true;
  }
  try {
    const data = await execute(RefreshSessionDocument, { refreshToken: before.refreshToken }, { anonymous: true });
    setSession(data.refreshSession);
    return true;
  } catch {
    setSession(null);
    return false;
  }
}

/** Renews the access token once, however many callers ask at the same time (and across tabs). */
export function renewSession(): Promise<boolean> {
  renewing ??= (async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      return locks ? await locks.request('startales.session.renew', renewOnce) : await renewOnce();
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

/** Milliseconds until the access token should be renewed (a minute before it expires). */
export function renewDelay(session: Session, now = Date.now()): number {
  return Math.max(0, new Date(session.accessTokenExpiresAt).getTime() - now - 60_000);
}

setAuthHooks({ accessToken: () => current?.accessToken, renew: renewSession });
