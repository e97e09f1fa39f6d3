import { AcceptInvitationDocument, DeclineInvitationDocument, MyCampaignsDocument } from '../../operations/campaigns.ts';
import { useMutation, useQuery, useTitle } from '../../lib/hooks.ts';
import { Link } from '../../lib/router.tsx';
import { formatDate, formatDateTime, humanize } from '../../lib/format.ts';
import { Badge, Button, Card, Empty, ErrorAlert, PageHeader, QueryView } from '../../components/ui.tsx';

/** Campaigns the player runs, joined, was invited to, and played. */
export function MyCampaigns() {
  useTitle('My campaigns');
  const q = useQuery(MyCampaignsDocument, {});
  const [accept, acceptState] = useMutation(AcceptInvitationDocument);
  const [decline, declineState] = useMutation(DeclineInvitationDocument);
  const then = <T,>(p: Promise<T | undefined>) => p.then((r) => (r ? q.refetch() : undefined));
  return (
    <div>
      <PageHeader title="My campaigns" actions={<Link to="/campaigns/new" className="btn btn-primary">Create a campaign</Link>} />
      <QueryView state={q} label="Loading your campaigns…">
        {(d) => (
          <div className="grid-2">
            {d.myCampaignInvitations.length ? (
              <Card title="Invitations">
                <ul className="plain-list">
                  {d.myCampaignInvitations.map((i) => (
                    <li key={i.id}>
                      <Link to={`/campaigns/${i.campaign.id}`}>{i.campaign.title}</Link> from @{i.inviter.handle} · starts {formatDate(i.campaign.startsAt)}
                      <div className="row">
                        <Button busy={acceptState.loading} onClick={() => void then(accept({ invitationId: i.id }))}>Accept</Button>
                        <Button variant="secondary" busy={declineState.loading} onClick={() => void then(decline({ invitationId: i.id }))}>Decline</Button>
                      </div>
                    </li>
                  ))}
                </ul>
                <ErrorAlert error={acceptState.error ?? declineState.error} />
              </Card>
            ) : null}
            <Card title="Playing">
              {d.myRegistrations.filter((r) => ['HELD', 'PAID', 'WAITLISTED'].includes(r.status)).length ? (
                <ul className="plain-list">
                  {d.myRegistrations
                    .filter((r) => ['HELD', 'PAID', 'WAITLISTED'].includes(r.status))
                    .map((r) => (
                      <li key={r.id}>
                        <Link to={`/campaigns/${r.campaign.id}`}>{r.campaign.title}</Link> <Badge tone={r.status === 'PAID' ? 'good' : 'warn'}>{humanize(r.status)}</Badge>{' '}
                        <span className="muted small">{humanize(r.campaign.status)} · starts {formatDate(r.campaign.startsAt)}</span>
                        {r.status === 'HELD' && r.holdExpiresAt ? <span className="muted small"> · pay before {formatDateTime(r.holdExpiresAt)}</span> : null}
                        {r.status === 'PAID' && (r.campaign.status === 'RUNNING' || r.campaign.status === 'SCHEDULED') ? <> · <Link to={`/campaigns/${r.campaign.id}/play`}>Live session</Link></> : null}
                      </li>
                    ))}
                </ul>
              ) : (
                <Empty><p>You have not joined a campaign yet. <Link to="/campaigns">Find one</Link>.</p></Empty>
              )}
            </Card>
            <Card title="Running">
              {d.myCampaigns.length ? (
                <ul className="plain-list">
                  {d.myCampaigns.map((c) => (
                    <li key={c.id}>
                      <Link to={`/campaigns/${c.id}`}>{c.title}</Link> <Badge>{humanize(c.status)}</Badge> <span className="muted small">{c.seatsTaken}/{c.maxPlayers} seats · starts {formatDate(c.startsAt)}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <Empty><p>You are not running a campaign. <Link to="/campaigns/new">Create one</Link>.</p></Empty>
              )}
            </Card>
            <Card title="History">
              {d.me.gameHistory?.edges.length ? (
                <ul className="plain-list">{d.me.gameHistory.edges.map((e) => <li key={e.node.id}><Link to={`/campaigns/${e.node.id}`}>{e.node.title}</Link> <span className="muted small">{humanize(e.node.status)} · ended {formatDate(e.node.endsAt)}</span></li>)}</ul>
              ) : <p className="muted">Campaigns you finish appear here.</p>}
            </Card>
          </div>
        )}
      </QueryView>
    </div>
  );
}
