import { useState } from 'react';
import { AcceptPartyInviteDocument, CancelPartyInviteDocument, CreatePartyDocument, DeclinePartyInviteDocument, DisbandPartyDocument, InviteToPartyDocument, KickFromPartyDocument, LeavePartyDocument, PartyDocument, TransferPartyLeadershipDocument } from '../../operations/social.ts';
import { useMutation, useQuery, useTitle } from '../../lib/hooks.ts';
import { Link } from '../../lib/router.tsx';
import { Badge, Button, Card, Empty, ErrorAlert, Field, PageHeader, QueryView, SelectField } from '../../components/ui.tsx';

/** The player's party: create, invite friends, accept invites, leave; the leader kicks, hands over and disbands. */
export function Party() {
  useTitle('Party');
  const q = useQuery(PartyDocument, {});
  const [create, cr] = useMutation(CreatePartyDocument);
  const [invite, inv] = useMutation(InviteToPartyDocument);
  const [accept, ac] = useMutation(AcceptPartyInviteDocument);
  const [decline, de] = useMutation(DeclinePartyInviteDocument);
  const [cancelInvite, ci] = useMutation(CancelPartyInviteDocument);
  const [leave, le] = useMutation(LeavePartyDocument);
  const [kick, ki] = useMutation(KickFromPartyDocument);
  const [transfer, tr] = useMutation(TransferPartyLeadershipDocument);
  const [disband, di] = useMutation(DisbandPartyDocument);
  const [size, setSize] = useState(4);
  const [friend, setFriend] = useState('');
  const then = <T,>(p: Promise<T | undefined>) => p.then((x) => (x !== undefined ? q.refetch() : undefined));
  const error = cr.error ?? inv.error ?? ac.error ?? de.error ?? ci.error ?? le.error ?? ki.error ?? tr.error ?? di.error;
  return (
    <div>
      <PageHeader title="Party" subtitle="Play together: the leader can register the whole party for a campaign at once." />
      <ErrorAlert error={error} />
      <QueryView state={q} label="Loading your party…">
        {({ me, myPartyInvites }) => {
          const party = me.party;
          const leader = party?.leader.id === me.id;
          const invitable = (me.friends?.edges ?? []).filter((f) => !party?.members.some((m) => m.id === f.node.id));
          return (
            <div className="grid-2">
              {party ? (
                <Card title={`Your party (${party.size}/${party.maxSize})`}>
                  <ul className="plain-list">
                    {party.members.map((m) => (
                      <li key={m.id}>
                        <Link to={`/players/${m.id}`}>@{m.handle}</Link> {m.id === party.leader.id ? <Badge tone="info">Leader</Badge> : null}
                        {leader && m.id !== me.id ? (
                          <span className="row inline">
                            <Button variant="ghost" busy={tr.loading} onClick={() => void then(transfer({ partyId: party.id, userId: m.id }))}>Make leader<span className="visually-hidden"> @{m.handle}</span></Button>
                            <Button variant="ghost" busy={ki.loading} onClick={() => void then(kick({ partyId: party.id, userId: m.id }))}>Remove<span className="visually-hidden"> @{m.handle}</span></Button>
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  {party.invites.length ? (
                    <>
                      <h3>Invited</h3>
                      <ul className="plain-list">
                        {party.invites.map((i) => (
                          <li key={i.id}>@{i.to.handle} <Button variant="ghost" busy={ci.loading} onClick={() => void then(cancelInvite({ inviteId: i.id }))}>Withdraw<span className="visually-hidden"> invite to @{i.to.handle}</span></Button></li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                  {party.size < party.maxSize ? (
                    invitable.length ? (
                      <form className="form inline-form" onSubmit={(e) => { e.preventDefault(); if (friend) void then(invite({ partyId: party.id, userId: friend })); }}>
                        <SelectField label="Invite a friend" value={friend} onChange={(e) => setFriend(e.target.value)}>
                          <option value="">Choose…</option>
                          {invitable.map((f) => <option key={f.node.id} value={f.node.id}>@{f.node.handle}</option>)}
                        </SelectField>
                        <Button type="submit" variant="secondary" disabled={!friend} busy={inv.loading}>Send invite</Button>
                      </form>
                    ) : <p className="muted">Only friends can be invited. <Link to="/friends">Find friends</Link>.</p>
                  ) : <p className="muted">The party is full.</p>}
                  <div className="row">
                    <Button variant="secondary" busy={le.loading} onClick={() => void then(leave({ partyId: party.id }))}>Leave party</Button>
                    {leader ? <Button variant="danger" busy={di.loading} onClick={() => void then(disband({ partyId: party.id }))}>Disband</Button> : null}
                  </div>
                </Card>
              ) : (
                <Card title="No party yet">
                  <form className="form inline-form" onSubmit={(e) => { e.preventDefault(); void then(create({ input: { maxSize: size } })); }}>
                    <Field label="Party size" type="number" min={2} max={8} value={size} onChange={(e) => setSize(Number(e.target.value))} />
                    <Button type="submit" busy={cr.loading}>Create a party</Button>
                  </form>
                </Card>
              )}
              <Card title="Invitations for you">
                {myPartyInvites.edges.length ? (
                  <ul className="plain-list">
                    {myPartyInvites.edges.map(({ node }) => (
                      <li key={node.id}>
                        @{node.from.handle} invites you to a party of {node.party.size}/{node.party.maxSize} led by @{node.party.leader.handle}
                        <div className="row">
                          <Button busy={ac.loading} onClick={() => void then(accept({ inviteId: node.id }))}>Join</Button>
                          <Button variant="secondary" busy={de.loading} onClick={() => void then(decline({ inviteId: node.id }))}>Decline</Button>
                        </div>
                      </li>
                    ))}
                  </ul>
                ) : <Empty><p>No invitations.</p></Empty>}
              </Card>
            </div>
          );
        }}
      </QueryView>
    </div>
  );
}
