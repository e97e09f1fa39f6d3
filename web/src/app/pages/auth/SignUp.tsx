import { useState, type FormEvent } from 'react';
import { RegisterDocument } from '../../operations/auth.ts';
import { ApiError, execute } from '../../lib/graphql.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useAuth } from '../../lib/auth.tsx';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useTitle } from '../../lib/hooks.ts';
import { Alert, Button, Field } from '../../components/ui.tsx';
import { OAuthButtons } from './OAuthButtons.tsx';
import { safeNext } from './SignIn.tsx';

const FIELD_OF_CODE: Record<string, string> = { EMAIL_TAKEN: 'email', HANDLE_TAKEN: 'handle', WEAK_PASSWORD: 'password' };

export function SignUp() {
  useTitle('Create your account', 'Create a Startales account to join AI-narrated campaigns with friends.');
  const { signIn } = useAuth();
  const { search } = useLocation();
  const next = safeNext(search.get('next'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { email: String(form.get('email')).trim(), handle: String(form.get('handle')).trim(), password: String(form.get('password')) };
    const local: Record<string, string> = {};
    if (!/^[A-Za-z0-9_]{3,24}$/.test(input.handle)) local.handle = 'Use 3–24 letters, digits or underscores.';
    if (input.password.length < 10) local.password = 'Use at least 10 characters.';
    if (!/^\S+@\S+\.\S+$/.test(input.email)) local.email = 'Enter a valid email address.';
    setFieldErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    setError(null);
    try {
      const data = await execute(RegisterDocument, { input }, { anonymous: true });
      signIn(data.register);
      navigate(`/welcome?next=${encodeURIComponent(next)}`, { replace: true });
    } catch (e) {
      const field = e instanceof ApiError ? (e.field ?? FIELD_OF_CODE[e.code]) : undefined;
      if (field && ['email', 'handle', 'password'].includes(field)) setFieldErrors({ [field]: errorMessage(e) });
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-card">
      <h1>Create your account</h1>
      {error ? <Alert kind="error">{errorMessage(error)}</Alert> : null}
      <form onSubmit={submit} className="form" noValidate>
        <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
        <Field label="Handle" name="handle" autoComplete="username" required hint="Shown to other players. 3–24 letters, digits or underscores." error={fieldErrors.handle} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." error={fieldErrors.password} />
        <Button type="submit" busy={busy}>Create account</Button>
      </form>
      <OAuthButtons next={next} />
      <p className="muted">Already have an account? <Link to="/signin">Sign in</Link></p>
    </div>
  );
}
