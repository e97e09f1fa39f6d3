import { useState, type FormEvent } from 'react';
import { AcceptFriendRequestDocument, BlockUserDocument, CancelFriendRequestDocument, DeclineFriendRequestDocument, FriendsDocument, InviteToPartyDocument, PlayerDocument, RemoveFriendDocument, ReportUserDocument, SendFriendRequestDocument, UnblockUserDocument } from '../../operations/social.ts';
import { useMutation, useQuery, useTitle } from '../../lib/hooks.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { formatDate, humanize } from '../../lib/format.ts';
import { useAuth } from '../../lib/auth.tsx';
import { Alert, Badge, Button, Card, Empty, ErrorAlert, Field, PageHeader, QueryView, SelectField, TextAreaField } from '../../components/ui.tsx';
import type { ReportReason } from '../../gql/graphql.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Friends, incoming and outgoing requests. */
export function Friends() {
  useTitle('Friends');
  const { session } = useAuth();
  const q = useQuery(FriendsDocument, {});
  const [accept, a] = useMutation(AcceptFriendRequestDocument);
  const [decline, d] = useMutation(DeclineFriendRequestDocument);
  const [cancel, c] = useMutation(CancelFriendRequestDocument);
  const [remove, r] = useMutation(RemoveFriendDocument);
  const [lookup, setLookup] = useState('');
  const [lookupError, setLookupError] = useState<string | null>(null);
  const then = <T,>(p: Promise<T | undefined>) => p.then((x) => (x !== undefined ? q.refetch() : undefined));
  const open = (event: FormEvent) => {
    event.preventDefault();
    const id = UUID.exec(lookup)?.[0];
    if (!id) return setLookupError('Paste a player’s profile link or id.');
    setLookupError(null);
    navigate(`/players/${id}`);
  };
  const myLink = session ? `${window.location.origin}/players/${session.user.id}` : '';
  return (
    <div>
      <PageHeader title="Friends" />
      <div className="grid-2">
        <Card title="Add a friend">
          <p>Share your profile link, or open a player&rsquo;s profile (from a campaign roster or their link) and choose <em>Add friend</em>.</p>
          <Field label="Your profile link" value={myLink} readOnly onFocus={(e) => e.currentTarget.select()} />
          <form onSubmit={open} className="form inline-form">
            <Field label="A player’s profile link or id" value={lookup} onChange={(e) => setLookup(e.target.value)} error={lookupError} />
            <Button type="submit" variant="secondary">Open profile</Button>
          </form>
        </Card>
        <QueryView state={q} label="Loading friends…">
          {(data) => (
            <>
              <Card title={`Requests for you (${data.incomingFriendRequests.totalCount})`}>
                {data.incomingFriendRequests.edges.length ? (
                  <ul className="plain-list">
                    {data.incomingFriendRequests.edges.map(({ node }) => (
                      <li key={node.id}>
                        <Link to={`/players/${node.from.id}`}>@{node.from.handle}</Link> <span className="muted small">{formatDate(node.createdAt)}</span>
                        <div className="row">
                          <Button busy={a.loading} onClick={() => void then(accept({ requestId: node.id }))}>Accept<span className="visually-hidden"> @{node.from.handle}</span></Button>
                          <Button variant="secondary" busy={d.loading} onClick={() => void then(decline({ requestId: node.id }))}>Decline<span className="visually-hidden"> @{node.from.handle}</span></Button>
                        </div>
                      </li>
                    ))}
                  </ul>
                ) : <p className="muted">No pending requests.</p>}
              </Card>
              <Card title={`Your friends (${data.me.friends?.totalCount ?? 0})`}>
                {data.me.friends?.edges.length ? (
                  <ul className="plain-list">
                    {data.me.friends.edges.map(({ node, friendsSince }) => (
                      <li key={node.id}>
                        <Link to={`/players/${node.id}`}>@{node.handle}</Link> {node.displayName ? <span className="muted">{node.displayName}</span> : null} <span className="muted small">since {formatDate(friendsSince)}</span>{' '}
                        <Button variant="ghost" busy={r.loading} onClick={() => void then(remove({ userId: node.id }))}>Remove<span className="visually-hidden"> @{node.handle}</span></Button>
                      </li>
                    ))}
                  </ul>
                ) : <Empty><p>No friends yet.</p></Empty>}
              </Card>
              <Card title="Requests you sent">
                {data.outgoingFriendRequests.edges.length ? (
                  <ul className="plain-list">
                    {data.outgoingFriendRequests.edges.map(({ node }) => (
                      <li key={node.id}>
                        <Link to={`/players/${node.to.id}`}>@{node.to.handle}</Link>{' '}
                        <Button variant="ghost" busy={c.loading} onClick={() => void then(cancel({ requestId: node.id }))}>Cancel<span className="visually-hidden"> request to @{node.to.handle}</span></Button>
                      </li>
                    ))}
                  </ul>
                ) : <p className="muted">None pending.</p>}
              </Card>
            </>
          )}
        </QueryView>
      </div>
      <ErrorAlert error={a.error ?? d.error ?? c.error ?? r.error} />
    </div>
  );
}

