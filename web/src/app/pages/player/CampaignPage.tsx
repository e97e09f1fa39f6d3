import { useState } from 'react';
import { CampaignDocument, CancelCampaignDocument, CheckoutSeatDocument, JoinCampaignDocument, JoinCampaignWithPartyDocument, LeaveCampaignDocument, OpenRegistrationDocument, ScheduleCampaignDocument, StartMatchingDocument } from '../../operations/campaigns.ts';
import { useMutation, useQuery, useTitle } from '../../lib/hooks.ts';
import { Link, useLocation } from '../../lib/router.tsx';
import { formatCents, formatDate, formatDateTime, humanize } from '../../lib/format.ts';
import { Alert, Badge, Button, Card, ErrorAlert, PageHeader, QueryView, Stat, TextAreaField } from '../../components/ui.tsx';
import type { CampaignQuery, CampaignStatus, RegistrationStatus } from '../../gql/graphql.ts';

type C = NonNullable<CampaignQuery['campaign']>;

const STATUS_TONE: Record<CampaignStatus, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  DRAFT: 'neutral', REGISTRATION: 'good', MATCHING: 'info', SCHEDULED: 'info', RUNNING: 'good', COMPLETED: 'neutral', CANCELLED: 'bad',
};

const REG_TEXT: Partial<Record<RegistrationStatus, string>> = {
  HELD: 'A seat is held for you until you pay.',
  PAID: 'Your seat is paid. See you at the table!',
  WAITLISTED: 'You are on the waitlist.',
  LEFT: 'You left this campaign.',
  RELEASED: 'Your hold expired and the seat was released.',
  REFUNDED: 'Your seat was refunded.',
  CANCELLED: 'Your registration was cancelled.',
};

/** One campaign: story, schedule, seats, price, and what the viewer can do now (join, pay, leave, run it). */
export function CampaignPage({ id }: { id: string }) {
  const { search } = useLocation();
  const q = useQuery(CampaignDocument, { id });
  useTitle(q.data?.campaign?.title ?? 'Campaign');
  return (
    <QueryView state={q} label="Loading the campaign…">
      {(data) =>
        data.campaign ? (
          <>
            {search.get('created') ? <Alert kind="success">Campaign created. Open registration when you are ready for players to join.</Alert> : null}
            {search.get('checkout') === 'cancelled' ? <Alert kind="info">Checkout was cancelled — nothing was charged. Your seat stays held until the hold expires.</Alert> : null}
            <CampaignView c={data.campaign} me={data.me} refetch={q.refetch} />
          </>
        ) : (
          <div className="narrow"><h1>Campaign not found</h1><p><Link to="/campaigns">Browse open campaigns</Link></p></div>
        )
      }
    </QueryView>
  );
}

