import { useState, type FormEvent } from 'react';
import { AppealActionDocument, ChangeHandleDocument, ConfirmMfaDocument, DeleteMyAccountDocument, DisableMfaDocument, EnrollMfaDocument, ExportMyDataDocument, MeDocument, MyDataExportsDocument, MyModerationActionsDocument, UnlinkOAuthDocument, UpdatePreferencesDocument, UpdatePrivacyDocument, UpdateProfileDocument } from '../../operations/account.ts';
import { ResendVerificationDocument } from '../../operations/auth.ts';
import { useMutation, useQuery, useTitle } from '../../lib/hooks.ts';
import { useAuth } from '../../lib/auth.tsx';
import { getSession, setSession } from '../../lib/session.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import { formatDate, formatDateTime, humanize } from '../../lib/format.ts';
import { Alert, Badge, Button, Card, ErrorAlert, Field, PageHeader, QueryView, SelectField, TextAreaField } from '../../components/ui.tsx';
import { OAuthButtons } from '../auth/OAuthButtons.tsx';
import type { FriendRequestPolicy, LlmTier, MeQuery, ProfileVisibility } from '../../gql/graphql.ts';

type Me = MeQuery['me'];

/** Account settings: profile, preferences, privacy, security (MFA, linked sign-ins), moderation notices and data rights. */
export function Settings() {
  useTitle('Settings');
  const { search } = useLocation();
  const q = useQuery(MeDocument, {});
  return (
    <div>
      <PageHeader title="Settings" />
      {search.get('linked') ? <Alert kind="success">The provider is linked: you can sign in with it from now on.</Alert> : null}
      <QueryView state={q} label="Loading your settings…">
        {({ me, oauthProviders }) => (
          <div className="grid-2">
            <ProfileCard me={me} refetch={q.refetch} />
            <PreferencesCard me={me} refetch={q.refetch} />
            <SecurityCard me={me} providers={oauthProviders} refetch={q.refetch} />
            <ModerationCard />
            <DataCard me={me} />
          </div>
        )}
      </QueryView>
    </div>
  );
}

function ProfileCard({ me, refetch }: { me: Me; refetch: () => Promise<void> }) {
  const [save, s] = useMutation(UpdateProfileDocument);
  const [rename, r] = useMutation(ChangeHandleDocument);
  const [privacy, p] = useMutation(UpdatePrivacyDocument);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    if (await save({ input: { displayName: String(f.get('displayName')), bio: String(f.get('bio')), avatarUrl: String(f.get('avatarUrl')) } })) await refetch();
  };
  const submitHandle = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const handle = String(new FormData(e.currentTarget).get('handle')).trim();
    const data = await rename({ handle });
    const session = getSession();
    if (data && session) setSession({ ...session, user: { ...session.user, handle: data.changeHandle.handle } });
  };
  return (
    <Card title="Profile">
      <form onSubmit={submit} className="form">
        <Field label="Display name" name="displayName" defaultValue={me.displayName ?? ''} maxLength={40} />
        <TextAreaField label="Bio" name="bio" defaultValue={me.bio ?? ''} maxLength={500} rows={3} />
        <Field label="Avatar URL" name="avatarUrl" type="url" defaultValue={me.avatarUrl ?? ''} hint="An https link to an image." />
        {s.data ? <p className="success-text" role="status">Saved.</p> : null}
        <ErrorAlert error={s.error} />
        <Button type="submit" busy={s.loading}>Save profile</Button>
      </form>
      <form onSubmit={submitHandle} className="form inline-form">
        <Field label="Handle" name="handle" defaultValue={me.handle} hint="3–24 letters, digits or underscores." />
        <Button type="submit" variant="secondary" busy={r.loading}>Change handle</Button>
      </form>
      <ErrorAlert error={r.error} />
      <h3>Privacy</h3>
      <div className="form-grid">
        <SelectField label="Who sees my profile details" value={me.privacy?.profileVisibility ?? 'PUBLIC'} onChange={(e) => void privacy({ input: { profileVisibility: e.target.value as ProfileVisibility } }).then(refetch)}>
          <option value="PUBLIC">Every player</option>
          <option value="FRIENDS">Friends only</option>
          <option value="PRIVATE">Only me</option>
        </SelectField>
        <SelectField label="Who can send me friend requests" value={me.privacy?.friendRequests ?? 'EVERYONE'} onChange={(e) => void privacy({ input: { friendRequests: e.target.value as FriendRequestPolicy } }).then(refetch)}>
          <option value="EVERYONE">Everyone</option>
          <option value="FRIENDS_OF_FRIENDS">Friends of friends</option>
          <option value="NOBODY">Nobody</option>
        </SelectField>
      </div>
      <ErrorAlert error={p.error} />
    </Card>
  );
}

