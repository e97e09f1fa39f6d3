import { useState, type FormEvent, type ReactNode } from 'react';
import { AccountAuditLogDocument, AddCaseNoteDocument, AdminUserDocument, AssignCaseDocument, DecideAppealDocument, DismissCaseDocument, ModerationAppealsDocument, ModerationAuditLogDocument, ModerationCaseDocument, ModerationQueueDocument, PlatformStatsDocument, SetCaseTierDocument, SetUserRolesDocument, TakeModerationActionDocument } from '../../operations/admin.ts';
import { useMutation, useQuery, useTitle } from '../../lib/hooks.ts';
import { useAuth } from '../../lib/auth.tsx';
import { Link, navigate } from '../../lib/router.tsx';
import { formatDate, formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { Alert, Badge, Button, Card, Empty, ErrorAlert, Field, PageHeader, QueryView, SelectField, Stat, TextAreaField } from '../../components/ui.tsx';
import type { ModerationActionType, ModerationCaseStatus, ModerationPolicy, ModerationTier, Role } from '../../gql/graphql.ts';

export function AdminNav() {
  const { hasRole } = useAuth();
  return (
    <nav aria-label="Admin" className="subnav">
      <Link to="/admin">Queue</Link>
      <Link to="/admin/appeals">Appeals</Link>
      <Link to="/admin/users">Users</Link>
      {hasRole('ADMIN') ? <Link to="/admin/audit">Audit log</Link> : null}
    </nav>
  );
}

const TIER_TONE: Record<ModerationTier, 'neutral' | 'info' | 'warn' | 'bad'> = { T0: 'neutral', T1: 'info', T2: 'warn', T3: 'bad' };

/** Platform stats (admins) and the review queue: highest tier first, then the SLA due soonest. */
export function AdminHome() {
  useTitle('Admin console');
  const { hasRole } = useAuth();
  const [status, setStatus] = useState<ModerationCaseStatus>('OPEN');
  const [mine, setMine] = useState<'all' | 'unassigned'>('all');
  const stats = useQuery(PlatformStatsDocument, {}, { skip: !hasRole('ADMIN') });
  const queue = useQuery(ModerationQueueDocument, { filter: { status, ...(mine === 'unassigned' ? { unassigned: true } : {}) } }, { pollMs: 15_000 });
  return (
    <div>
      <PageHeader title="Admin console" />
      <AdminNav />
      {hasRole('ADMIN') ? (
        <QueryView state={stats} label="Loading stats…">
          {(s) => (
            <div className="stats">
              <Stat label="Accounts" value={formatNumber(s.platformStats.users)} />
              <Stat label="Campaigns" value={formatNumber(s.platformStats.campaigns)} />
              <Stat label="Open cases" value={queue.data ? formatNumber(queue.data.moderationQueue.totalCount) : '…'} />
            </div>
          )}
        </QueryView>
      ) : null}
      <Card title="Review queue">
        <div className="filters">
          <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as ModerationCaseStatus)}>
            <option value="OPEN">Open</option>
            <option value="RESOLVED">Resolved</option>
            <option value="DISMISSED">Dismissed</option>
          </SelectField>
          <SelectField label="Assignment" value={mine} onChange={(e) => setMine(e.target.value as 'all' | 'unassigned')}>
            <option value="all">Everyone</option>
            <option value="unassigned">Unassigned only</option>
          </SelectField>
        </div>
        <QueryView state={queue} label="Loading the queue…">
          {(d) =>
            d.moderationQueue.edges.length ? (
              <table className="table" data-testid="moderation-queue">
                <thead>
                  <tr><th scope="col">Tier</th><th scope="col">Subject</th><th scope="col">Categories</th><th scope="col">Reports</th><th scope="col">SLA</th><th scope="col">Assignee</th></tr>
                </thead>
                <tbody>
                  {d.moderationQueue.edges.map(({ node: c }) => (
                    <tr key={c.id}>
                      <td><Badge tone={TIER_TONE[c.tier]}>{c.tier}</Badge></td>
                      <td><Link to={`/admin/cases/${c.id}`}>{humanize(c.subjectType)}{c.user ? ` @${c.user.handle}` : ''}</Link></td>
                      <td>{c.categories.map(humanize).join(', ') || '—'}</td>
                      <td>{c.reportCount} reports · {c.flagCount} flags</td>
                      <td>{c.overdue ? <Badge tone="bad">Overdue</Badge> : formatDateTime(c.slaDueAt)}</td>
                      <td>{c.assignee ? `@${c.assignee.handle}` : <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : <Empty><p>The queue is empty. Nice.</p></Empty>
          }
        </QueryView>
      </Card>
    </div>
  );
}

const ACTIONS: ModerationActionType[] = ['WARN', 'MUTE', 'REMOVE_CONTENT', 'KICK', 'SUSPEND', 'BAN'];
const POLICIES: ModerationPolicy[] = ['HARASSMENT', 'HATE_SPEECH', 'SEXUAL_CONTENT', 'CHILD_SAFETY', 'SELF_HARM', 'VIOLENCE', 'ILLEGAL_ACTIVITY', 'SPAM', 'CHEATING', 'IMPERSONATION', 'OTHER'];

/** One case: reports with evidence, flags, notes and actions; assign, note, change tier, act or dismiss. */
export function CaseDetail({ id }: { id: string }) {
  useTitle('Case');
  const { hasRole } = useAuth();
  const q = useQuery(ModerationCaseDocument, { id });
  const [assign, as] = useMutation(AssignCaseDocument);
  const [note, no] = useMutation(AddCaseNoteDocument);
  const [dismiss, di] = useMutation(DismissCaseDocument);
  const [setTier, st] = useMutation(SetCaseTierDocument);
  const [act, ac] = useMutation(TakeModerationActionDocument);
  const [type, setType] = useState<ModerationActionType>('WARN');
  const [policy, setPolicy] = useState<ModerationPolicy>('HARASSMENT');
  const [duration, setDuration] = useState(1440);
  const then = <T,>(p: Promise<T | undefined>) => p.then((x) => (x !== undefined ? q.refetch() : undefined));
  return (
    <div>
      <PageHeader title="Case" subtitle={<Link to="/admin">← Back to the queue</Link>} />
      <QueryView state={q} label="Loading the case…">
        {({ moderationCase: c }) =>
          !c ? <p>Case not found.</p> : (
            <div className="split">
              <div>
                <Card title={<>{humanize(c.subjectType)} {c.user ? <Link to={`/admin/users/${c.user.id}`}>@{c.user.handle}</Link> : null} <Badge tone={TIER_TONE[c.tier]}>{c.tier}</Badge> <Badge>{humanize(c.status)}</Badge></>}>
                  <p className="muted small">Opened {formatDateTime(c.openedAt)} · SLA {c.overdue ? 'overdue' : `due ${formatDateTime(c.slaDueAt)}`} · {c.categories.map(humanize).join(', ') || 'no category'}</p>
                  {c.campaign ? <p>Campaign: <Link to={`/campaigns/${c.campaign.id}`}>{c.campaign.title}</Link></p> : null}
                  {c.content ? <blockquote className={c.content.hidden ? 'hidden-content' : ''}>{c.content.text}<footer className="muted small">{c.content.author ? `@${c.content.author.handle}` : 'AI game master'} · {formatDateTime(c.content.occurredAt)}{c.content.hidden ? ' · hidden' : ''}</footer></blockquote> : null}
                  {c.resolution ? <Alert kind="info" title="Resolution">{c.resolution}{c.closedBy ? ` — @${c.closedBy.handle}` : ''}</Alert> : null}
                </Card>
                <Card title={`Reports (${c.reports.length})`}>
                  <ul className="plain-list">
                    {c.reports.map((r) => (
                      <li key={r.id}>
                        <Badge tone="warn">{humanize(r.reason)}</Badge> from @{r.reporter.handle} · {formatDateTime(r.createdAt)}
                        {r.details ? <p>{r.details}</p> : null}
                        {r.evidence?.items.length ? (
                          <details><summary>Evidence ({r.evidence.items.length})</summary><ul className="small">{r.evidence.items.map((i) => <li key={i.id}>{i.author ? `@${i.author.handle}` : 'AI'}: {i.text}</li>)}</ul></details>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  {c.flags.length ? <p className="muted small">Automated flags: {c.flags.map((f) => `${humanize(f.category)} (${f.source.toLowerCase()}${f.score !== null ? ` ${f.score.toFixed(2)}` : ''})`).join(', ')}</p> : null}
                </Card>
                <Card title="Notes and history">
                  <ul className="plain-list">
                    {c.notes.map((n) => <li key={n.id}><strong>@{n.author.handle}</strong> <span className="muted small">{formatDateTime(n.createdAt)}</span><p>{n.body}</p></li>)}
                    {c.actions.map((a) => <li key={a.id}><Badge tone="bad">{humanize(a.type)}</Badge> {humanize(a.policy)} by @{a.moderator?.handle ?? '—'} · {formatDateTime(a.createdAt)}<p className="muted small">{a.statement}</p></li>)}
                  </ul>
                  {c.status === 'OPEN' ? (
                    <form className="form" onSubmit={(e: FormEvent<HTMLFormElement>) => { e.preventDefault(); const form = e.currentTarget; void then(note({ caseId: c.id, body: String(new FormData(form).get('body')) })).then(() => form.reset()); }}>
                      <TextAreaField label="Add a note" name="body" rows={2} required maxLength={2000} />
                      <Button type="submit" variant="secondary" busy={no.loading}>Add note</Button>
                    </form>
                  ) : null}
                  <ErrorAlert error={no.error} />
                </Card>
              </div>
              <div>
                {c.status === 'OPEN' ? (
                  <>
                    <Card title="Take action">
                      <p>{c.assignee ? `Assigned to @${c.assignee.handle}.` : 'Unassigned.'} <Button variant="secondary" busy={as.loading} onClick={() => void then(assign({ id: c.id }))}>Assign to me</Button></p>
                      {c.user ? (
                        <form
                          className="form"
                          onSubmit={(e: FormEvent<HTMLFormElement>) => {
                            e.preventDefault();
                            const statement = String(new FormData(e.currentTarget).get('statement'));
                            void then(act({ input: { userId: c.user!.id, caseId: c.id, type, policy, statement, ...(type === 'MUTE' || type === 'SUSPEND' ? { durationMinutes: duration } : {}), ...(type === 'KICK' || type === 'MUTE' ? { campaignId: c.campaign?.id ?? null } : {}), ...(type === 'REMOVE_CONTENT' ? { contentId: c.content?.id ?? null } : {}) } }));
                          }}
                        >
                          <SelectField label="Action" value={type} onChange={(e) => setType(e.target.value as ModerationActionType)}>
                            {ACTIONS.filter((a) => a !== 'BAN' || hasRole('ADMIN')).filter((a) => a !== 'REMOVE_CONTENT' || c.content).filter((a) => a !== 'KICK' || c.campaign).map((a) => <option key={a} value={a}>{humanize(a)}</option>)}
                          </SelectField>
                          <SelectField label="Policy" value={policy} onChange={(e) => setPolicy(e.target.value as ModerationPolicy)}>
                            {POLICIES.map((p) => <option key={p} value={p}>{humanize(p)}</option>)}
                          </SelectField>
                          {type === 'MUTE' || type === 'SUSPEND' ? (
                            <SelectField label="Duration" value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
                              {type === 'MUTE' ? <option value={60}>1 hour</option> : null}
                              <option value={1440}>1 day</option>
                              <option value={10080}>7 days</option>
                              <option value={43200}>30 days</option>
                            </SelectField>
                          ) : null}
                          <TextAreaField label="Statement of reasons (shown to the player)" name="statement" required minLength={20} maxLength={2000} rows={3} hint="20–2000 characters." />
                          <Button type="submit" variant="danger" busy={ac.loading}>Apply {humanize(type).toLowerCase()}</Button>
                        </form>
                      ) : <p className="muted">No player to act on (AI output): dismiss, or hide the content.</p>}
                      {ac.data ? <Alert kind="success">Action taken.</Alert> : null}
                      <ErrorAlert error={ac.error ?? as.error} />
                    </Card>
                    <Card title="Triage">
                      <form className="form inline-form" onSubmit={(e: FormEvent<HTMLFormElement>) => { e.preventDefault(); const f = new FormData(e.currentTarget); void then(setTier({ id: c.id, tier: String(f.get('tier')) as ModerationTier, reason: String(f.get('reason')) })); }}>
                        <SelectField label="Tier" name="tier" defaultValue={c.tier}>{(['T0', 'T1', 'T2', 'T3'] as const).map((t) => <option key={t}>{t}</option>)}</SelectField>
                        <Field label="Why" name="reason" required />
                        <Button type="submit" variant="secondary" busy={st.loading}>Change tier</Button>
                      </form>
                      <form className="form inline-form" onSubmit={(e: FormEvent<HTMLFormElement>) => { e.preventDefault(); void then(dismiss({ id: c.id, reason: String(new FormData(e.currentTarget).get('reason')) })); }}>
                        <Field label="Dismiss because" name="reason" required />
                        <Button type="submit" variant="secondary" busy={di.loading}>Dismiss case</Button>
                      </form>
                      <ErrorAlert error={st.error ?? di.error} />
                    </Card>
                  </>
                ) : null}
              </div>
            </div>
          )
        }
      </QueryView>
    </div>
  );
}

const ROLES: Role[] = ['PLAYER', 'MODERATOR', 'FINANCE', 'ADMIN', 'PARTNER'];

/** User lookup by id (the API has no search by name): roles, strikes, suspensions and reports. */
export function AdminUsers({ id }: { id?: string }) {
  useTitle('Users');
  const [value, setValue] = useState(id ?? '');
  return (
    <div>
      <PageHeader title="Users" />
      <AdminNav />
      <form className="form inline-form" onSubmit={(e) => { e.preventDefault(); const v = /[0-9a-f-]{36}/i.exec(value)?.[0]; if (v) navigate(`/admin/users/${v}`); }}>
        <Field label="User id or profile link" value={value} onChange={(e) => setValue(e.target.value)} hint="Open users from a case, a report or a profile link." />
        <Button type="submit" variant="secondary">Look up</Button>
      </form>
      {id ? <AdminUser id={id} /> : null}
    </div>
  );
}

function AdminUser({ id }: { id: string }) {
  const { hasRole } = useAuth();
  const q = useQuery(AdminUserDocument, { id });
  const [setRoles, sr] = useMutation(SetUserRolesDocument);
  const [draft, setDraft] = useState<Role[] | null>(null);
  return (
    <QueryView state={q} label="Loading the user…">
      {({ user }) =>
        !user ? <p>No such user.</p> : (
          <div className="grid-2">
            <Card title={`@${user.handle}`}>
              <dl className="facts">
                <dt>Id</dt><dd><code>{user.id}</code></dd>
                <dt>Email</dt><dd>{user.email ?? '—'} {user.emailVerified ? <Badge tone="good">verified</Badge> : null}</dd>
                <dt>Joined</dt><dd>{formatDate(user.createdAt)}</dd>
                <dt>MFA</dt><dd>{user.mfaEnabled === null ? '—' : user.mfaEnabled ? 'On' : 'Off'}</dd>
                <dt>Strikes</dt><dd>{user.strikes ? `${user.strikes.active} active of ${user.strikes.total}${user.strikes.nextPenalty ? ` · next at ${user.strikes.nextPenalty.atStrikes}: ${humanize(user.strikes.nextPenalty.type)}` : ''}` : '—'}</dd>
              </dl>
              <fieldset disabled={!hasRole('ADMIN')}>
                <legend>Roles {hasRole('ADMIN') ? '' : '(admins change roles)'}</legend>
                {ROLES.map((r) => (
                  <label key={r} className="check">
                    <input type="checkbox" checked={(draft ?? user.roles).includes(r)} onChange={(e) => { const cur = draft ?? user.roles; setDraft(e.target.checked ? [...cur, r] : cur.filter((x) => x !== r)); }} /> {humanize(r)}
                  </label>
                ))}
                {hasRole('ADMIN') ? <Button variant="secondary" busy={sr.loading} disabled={!draft} onClick={() => draft && void setRoles({ userId: user.id, roles: draft }).then((ok) => { if (ok) { setDraft(null); void q.refetch(); } })}>Save roles</Button> : null}
              </fieldset>
              <ErrorAlert error={sr.error} />
            </Card>
            <Card title="Suspensions and actions">
              {user.moderationActions?.edges.length ? (
                <ul className="plain-list">{user.moderationActions.edges.map(({ node: a }) => <li key={a.id}><Badge tone={a.active ? 'bad' : 'neutral'}>{humanize(a.type)}</Badge> {humanize(a.policy)} · {formatDate(a.startsAt)}{a.expiresAt ? `–${formatDate(a.expiresAt)}` : ''} {a.active ? <strong>active</strong> : null}<p className="muted small">{a.statement}</p></li>)}</ul>
              ) : <p className="muted">No actions.</p>}
              <h3>Reports about this user</h3>
              {user.reports?.length ? <ul className="plain-list small">{user.reports.map((r) => <li key={r.id}>{humanize(r.reason)} by @{r.reporter.handle} · {formatDate(r.createdAt)} · {humanize(r.status)}</li>)}</ul> : <p className="muted">None.</p>}
            </Card>
          </div>
        )
      }
    </QueryView>
  );
}

/** Appeals waiting for a decision. */
export function AdminAppeals() {
  useTitle('Appeals');
  const q = useQuery(ModerationAppealsDocument, {});
  const [decide, de] = useMutation(DecideAppealDocument);
  return (
    <div>
      <PageHeader title="Appeals" />
      <AdminNav />
      <ErrorAlert error={de.error} />
      <QueryView state={q} label="Loading appeals…">
        {(d) => d.moderationAppeals.edges.length ? (
          <ul className="plain-list">
            {d.moderationAppeals.edges.map(({ node: a }) => (
              <li key={a.id} className="card">
                <p><Badge tone="bad">{humanize(a.action.type)}</Badge> @{a.action.user.handle} · {humanize(a.action.policy)} · appealed {formatDateTime(a.createdAt)}</p>
                <p className="muted small">Statement of reasons: {a.action.statement}</p>
                <blockquote>{a.statement}</blockquote>
                <form className="form inline-form" onSubmit={(e: FormEvent<HTMLFormElement>) => { e.preventDefault(); const f = new FormData(e.currentTarget); void decide({ id: a.id, decision: (f.get('decision') === 'GRANT' ? 'GRANT' : 'DENY'), note: String(f.get('note')) }).then((ok) => ok && q.refetch()); }}>
                  <SelectField label="Decision" name="decision"><option value="DENY">Deny</option><option value="GRANT">Grant (lift the action)</option></SelectField>
                  <Field label="Note to the player" name="note" required minLength={10} />
                  <Button type="submit" busy={de.loading}>Decide</Button>
                </form>
              </li>
            ))}
          </ul>
        ) : <Empty><p>No pending appeals.</p></Empty>}
      </QueryView>
    </div>
  );
}

/** Moderation's and the users service's append-only audit logs. */
export function AdminAudit() {
  useTitle('Audit log');
  const [tab, setTab] = useState<'moderation' | 'account'>('moderation');
  const mod = useQuery(ModerationAuditLogDocument, {}, { skip: tab !== 'moderation' });
  const acc = useQuery(AccountAuditLogDocument, {}, { skip: tab !== 'account' });
  const row = (n: { id: string; action: string; actor: string; actorUser?: { handle: string } | null; targetType: string; targetId: string; before?: string | null; after?: string | null; createdAt: string }, target?: ReactNode) => (
    <tr key={n.id}>
      <td>{formatDateTime(n.createdAt)}</td><td><code>{n.action}</code></td><td>{n.actorUser ? `@${n.actorUser.handle}` : n.actor}</td><td>{target ?? `${n.targetType} ${n.targetId.slice(0, 8)}`}</td>
      <td className="small"><code>{n.before ?? ''}</code>{n.after ? <> → <code>{n.after}</code></> : null}</td>
    </tr>
  );
  return (
    <div>
      <PageHeader title="Audit log" />
      <AdminNav />
      <div className="segmented" role="tablist" aria-label="Log">
        <button role="tab" type="button" aria-selected={tab === 'moderation'} className={tab === 'moderation' ? 'active' : ''} onClick={() => setTab('moderation')}>Moderation</button>
        <button role="tab" type="button" aria-selected={tab === 'account'} className={tab === 'account' ? 'active' : ''} onClick={() => setTab('account')}>Accounts and roles</button>
      </div>
      <Card>
        <table className="table">
          <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">By</th><th scope="col">Target</th><th scope="col">Change</th></tr></thead>
          <tbody>
            {tab === 'moderation'
              ? mod.data?.moderationAuditLog.edges.map(({ node }) => row(node))
              : acc.data?.accountAuditLog.edges.map(({ node }) => row(node, node.targetUser ? `@${node.targetUser.handle}` : undefined))}
          </tbody>
        </table>
        {(tab === 'moderation' ? mod : acc).loading ? <p role="status">Loading…</p> : null}
        <ErrorAlert error={(tab === 'moderation' ? mod : acc).error} />
      </Card>
    </div>
  );
}