const REASONS: ReportReason[] = ['HARASSMENT', 'HATE', 'CHEATING', 'SPAM', 'INAPPROPRIATE_NAME', 'SEXUAL_CONTENT', 'SELF_HARM', 'VIOLENCE', 'ILLICIT', 'SEXUAL_MINORS', 'OTHER'];

/** A player's profile: friend, party invite, block and report. */
export function PlayerProfile({ id }: { id: string }) {
  const q = useQuery(PlayerDocument, { id });
  useTitle(q.data?.user ? `@${q.data.user.handle}` : 'Player');
  const [send, s] = useMutation(SendFriendRequestDocument);
  const [block, b] = useMutation(BlockUserDocument);
  const [unblock, u] = useMutation(UnblockUserDocument);
  const [invite, inv] = useMutation(InviteToPartyDocument);
  const [reporting, setReporting] = useState(false);
  const then = <T,>(p: Promise<T | undefined>) => p.then((x) => (x !== undefined ? q.refetch() : undefined));
  return (
    <QueryView state={q} label="Loading profile…">
      {({ user, me }) =>
        !user ? (
          <div className="narrow"><h1>Player not found</h1></div>
        ) : (
          <div>
            <PageHeader title={`@${user.handle}`} subtitle={user.displayName ?? undefined} />
            <div className="grid-2">
              <Card title="Profile">
                {user.bio ? <p className="prose">{user.bio}</p> : <p className="muted">No bio, or this profile is private.</p>}
                <p className="muted small">Joined {formatDate(user.createdAt)}</p>
                {user.party ? <p>In a party of {user.party.size} led by @{user.party.leader.handle}</p> : null}
                {user.friendStatus && user.friendStatus !== 'SELF' ? <p><Badge tone={user.friendStatus === 'FRIENDS' ? 'good' : 'neutral'}>{humanize(user.friendStatus)}</Badge></p> : null}
                {user.friendStatus === 'SELF' ? <p><Link to="/settings">Edit your profile</Link></p> : (
                  <div className="row">
                    {user.friendStatus === 'NONE' ? <Button busy={s.loading} onClick={() => void then(send({ userId: user.id }))}>Add friend</Button> : null}
                    {user.friendStatus === 'FRIENDS' && me.party ? <Button variant="secondary" busy={inv.loading} onClick={() => void invite({ partyId: me.party!.id, userId: user.id })}>Invite to my party</Button> : null}
                    {me.blockedUserIds?.includes(user.id) ? (
                      <Button variant="secondary" busy={u.loading} onClick={() => void then(unblock({ userId: user.id }))}>Unblock</Button>
                    ) : (
                      <Button variant="secondary" busy={b.loading} onClick={() => void then(block({ userId: user.id }))}>Block</Button>
                    )}
                    <Button variant="danger" onClick={() => setReporting(true)} aria-expanded={reporting}>Report player</Button>
                  </div>
                )}
                {inv.data ? <Alert kind="success">Party invite sent.</Alert> : null}
                <ErrorAlert error={s.error ?? b.error ?? u.error ?? inv.error} />
              </Card>
              {reporting ? <ReportForm userId={user.id} handle={user.handle} onDone={() => setReporting(false)} /> : null}
            </div>
          </div>
        )
      }
    </QueryView>
  );
}

function ReportForm({ userId, handle, onDone }: { userId: string; handle: string; onDone: () => void }) {
  const [report, state] = useMutation(ReportUserDocument);
  const [reason, setReason] = useState<ReportReason>('HARASSMENT');
  const [details, setDetails] = useState('');
  if (state.data) {
    return (
      <Card title="Report sent">
        <Alert kind="success">Thanks. Moderators will review your report about @{handle}. You can also block them so they cannot contact you.</Alert>
        <Button variant="secondary" onClick={onDone}>Close</Button>
      </Card>
    );
  }
  return (
    <Card title={`Report @${handle}`}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void report({ input: { userId, reason, details: details.trim() || null } });
        }}
      >
        <SelectField label="What is the problem?" value={reason} onChange={(e) => setReason(e.target.value as ReportReason)}>
          {REASONS.map((r) => <option key={r} value={r}>{humanize(r)}</option>)}
        </SelectField>
        <TextAreaField label="What happened? (optional)" value={details} onChange={(e) => setDetails(e.target.value)} maxLength={2000} rows={4} hint="Up to 2000 characters. Include where and when it happened." />
        <ErrorAlert error={state.error} />
        <div className="row">
          <Button type="submit" variant="danger" busy={state.loading}>Send report</Button>
          <Button variant="ghost" onClick={onDone}>Cancel</Button>
        </div>
      </form>
    </Card>
  );
}
