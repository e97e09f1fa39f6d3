import { useEffect, useRef, useState, type FormEvent } from 'react';
import { RequestPasswordResetDocument, ResendVerificationDocument, ResetPasswordDocument, VerifyEmailDocument } from '../../operations/auth.ts';
import { execute } from '../../lib/graphql.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useAuth } from '../../lib/auth.tsx';
import { getSession, setSession } from '../../lib/session.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useMutation, useTitle } from '../../lib/hooks.ts';
import { Alert, Button, ErrorAlert, Field, Loading } from '../../components/ui.tsx';
import { safeNext } from './SignIn.tsx';

/** After sign-up: ask the player to confirm their email (the link lands on /verify-email). */
export function Welcome() {
  useTitle('Check your email');
  const { session } = useAuth();
  const { search } = useLocation();
  const [resend, state] = useMutation(ResendVerificationDocument);
  return (
    <div className="auth-card">
      <h1>Welcome, @{session?.user.handle ?? 'adventurer'}!</h1>
      <p>We sent a confirmation link to your email. Open it to verify your address — you can start browsing meanwhile.</p>
      {state.data ? <Alert kind="success">A new link is on its way.</Alert> : null}
      <ErrorAlert error={state.error} />
      <div className="row">
        <Link to={safeNext(search.get('next'))} className="btn btn-primary">Continue</Link>
        <Button variant="secondary" busy={state.loading} onClick={() => void resend({})} disabled={!session}>Resend the link</Button>
      </div>
    </div>
  );
}

export function VerifyEmail() {
  useTitle('Verify email');
  const { search } = useLocation();
  const token = search.get('token');
  const [state, setState] = useState<{ kind: 'working' } | { kind: 'done' } | { kind: 'error'; error: unknown }>({ kind: 'working' });
  const once = useRef(false);
  useEffect(() => {
    if (once.current || !token) return;
    once.current = true;
    execute(VerifyEmailDocument, { token }, { anonymous: true })
      .then(() => {
        const s = getSession();
        if (s) setSession({ ...s, user: { ...s.user, emailVerified: true } });
        setState({ kind: 'done' });
      })
      .catch((error: unknown) => setState({ kind: 'error', error }));
  }, [token]);
  return (
    <div className="auth-card">
      <h1>Verify your email</h1>
      {!token ? (
        <Alert kind="error">This link has no token. Open the link from the email again.</Alert>
      ) : state.kind === 'working' ? (
        <Loading label="Verifying…" />
      ) : state.kind === 'done' ? (
        <Alert kind="success" title="Your email is verified.">
          <Link to="/campaigns">Find a campaign</Link>
        </Alert>
      ) : (
        <Alert kind="error">{errorMessage(state.error)} You can ask for a new link in Settings.</Alert>
      )}
    </div>
  );
}

export function ForgotPassword() {
  useTitle('Reset your password');
  const [sent, setSent] = useState(false);
  const [run, state] = useMutation(RequestPasswordResetDocument);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email')).trim();
    if (await run({ email })) setSent(true);
  };
  return (
    <div className="auth-card">
      <h1>Reset your password</h1>
      {sent ? (
        <Alert kind="success">If that email has an account, a reset link is on its way. It works once and expires soon.</Alert>
      ) : (
        <form onSubmit={submit} className="form">
          <p>Enter your account&rsquo;s email and we&rsquo;ll send you a link to choose a new password.</p>
          <Field label="Email" name="email" type="email" autoComplete="email" required />
          <ErrorAlert error={state.error} />
          <Button type="submit" busy={state.loading}>Send reset link</Button>
        </form>
      )}
      <p><Link to="/signin">Back to sign in</Link></p>
    </div>
  );
}

export function ResetPassword() {
  useTitle('Choose a new password');
  const { search } = useLocation();
  const token = search.get('token');
  const [run, state] = useMutation(ResetPasswordDocument);
  const [mismatch, setMismatch] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const a = String(form.get('password'));
    setMismatch(a !== String(form.get('confirm')));
    if (a !== String(form.get('confirm')) || !token) return;
    if (await run({ token, newPassword: a })) {
      setSession(null);
      navigate('/signin?reset=1', { replace: true });
    }
  };
  return (
    <div className="auth-card">
      <h1>Choose a new password</h1>
      {!token ? <Alert kind="error">This link has no token. Open the link from the email again.</Alert> : null}
      <form onSubmit={submit} className="form">
        <Field label="New password" name="password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." />
        <Field label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" required error={mismatch ? 'The passwords differ.' : null} />
        <ErrorAlert error={state.error} />
        <Button type="submit" busy={state.loading} disabled={!token}>Set password</Button>
      </form>
    </div>
  );
}