function PreferencesCard({ me, refetch }: { me: Me; refetch: () => Promise<void> }) {
  const [save, s] = useMutation(UpdatePreferencesDocument);
  const prefs = me.preferences;
  const n = prefs?.notifications;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const tier = String(f.get('llmTier'));
    const ok = await save({
      input: {
        timezone: String(f.get('timezone')).trim() || null,
        language: String(f.get('language')).trim() || null,
        llmTier: tier ? (tier as LlmTier) : null,
        notifications: {
          friendRequests: f.has('friendRequests'),
          partyInvites: f.has('partyInvites'),
          campaignUpdates: f.has('campaignUpdates'),
          sessionReminders: f.has('sessionReminders'),
          productNews: f.has('productNews'),
        },
      },
    });
    if (ok) await refetch();
  };
  const checks: Array<[string, string, boolean | undefined]> = [
    ['friendRequests', 'Friend requests', n?.friendRequests],
    ['partyInvites', 'Party invitations', n?.partyInvites],
    ['campaignUpdates', 'Campaign updates', n?.campaignUpdates],
    ['sessionReminders', 'Session reminders', n?.sessionReminders],
    ['productNews', 'Product news and offers', n?.productNews],
  ];
  return (
    <Card title="Preferences">
      <form onSubmit={submit} className="form">
        <div className="form-grid">
          <Field label="Time zone" name="timezone" defaultValue={prefs?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone} hint="e.g. Europe/Berlin" />
          <Field label="Language" name="language" defaultValue={prefs?.language ?? ''} hint="e.g. en or pt-BR" />
          <SelectField label="Preferred AI tier" name="llmTier" defaultValue={prefs?.llmTier ?? ''}>
            <option value="">No preference</option>
            <option value="PREMIUM">Premium</option>
            <option value="STANDARD">Standard</option>
            <option value="ECONOMY">Economy</option>
          </SelectField>
        </div>
        <fieldset>
          <legend>Email me about</legend>
          {checks.map(([name, label, on]) => (
            <label key={name} className="check"><input type="checkbox" name={name} defaultChecked={on ?? false} /> {label}</label>
          ))}
        </fieldset>
        {s.data ? <p className="success-text" role="status">Saved.</p> : null}
        <ErrorAlert error={s.error} />
        <Button type="submit" busy={s.loading}>Save preferences</Button>
      </form>
    </Card>
  );
}

function SecurityCard({ me, providers, refetch }: { me: Me; providers: MeQuery['oauthProviders']; refetch: () => Promise<void> }) {
  const [resend, rs] = useMutation(ResendVerificationDocument);
  const [enroll, en] = useMutation(EnrollMfaDocument);
  const [confirm, co] = useMutation(ConfirmMfaDocument);
  const [disable, di] = useMutation(DisableMfaDocument);
  const [unlink, un] = useMutation(UnlinkOAuthDocument);
  const [codes, setCodes] = useState<string[] | null>(null);
  const enrollment = en.data?.enrollMfa;
  const linked = (me.linkedAccounts ?? []).map((l) => l.provider);
  return (
    <Card title="Sign-in and security">
      <p>
        Email: {me.email} {me.emailVerified ? <Badge tone="good">Verified</Badge> : <Badge tone="warn">Not verified</Badge>}
      </p>
      {!me.emailVerified ? (
        <p>
          <Button variant="secondary" busy={rs.loading} onClick={() => void resend({})}>Resend verification email</Button> {rs.data ? <span role="status">Sent.</span> : null}
        </p>
      ) : null}
      <h3>Two-factor authentication</h3>
      {me.mfaEnabled ? (
        <form className="form inline-form" onSubmit={(e) => { e.preventDefault(); void disable({ code: String(new FormData(e.currentTarget).get('code')) }).then((ok) => ok && refetch()); }}>
          <p><Badge tone="good">On</Badge> {me.mfaRecoveryCodesRemaining} recovery codes left.</p>
          <Field label="Current code to turn it off" name="code" autoComplete="one-time-code" required />
          <Button type="submit" variant="danger" busy={di.loading}>Turn off</Button>
        </form>
      ) : enrollment ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm({ code: String(new FormData(e.currentTarget).get('code')).replace(/\s+/g, '') }).then((data) => {
              if (!data) return;
              setSession(data.confirmMfa.session);
              setCodes(data.confirmMfa.recoveryCodes);
              void refetch();
            });
          }}
        >
          <p>Add this key to your authenticator app, then enter the 6-digit code it shows.</p>
          <p><code className="secret" data-testid="mfa-secret">{enrollment.secret}</code></p>
          <p className="muted small">Or open <a href={enrollment.otpauthUri}>this link</a> on a phone with an authenticator app. Expires {formatDateTime(enrollment.expiresAt)}.</p>
          <Field label="Code from the app" name="code" autoComplete="one-time-code" required />
          <Button type="submit" busy={co.loading}>Turn on</Button>
        </form>
      ) : (
        <p>
          Off. Required for moderator, finance and admin accounts. <Button variant="secondary" busy={en.loading} onClick={() => void enroll({})}>Set up</Button>
        </p>
      )}
      {codes ? (
        <Alert kind="success" title="Two-factor authentication is on. Save these recovery codes now — they are shown once:">
          <ul className="codes">{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
        </Alert>
      ) : null}
      <ErrorAlert error={en.error ?? co.error ?? di.error ?? rs.error} />
      <h3>Linked sign-in providers</h3>
      {me.linkedAccounts?.length ? (
        <ul className="plain-list">
          {me.linkedAccounts.map((l) => (
            <li key={l.provider}>
              {humanize(l.provider)} {l.displayName ?? l.email ?? ''} <span className="muted small">linked {formatDate(l.linkedAt)}</span>{' '}
              <Button variant="ghost" busy={un.loading} onClick={() => void unlink({ provider: l.provider }).then((ok) => ok && refetch())}>Unlink<span className="visually-hidden"> {humanize(l.provider)}</span></Button>
            </li>
          ))}
        </ul>
      ) : <p className="muted">None linked.</p>}
      {providers.filter((p) => !linked.includes(p)).length ? <OAuthButtons link exclude={linked} next="/settings" /> : null}
      <ErrorAlert error={un.error} />
    </Card>
  );
}

