import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { LiveCampaignDocument, SubmitActionDocument } from '../../operations/campaigns.ts';
import { useMutation, useQuery, useTitle } from '../../lib/hooks.ts';
import { LiveClient, type LiveSnapshot } from '../../lib/live.ts';
import { getSession, renewSession } from '../../lib/session.ts';
import { Link } from '../../lib/router.tsx';
import { formatDateTime, formatMicros } from '../../lib/format.ts';
import { Badge, Button, Card, ErrorAlert, Loading, QueryView, TextAreaField } from '../../components/ui.tsx';
import { ModerationNotice } from './ModerationNotice.tsx';

function useLive(campaignId: string): [LiveSnapshot, LiveClient] {
  const client = useMemo(
    () =>
      new LiveClient(
        campaignId,
        { open: (url) => new WebSocket(url), token: () => getSession()?.accessToken, renewToken: renewSession },
        `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}`,
      ),
    [campaignId],
  );
  const [snap, setSnap] = useState(client.current);
  useEffect(() => {
    const off = client.subscribe(setSnap);
    client.start();
    return () => {
      off();
      client.stop();
    };
  }, [client]);
  return [snap, client];
}

const STATUS_TEXT: Record<LiveSnapshot['status'], string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  ended: 'Ended',
  failed: 'Disconnected',
};

/** The table: narration streaming in, the party, queued actions, and the player's action box (submitAction). */
export function Live({ id }: { id: string }) {
  const q = useQuery(LiveCampaignDocument, { id });
  useTitle(q.data?.campaign ? `${q.data.campaign.title} — live` : 'Live session');
  return (
    <QueryView state={q} label="Loading the campaign…">
      {(d) => (d.campaign ? <LiveTable campaign={d.campaign} me={d.me} /> : <div className="narrow"><h1>Campaign not found</h1></div>)}
    </QueryView>
  );
}

function LiveTable({ campaign, me }: { campaign: NonNullable<import('../../gql/graphql.ts').LiveCampaignQuery['campaign']>; me: { id: string; handle: string } }) {
  const [snap, client] = useLive(campaign.id);
  const [submit, sub] = useMutation(SubmitActionDocument);
  const [text, setText] = useState('');
  // the same id for retries of one action, so a resend after a timeout is not a second action
  const pendingId = useRef<string | null>(null);
  const feed = useRef<HTMLOListElement>(null);
  const s = snap.state;
  const streamingTurn = s ? snap.streaming[s.turn] : undefined;
  useEffect(() => {
    feed.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [s?.recent.length, streamingTurn]);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    pendingId.current ??= crypto.randomUUID();
    const actionId = pendingId.current;
    const ok = await submit({ campaignId: campaign.id, action: { actionId, text: body } });
    if (ok) {
      // shown as waiting until the host applies it, or refuses it (a mute or kick that landed meanwhile)
      client.expectAction(actionId, body);
      pendingId.current = null;
      setText('');
    }
  };
  const canAct = campaign.status === 'RUNNING' && campaign.myRegistration?.status === 'PAID' && !snap.removed;
  const handles = new Map((s?.players ?? []).map((p) => [p.userId, p.handle]));
  const tone = snap.status === 'live' ? 'good' : snap.status === 'reconnecting' || snap.status === 'connecting' ? 'warn' : 'bad';
  return (
    <div className="live">
      <div className="page-header">
        <div>
          <h1>{campaign.title}</h1>
          <p className="muted">
            {s?.currentSession !== null && s?.currentSession !== undefined ? `Session ${s.currentSession + 1}` : 'Between sessions'}
            {s ? ` · turn ${s.turn}` : ''}
            {' · '}<Link to={`/campaigns/${campaign.id}`}>Campaign page</Link>
          </p>
        </div>
        <div className="live-status" role="status" aria-live="polite" data-testid="live-status">
          <Badge tone={tone}>{STATUS_TEXT[snap.status]}</Badge>
          {snap.detail ? <span className="muted small"> {snap.detail}</span> : null}
          {(snap.status === 'reconnecting' || snap.status === 'failed') && !snap.removed ? <Button variant="ghost" onClick={() => client.retryNow()}>Reconnect now</Button> : null}
        </div>
      </div>
      <div className="live-grid">
        <Card title="Story" className="live-feed">
          <ModerationNotice rejection={snap.rejection} removed={snap.removed} onDismiss={() => client.dismissRejection()} />
          {!s ? (
            snap.removed ? null : snap.status === 'failed' || snap.status === 'ended' ? <p>{snap.detail}</p> : <Loading label="Joining the table…" />
          ) : (
            <ol className="narration" ref={feed} aria-live="polite" aria-relevant="additions">
              {s.recent.map((r) => <li key={r.seq} className="gm"><span className="visually-hidden">Game master: </span>{r.text}</li>)}
              {s.pending.map((p) => (
                <li key={p.actionId} className="player"><strong>@{handles.get(p.userId) ?? 'player'}:</strong> {p.text}</li>
              ))}
              {snap.awaiting.map((a) => (
                <li key={a.actionId} className="player awaiting" data-testid="awaiting-action"><strong>@{me.handle}:</strong> {a.text} <span className="muted small">(waiting for the table)</span></li>
              ))}
              {streamingTurn ? <li className="gm streaming" aria-busy="true">{streamingTurn}<span className="cursor" aria-hidden="true">▍</span></li> : null}
              {!s.recent.length && !s.pending.length && !snap.awaiting.length && !streamingTurn ? <li className="muted">The story begins when the first session starts.</li> : null}
            </ol>
          )}
          <form onSubmit={send} className="form action-form">
            <TextAreaField
              label="Your action"
              value={text}
              onChange={(e) => { setText(e.target.value); pendingId.current = null; }}
              maxLength={2000}
              rows={3}
              disabled={!canAct}
              hint={snap.removed ? 'You were removed from this campaign by a moderator.' : canAct ? 'What does your character do? The game master answers when the turn resolves.' : campaign.status === 'RUNNING' ? 'Only players with a paid seat can act.' : `Actions open while a session runs (status: ${campaign.status.toLowerCase()}).`}
              onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(e); }}
            />
            <ErrorAlert error={sub.error} />
            <Button type="submit" busy={sub.loading} disabled={!canAct || !text.trim()}>Send action</Button>
          </form>
        </Card>
        <div>
          <Card title="Party">
            {s?.players.length ? (
              <ul className="plain-list">
                {s.players.map((p) => (
                  <li key={p.userId}>
                    @{p.handle} {p.userId === me.id ? <Badge tone="info">You</Badge> : null} {!p.active ? <Badge tone="bad">Left</Badge> : null}
                    <span className="muted small"> {p.actions} action{p.actions === 1 ? '' : 's'}</span>
                  </li>
                ))}
              </ul>
            ) : <p className="muted">No players yet.</p>}
          </Card>
          <Card title="Sessions">
            <ol className="sessions">
              {(s?.sessions ?? campaign.sessions.map((x) => ({ ...x, status: 'pending' as const }))).slice(0, 12).map((x) => (
                <li key={x.index} className={x.status === 'open' ? 'current' : ''}>
                  Session {x.index + 1} <time dateTime={x.startsAt}>{formatDateTime(x.startsAt)}</time> {x.status === 'open' ? <Badge tone="good">Now</Badge> : x.status === 'closed' ? <Badge>Done</Badge> : null}
                </li>
              ))}
            </ol>
            {s ? <p className="muted small">{s.narrations} narrations · {formatMicros(s.narrationCostMicros)} of AI so far · seq {snap.lastSeq}</p> : null}
          </Card>
        </div>
      </div>
    </div>
  );
}
