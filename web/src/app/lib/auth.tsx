import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { execute } from './graphql.ts';
import { LogoutDocument } from '../operations/auth.ts';
import { getSession, renewDelay, renewSession, setSession, subscribeSession, type Session } from './session.ts';
import type { Role } from '../gql/graphql.ts';

interface AuthValue {
  session: Session | null;
  signIn(session: Session): void;
  signOut(): Promise<void>;
  hasRole(...roles: Role[]): boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Provides the session and keeps the access token fresh while the app is open. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setState] = useState<Session | null>(getSession);
  useEffect(() => subscribeSession(setState), []);
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => void renewSession(), renewDelay(session));
    return () => clearTimeout(timer);
  }, [session]);

  const value: AuthValue = {
    session,
    signIn: (next) => setSession(next),
    async signOut() {
      const s = getSession();
      setSession(null);
      if (s) await execute(LogoutDocument, { refreshToken: s.refreshToken }, { anonymous: true }).catch(() => undefined);
    },
    hasRole: (...roles) => !!session && session.user.roles.some((r) => r === 'ADMIN' || roles.includes(r)),
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