function ModerationCard() {
  const q = useQuery(MyModerationActionsDocument, {});
  const [appeal, ap] = useMutation(AppealActionDocument);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card title="Account standing">
      <QueryView state={q} label="Loading…">
        {(d) =>
          d.myModerationActions.edges.length ? (
            <ul className="plain-list">
              {d.myModerationActions.edges.map(({ node: a }) => (
                <li key={a.id}>
                  <Badge tone={a.active ? 'bad' : 'neutral'}>{humanize(a.type)}</Badge> {humanize(a.policy)} · {formatDate(a.startsAt)}
                  {a.expiresAt ? ` until ${formatDateTime(a.expiresAt)}` : ''}
                  <p className="muted small">{a.statement}</p>
                  {a.appeal ? <p className="small">Appeal: {humanize(a.appeal.status)}{a.appeal.decisionNote ? ` — ${a.appeal.decisionNote}` : ''}</p> : null}
                  {a.canAppeal && !a.appeal ? (
                    open === a.id ? (
                      <form className="form" onSubmit={(e) => { e.preventDefault(); void appeal({ actionId: a.id, statement: String(new FormData(e.currentTarget).get('statement')) }).then((ok) => ok && q.refetch()); }}>
                        <TextAreaField label="Why should this be lifted?" name="statement" minLength={10} maxLength={2000} required rows={3} />
                        <Button type="submit" busy={ap.loading}>Send appeal</Button>
                      </form>
                    ) : <Button variant="secondary" onClick={() => setOpen(a.id)}>Appeal</Button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : <p className="muted">Your account is in good standing.</p>
        }
      </QueryView>
      <ErrorAlert error={ap.error} />
    </Card>
  );
}

function DataCard({ me }: { me: Me }) {
  const { signOut } = useAuth();
  const exports = useQuery(MyDataExportsDocument, {});
  const [request, rq] = useMutation(ExportMyDataDocument);
  const [remove, rm] = useMutation(DeleteMyAccountDocument);
  const [confirmHandle, setConfirmHandle] = useState('');
  const link = rq.data?.exportMyData.downloadUrl;
  return (
    <Card title="Your data">
      <p>Download everything Startales holds about you. The archive is assembled by every service within minutes and can be downloaded once.</p>
      <Button variant="secondary" busy={rq.loading} onClick={() => void request({}).then(() => exports.refetch())}>Request a data export</Button>
      {link ? (
        <Alert kind="success" title="Export requested.">
          <p>Keep this one-time link; it serves the archive once it is ready: <a href={link} data-testid="export-link">Download my data</a></p>
        </Alert>
      ) : null}
      <ErrorAlert error={rq.error} />
      {exports.data?.myDataExports.length ? (
        <ul className="plain-list small">
          {exports.data.myDataExports.map((x) => <li key={x.id}>{formatDateTime(x.requestedAt)} — {humanize(x.status)}{x.status === 'READY' ? ` (expires ${formatDate(x.expiresAt)})` : ''}</li>)}
        </ul>
      ) : null}
      <h3>Delete account</h3>
      <form
        className="form danger-zone"
        onSubmit={(e) => {
          e.preventDefault();
          void remove({ input: { confirmHandle } }).then(async (ok) => {
            if (!ok) return;
            await signOut();
            navigate('/?deleted=1', { replace: true });
          });
        }}
      >
        <p>This signs you out everywhere and erases or anonymises your data in every service. It cannot be undone.</p>
        <Field label={`Type your handle (${me.handle}) to confirm`} value={confirmHandle} onChange={(e) => setConfirmHandle(e.target.value)} autoComplete="off" />
        <ErrorAlert error={rm.error} />
        <Button type="submit" variant="danger" busy={rm.loading} disabled={confirmHandle !== me.handle}>Delete my account</Button>
      </form>
    </Card>
  );
}
