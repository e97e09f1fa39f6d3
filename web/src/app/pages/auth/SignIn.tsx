import { useState, type FormEvent } from 'react';
import { ErrorCode } from '@startales/contracts';
import { LoginDocument, VerifyMfaDocument } from '../../operations/auth.ts';
import { ApiError, execute } from '../../lib/graphql.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useAuth } from '../../lib/auth.tsx';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useTitle } from '../../lib/hooks.ts';
import { Alert, Button, Field } from '../../components/ui.tsx';
import { OAuthButtons } from './OAuthButtons.tsx';

/** A same-site path to return to after sign-in (never another origin). */
export function safeNext(raw: string | null, fallback = '/campaigns'): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : fallback;
}

/** Email and password, then the authenticator code when the account has MFA; OAuth buttons for enabled providers. */
export function SignIn() {
  useTitle('Sign in');
  const { signIn } = useAuth();
  const { search } = useLocation();
  const next = safeNext(search.get('next'));
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onPassword = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const data = await execute(LoginDocument, { input: { email: String(form.get('email')), password: String(form.get('password')) } }, { anonymous: true });
      signIn(data.login);
      navigate(next, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === ErrorCode.MFA_REQUIRED && typeof e.extensions.mfaToken === 'string') setMfaToken(e.extensions.mfaToken);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const onCode = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const data = await execute(VerifyMfaDocument, { mfaToken: mfaToken!, code: String(form.get('code')).replace(/\s+/g, '') }, { anonymous: true });
      signIn(data.verifyMfa);
      navigate(next, { replace: true });
    } catch (e) {
      // the sign-in expired or had too many wrong codes: start over
      if (e instanceof ApiError && e.code === ErrorCode.UNAUTHENTICATED) setMfaToken(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-card">
      <h1>{mfaToken ? 'Two-factor authentication' : 'Sign in'}</h1>
      {search.get('reset') === '1' ? <Alert kind="success">Your password was changed. Sign in with the new one.</Alert> : null}
      {error ? <Alert kind="error">{errorMessage(error)}</Alert> : null}
      {mfaToken ? (
        <form onSubmit={onCode} className="form" key="mfa">
          <p>Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
          <Field label="Authentication code" name="code" autoComplete="one-time-code" inputMode="text" required autoFocus />
          <Button type="submit" busy={busy}>Verify</Button>
          <Button variant="ghost" onClick={() => setMfaToken(null)}>Use a different account</Button>
        </form>
      ) : (
        <>
          <form onSubmit={onPassword} className="form" key="password">
            <Field label="Email" name="email" type="email" autoComplete="email" required />
            <Field label="Password" name="password" type="password" autoComplete="current-password" required />
            <Button type="submit" busy={busy}>Sign in</Button>
          </form>
          <p><Link to="/forgot-password">Forgot your password?</Link></p>
          <OAuthButtons next={next} />
          <p className="muted">New here? <Link to={`/signup${search.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`}>Create an account</Link></p>
        </>
      )}
    </div>
  );
}
