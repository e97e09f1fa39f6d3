import { useId, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { errorMessage, errorCodeOf } from '../lib/errors.ts';
import type { QueryState } from '../lib/hooks.ts';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'ghost'; busy?: boolean };

/** A button that shows progress and cannot be pressed twice while busy. */
export function Button({ variant = 'primary', busy, disabled, children, className, type = 'button', ...rest }: ButtonProps) {
  return (
    <button type={type} className={`btn btn-${variant} ${className ?? ''}`} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

interface FieldShell {
  label: string;
  hint?: ReactNode;
  error?: string | null;
}

export function Field({ label, hint, error, id, className, ...rest }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={fid}>{label}</label>
      <input id={fid} aria-invalid={error ? true : undefined} aria-describedby={[hint ? `${fid}-hint` : '', error ? `${fid}-error` : ''].join(' ').trim() || undefined} {...rest} />
      {hint ? <p id={`${fid}-hint`} className="hint">{hint}</p> : null}
      {error ? <p id={`${fid}-error`} className="field-error" role="alert">{error}</p> : null}
    </div>
  );
}

export function SelectField({ label, hint, error, id, children, className, ...rest }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={fid}>{label}</label>
      <select id={fid} aria-invalid={error ? true : undefined} aria-describedby={hint ? `${fid}-hint` : undefined} {...rest}>
        {children}
      </select>
      {hint ? <p id={`${fid}-hint`} className="hint">{hint}</p> : null}
      {error ? <p className="field-error" role="alert">{error}</p> : null}
    </div>
  );
}

export function TextAreaField({ label, hint, error, id, className, ...rest }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={fid}>{label}</label>
      <textarea id={fid} aria-invalid={error ? true : undefined} aria-describedby={hint ? `${fid}-hint` : undefined} {...rest} />
      {hint ? <p id={`${fid}-hint`} className="hint">{hint}</p> : null}
      {error ? <p className="field-error" role="alert">{error}</p> : null}
    </div>
  );
}

export function Alert({ kind = 'error', title, children }: { kind?: 'error' | 'success' | 'info' | 'warning'; title?: string; children?: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {title ? <strong>{title}</strong> : null}
      {children ? <div>{children}</div> : null}
    </div>
  );
}

/** The message of a failed call, with its error code for support. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const code = errorCodeOf(error);
  return (
    <Alert kind="error">
      <p>{errorMessage(error)}</p>
      {code ? <p className="muted small">Code: {code}</p> : null}
      {onRetry ? <Button variant="secondary" onClick={onRetry}>Try again</Button> : null}
    </Alert>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** Renders a query's loading, error (with retry) and data states the same way everywhere. */
export function QueryView<R>({ state, label, children }: { state: QueryState<R>; label?: string; children: (data: R) => ReactNode }) {
  if (state.data !== undefined) {
    return (
      <>
        {state.error ? <ErrorAlert error={state.error} onRetry={() => void state.refetch()} /> : null}
        {children(state.data)}
      </>
    );
  }
  if (state.error) return <ErrorAlert error={state.error} onRetry={() => void state.refetch()} />;
  return <Loading label={label} />;
}

export function Card({ title, actions, children, className }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`card ${className ?? ''}`}>
      {title || actions ? (
        <header className="card-header">
          {title ? <h2>{title}</h2> : null}
          {actions ? <div className="card-actions">{actions}</div> : null}
        </header>
      ) : null}
      {children}
    </section>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

/** Key figure tile. */
export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {hint ? <div className="stat-hint">{hint}</div> : null}
    </div>
  );
}
