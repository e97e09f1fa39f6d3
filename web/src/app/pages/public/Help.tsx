import { useState, type FormEvent } from 'react';
import { Link } from '../../lib/router.tsx';

export const FAQ: Array<{ q: string; a: string }> = [
  { q: 'How much does a campaign cost?', a: 'One price per seat for the whole campaign, between $10 and $50. It depends on the length (4, 12 or 24 weeks), weekly play hours, the AI tier and the number of players. The pricing page shows live prices.' },
  { q: 'When do I pay?', a: 'Joining a campaign holds a seat for you for 48 hours. Pay through Stripe Checkout before the hold ends to keep it; if the campaign is full you join the waitlist instead and pay when a seat frees up.' },
  { q: 'What happens if a campaign is cancelled?', a: 'Every paid seat is refunded in full to the card it was paid with.' },
  { q: 'Which AI runs my game?', a: 'Premium campaigns use GPT-4-class and Claude models, Standard ones Gemini and Grok, and Economy ones open models we host ourselves.' },
  { q: 'How do I play with friends?', a: 'Add friends from their profile, create a party and invite them, then the party leader joins a campaign for everyone at once — all members get a seat, or nobody does.' },
  { q: 'Someone is ruining the game. What can I do?', a: 'Open their profile and choose “Report player”, or block them. Moderators review every report; blocked players cannot join your campaigns or parties.' },
  { q: 'How do I get a copy of my data or delete my account?', a: 'Settings → Your data. The export is ready within minutes and can be downloaded once; deleting your account signs you out everywhere and erases your data from every service.' },
];

type Status = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; id: string } | { kind: 'error'; message: string };

/** Help: the FAQ and a contact form that opens a support ticket on the web server (forwarded to the helpdesk when one is configured). */
export function Help() {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = Object.fromEntries(form.entries());
    setStatus({ kind: 'sending' });
    setErrors({});
    try {
      const res = await fetch('/api/support/tickets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json().catch(() => ({}))) as { id?: string; message?: string; fields?: Record<string, string> };
      if (res.ok && json.id) {
        setStatus({ kind: 'sent', id: json.id });
        return;
      }
      if (json.fields) setErrors(json.fields);
      setStatus({ kind: 'error', message: json.message ?? `The ticket could not be sent (HTTP ${res.status}).` });
    } catch {
      setStatus({ kind: 'error', message: 'The server cannot be reached. Check your connection and try again.' });
    }
  };
  return (
    <div className="help">
      <h1>Help</h1>
      <section aria-labelledby="faq-heading">
        <h2 id="faq-heading">Frequently asked questions</h2>
        <div className="faq">
          {FAQ.map((f) => (
            <details key={f.q}>
              <summary>{f.q}</summary>
              <p>{f.a}</p>
            </details>
          ))}
        </div>
        <p>Prices for every tier and length are on the <Link to="/pricing">pricing page</Link>.</p>
      </section>
      <section aria-labelledby="contact-heading" className="card">
        <h2 id="contact-heading">Contact support</h2>
        {status.kind === 'sent' ? (
          <div className="alert alert-success" role="status">
            <strong>Thanks — we received your message.</strong>
            <p>Your ticket number is <code data-testid="ticket-id">{status.id}</code>. We answer by email, usually within one business day.</p>
          </div>
        ) : (
          <form onSubmit={submit} noValidate className="form">
            <div className="field">
              <label htmlFor="support-name">Your name</label>
              <input id="support-name" name="name" autoComplete="name" maxLength={120} />
            </div>
            <div className="field">
              <label htmlFor="support-email">Email (required)</label>
              <input id="support-email" name="email" type="email" autoComplete="email" required aria-invalid={errors.email ? true : undefined} />
              {errors.email ? <p className="field-error" role="alert">{errors.email}</p> : null}
            </div>
            <div className="field">
              <label htmlFor="support-topic">Topic</label>
              <select id="support-topic" name="topic" defaultValue="question">
                <option value="question">A question</option>
                <option value="billing">Billing and payments</option>
                <option value="account">My account</option>
                <option value="bug">Something is broken</option>
                <option value="safety">Safety or abuse</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="support-message">Message (required)</label>
              <textarea id="support-message" name="message" rows={6} required maxLength={5000} aria-invalid={errors.message ? true : undefined} />
              {errors.message ? <p className="field-error" role="alert">{errors.message}</p> : null}
            </div>
            {/* a field people never see: bots fill it in */}
            <div className="visually-hidden" aria-hidden="true">
              <label htmlFor="support-website">Website</label>
              <input id="support-website" name="website" tabIndex={-1} autoComplete="off" />
            </div>
            {status.kind === 'error' ? <div className="alert alert-error" role="alert">{status.message}</div> : null}
            <button type="submit" className="btn btn-primary" disabled={status.kind === 'sending'} aria-busy={status.kind === 'sending' || undefined}>
              {status.kind === 'sending' ? 'Sending…' : 'Send message'}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
