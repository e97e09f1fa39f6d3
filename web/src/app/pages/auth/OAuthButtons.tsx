import { useState } from 'react';
import { OAuthProvidersDocument, OAuthStartDocument } from '../../operations/auth.ts';
import { execute } from '../../lib/graphql.ts';
import { useQuery } from '../../lib/hooks.ts';
import { errorMessage } from '../../lib/errors.ts';
import { humanize } from '../../lib/format.ts';
import type { OAuthProvider } from '../../gql/graphql.ts';

export const OAUTH_NEXT_KEY = 'startales.oauth.next';

/** The OAuth redirect target for a provider (must be on the users service's OAUTH_REDIRECT_ORIGINS). */
export function oauthRedirectUri(provider: OAuthProvider): string {
  return `${window.location.origin}/oauth/callback/${provider.toLowerCase()}`;
}

/** Starts an OAuth sign-in (or link) and sends the browser to the provider. Only providers this deployment enables are shown. */
export function OAuthButtons({ link = false, next = '/campaigns', exclude = [] }: { link?: boolean; next?: string; exclude?: OAuthProvider[] }) {
  const providers = useQuery(OAuthProvidersDocument, {}, { anonymous: !link });
  const [busy, setBusy] = useState<OAuthProvider | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = async (provider: OAuthProvider) => {
    setBusy(provider);
    setError(null);
    try {
      sessionStorage.setItem(OAUTH_NEXT_KEY, JSON.stringify({ next, link }));
      const data = await execute(OAuthStartDocument, { input: { provider, redirectUri: oauthRedirectUri(provider), link } }, { anonymous: !link });
      window.location.assign(data.oauthStart.authorizationUrl);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(null);
    }
  };
  const list = (providers.data?.oauthProviders ?? []).filter((p) => !exclude.includes(p));
  if (providers.loading && !providers.data) return <p className="muted small" role="status">Loading sign-in options…</p>;
  if (providers.error) return <p className="muted small">Other sign-in options are unavailable right now.</p>;
  if (!list.length) return null;
  return (
    <div className="oauth">
      {!link ? <p className="divider"><span>or</span></p> : null}
      <div className="oauth-buttons">
        {list.map((p) => (
          <button key={p} type="button" className={`btn btn-secondary oauth-${p.toLowerCase()}`} onClick={() => void start(p)} disabled={busy !== null} aria-busy={busy === p || undefined}>
            {link ? `Link ${humanize(p)}` : `Continue with ${humanize(p)}`}
          </button>
        ))}
      </div>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
    </div>
  );
}