function CampaignView({ c, me, refetch }: { c: C; me: CampaignQuery['me']; refetch: () => Promise<void> }) {
  const isOwner = c.owner.id === me.id;
  const reg = c.myRegistration;
  const active = reg && ['HELD', 'PAID', 'WAITLISTED'].includes(reg.status);
  const partyLeader = me.party && me.party.leader.id === me.id && me.party.size > 1 ? me.party : null;
  const [join, joinState] = useMutation(JoinCampaignDocument);
  const [joinParty, joinPartyState] = useMutation(JoinCampaignWithPartyDocument);
  const [leave, leaveState] = useMutation(LeaveCampaignDocument);
  const [checkout, checkoutState] = useMutation(CheckoutSeatDocument);
  const after = <T,>(p: Promise<T | undefined>) => p.then((r) => (r ? refetch() : undefined));
  const pay = async () => {
    const data = await checkout({ campaignId: c.id });
    if (data) window.location.assign(data.checkoutSeat.url);
  };
  const zone = c.schedule.timezone;
  return (
    <article className="campaign">
      <PageHeader
        title={c.title}
        subtitle={
          <>
            <Badge tone={STATUS_TONE[c.status]}>{humanize(c.status)}</Badge> {c.mode === 'ONE_SHOT' ? 'One-shot' : `${c.lengthWeeks} weeks`} · {humanize(c.llmTier)} AI · {humanize(c.difficulty)} · run by{' '}
            <Link to={`/players/${c.owner.id}`}>@{c.owner.handle}</Link>
          </>
        }
        actions={reg?.status === 'PAID' && (c.status === 'RUNNING' || c.status === 'SCHEDULED') ? <Link to={`/campaigns/${c.id}/play`} className="btn btn-primary">Open live session</Link> : null}
      />
      {c.status === 'CANCELLED' && c.cancelReason ? <Alert kind="warning" title="Cancelled">{c.cancelReason}</Alert> : null}
      <div className="stats">
        <Stat label="Price per seat" value={<span data-testid="campaign-price">{formatCents(c.price.perPlayerCents, c.price.currency)}</span>} hint={`price book ${c.price.priceBook}`} />
        <Stat label="Seats" value={`${c.seatsTaken} / ${c.maxPlayers}`} hint={`${c.seatsLeft} left`} />
        <Stat label="First session" value={formatDate(c.startsAt)} hint={c.schedule.weekday ? `${humanize(c.schedule.weekday)}s ${c.schedule.time} (${zone})` : zone} />
        <Stat label="Per week" value={`${c.playHoursPerWeek} h`} hint={`${c.sessionMinutes} min sessions`} />
      </div>
      <div className="split">
        <div>
          <Card title="Your seat">
            <div data-testid="registration-status">
              {reg ? (
                <p>
                  <Badge tone={reg.status === 'PAID' ? 'good' : reg.status === 'HELD' ? 'warn' : 'neutral'}>{humanize(reg.status)}</Badge> {REG_TEXT[reg.status]}
                  {reg.status === 'HELD' && reg.holdExpiresAt ? ` Pay before ${formatDateTime(reg.holdExpiresAt)}.` : ''}
                  {reg.status === 'WAITLISTED' && reg.waitlistPosition ? ` Position ${reg.waitlistPosition}.` : ''}
                </p>
              ) : c.status === 'REGISTRATION' ? (
                <p>{c.seatsLeft > 0 ? 'Seats are open.' : 'The table is full — joining puts you on the waitlist.'}</p>
              ) : (
                <p className="muted">{c.status === 'DRAFT' ? 'Registration is not open yet.' : 'Registration is closed.'}</p>
              )}
            </div>
            <div className="row">
              {(!reg || !active) && c.status === 'REGISTRATION' && c.visibility === 'PUBLIC' ? (
                <>
                  <Button busy={joinState.loading} onClick={() => void after(join({ campaignId: c.id }))}>{c.seatsLeft > 0 ? 'Join campaign' : 'Join the waitlist'}</Button>
                  {partyLeader ? (
                    <Button variant="secondary" busy={joinPartyState.loading} onClick={() => void after(joinParty({ campaignId: c.id, partyId: partyLeader.id }))}>
                      Join with my party ({partyLeader.size})
                    </Button>
                  ) : null}
                </>
              ) : null}
              {(!reg || !active) && c.status === 'REGISTRATION' && c.visibility === 'INVITE_ONLY' ? <p className="muted">Invitation only: ask the organiser for an invite.</p> : null}
              {reg?.status === 'HELD' ? (
                <Button busy={checkoutState.loading} onClick={() => void pay()}>Pay {formatCents(c.price.perPlayerCents, c.price.currency)}</Button>
              ) : null}
              {reg && (reg.status === 'HELD' || reg.status === 'WAITLISTED') ? (
                <Button variant="secondary" busy={leaveState.loading} onClick={() => void after(leave({ campaignId: c.id }))}>{reg.status === 'HELD' ? 'Give up my seat' : 'Leave the waitlist'}</Button>
              ) : null}
            </div>
            <ErrorAlert error={joinState.error ?? joinPartyState.error ?? leaveState.error ?? checkoutState.error} />
            {reg?.status === 'HELD' ? <p className="muted small">Payment opens Stripe Checkout; you come back here afterwards.</p> : null}
          </Card>
          {isOwner || me.roles.includes('ADMIN') ? <OwnerActions c={c} refetch={refetch} /> : null}
          <Card title="The story">
            {c.prose.status === 'WRITTEN' && c.prose.text ? <div className="prose">{c.prose.text.split('\n').filter(Boolean).map((p, i) => <p key={i}>{p}</p>)}</div> : <p className="muted">The game master is still writing the introduction…</p>}
            <dl className="facts">
              <dt>Setting</dt><dd>{c.skeleton.backstory.setting}</dd>
              <dt>Threat</dt><dd>{c.skeleton.backstory.threat}</dd>
              <dt>Hook</dt><dd>{c.skeleton.backstory.hook}</dd>
            </dl>
            {c.skeleton.npcs.length ? (
              <>
                <h3>Characters you may meet</h3>
                <ul className="inline-list">{c.skeleton.npcs.map((n) => <li key={n.id}>{n.name} <span className="muted">({n.role})</span></li>)}</ul>
              </>
            ) : null}
          </Card>
        </div>
        <div>
          <Card title="Players">
            {c.roster.length ? (
              <ul className="plain-list">
                {c.roster.map((r) => (
                  <li key={r.id}><Link to={`/players/${r.player.id}`}>@{r.player.handle}</Link> <Badge tone={r.status === 'PAID' ? 'good' : 'warn'}>{humanize(r.status)}</Badge></li>
                ))}
              </ul>
            ) : <p className="muted">Nobody has joined yet.</p>}
            {c.waitlist?.length ? (
              <>
                <h3>Waitlist</h3>
                <ol className="plain-list">{c.waitlist.map((w) => <li key={w.id}>@{w.player.handle}</li>)}</ol>
              </>
            ) : null}
          </Card>
          <Card title="Schedule">
            <ol className="sessions">
              {c.sessions.slice(0, 24).map((s) => (
                <li key={s.index} className={c.currentSession === s.index ? 'current' : ''}>
                  <span>Session {s.index + 1}</span> <time dateTime={s.startsAt}>{formatDateTime(s.startsAt, zone)}</time>
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
    </article>
  );
}

function OwnerActions({ c, refetch }: { c: C; refetch: () => Promise<void> }) {
  const [open, openState] = useMutation(OpenRegistrationDocument);
  const [match, matchState] = useMutation(StartMatchingDocument);
  const [schedule, scheduleState] = useMutation(ScheduleCampaignDocument);
  const [cancel, cancelState] = useMutation(CancelCampaignDocument);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const then = <T,>(p: Promise<T | undefined>) => p.then((r) => (r ? refetch() : undefined));
  const canCancel = !['COMPLETED', 'CANCELLED', 'RUNNING'].includes(c.status);
  return (
    <Card title="Run this campaign">
      <p className="muted small">Draft → registration → matching → scheduled. Scheduling needs at least 2 paid seats.</p>
      <div className="row">
        {c.status === 'DRAFT' ? <Button busy={openState.loading} onClick={() => void then(open({ campaignId: c.id }))}>Open registration</Button> : null}
        {c.status === 'REGISTRATION' ? <Button busy={matchState.loading} onClick={() => void then(match({ campaignId: c.id }))}>Close joins and start matching</Button> : null}
        {c.status === 'MATCHING' ? <Button busy={scheduleState.loading} onClick={() => void then(schedule({ campaignId: c.id }))}>Schedule the campaign</Button> : null}
        {canCancel && !confirming ? <Button variant="danger" onClick={() => setConfirming(true)}>Cancel campaign…</Button> : null}
      </div>
      {confirming ? (
        <form
          className="form confirm"
          onSubmit={(e) => {
            e.preventDefault();
            void then(cancel({ campaignId: c.id, reason: reason.trim() || null })).then(() => setConfirming(false));
          }}
        >
          <TextAreaField label="Reason shown to players (optional)" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={2} />
          <p>Paid seats are refunded in full. This cannot be undone.</p>
          <div className="row">
            <Button type="submit" variant="danger" busy={cancelState.loading}>Cancel the campaign</Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>Keep it</Button>
          </div>
        </form>
      ) : null}
      <ErrorAlert error={openState.error ?? matchState.error ?? scheduleState.error ?? cancelState.error} />
    </Card>
  );
}
