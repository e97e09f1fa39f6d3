import { useEffect, useRef, useState } from 'react';
import { LinkOAuthDocument, OAuthCompleteDocument } from '../../operations/auth.ts';
import { execute } from '../../lib/graphql.ts';
import { useAuth } from '../../lib/auth.tsx';
import { Link, navigate } from '../../lib/router.tsx';
import { useTitle } from '../../lib/hooks.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import type { OAuthProvider } from '../../gql/graphql.ts';
import { OAUTH_NEXT_KEY } from './OAuthButtons.tsx';
import { safeNext } from './SignIn.tsx';

/** Where providers send the browser back: hands the query string to oauthComplete (sign-in) or linkOAuthAccount (link). */
export function OAuthCallback({ provider }: { provider: string }) {
  useTitle('Signing in');
  const { signIn } = useAuth();
  const [error, setError] = useState<unknown>(null);
  const once = useRef(false);
  useEffect(() => {
    if (once.current) return;
    once.current = true;
    const saved = JSON.parse(sessionStorage.getItem(OAUTH_NEXT_KEY) ?? '{}') as { next?: string; link?: boolean };
    sessionStorage.removeItem(OAUTH_NEXT_KEY);
    const input = { provider: provider.toUpperCase() as OAuthProvider, params: window.location.search.replace(/^\?/, '') };
    (async () => {
      if (saved.link) {
        await execute(LinkOAuthDocument, { input });
        navigate('/settings?linked=1', { replace: true });
      } else {
        const data = await execute(OAuthCompleteDocument, { input }, { anonymous: true });
        signIn(data.oauthComplete);
        navigate(safeNext(saved.next ?? null), { replace: true });
      }
    })().catch(setError);
  }, [provider, signIn]);
  return (
    <div className="auth-card">
      <h1>Signing in with {provider}</h1>
      {error ? (
        <>
          <ErrorAlert error={error} />
          <p><Link to="/signin">Back to sign in</Link></p>
        </>
      ) : (
        <Loading label="Finishing sign-in…" />
      )}
    </div>
  );
}
