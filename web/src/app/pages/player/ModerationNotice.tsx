import type { ReactNode } from 'react';
import { ErrorCode } from '@startales/contracts';
import type { LiveRejection } from '../../lib/live.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { Button } from '../../components/ui.tsx';

const When = ({ iso }: { iso: string }) => <time dateTime={iso}>{formatDateTime(iso)}</time>;

/** The host's sentence with the mute's end (an ISO instant in it) shown in the reader's own time. */
function withLocalTime(message: string, until: string | null): ReactNode {
  if (!until || !message.includes(until)) return message;
  const [before, ...rest] = message.split(until);
  return (
    <>
      {before}
      <When iso={until} />
      {rest.join(until)}
    </>
  );
}

/**
 * What the player is told when the game host refused one of their actions (a mute or a kick), or when a moderator
 * removed them from the campaign. An alert, so screen readers announce it when it appears.
 */
export function ModerationNotice({ rejection, removed, onDismiss }: { rejection: LiveRejection | null; removed: boolean; onDismiss?: () => void }) {
  if (removed) {
    return (
      <div className="alert alert-error moderation-notice" role="alert" data-testid="moderation-notice">
        <strong>You were removed from this campaign by a moderator.</strong>
        <p>You can no longer follow or act in this session.</p>
        <p>If you think this is a mistake, appeal it under <Link to="/settings">Settings, Account standing</Link>.</p>
      </div>
    );
  }
  if (!rejection) return null;
  const muted = rejection.code === ErrorCode.PLAYER_MUTED;
  return (
    <div className="alert alert-warning moderation-notice" role="alert" data-testid="moderation-notice">
      <strong>{muted ? 'Your action was not accepted: you are muted.' : 'Your action was not accepted.'}</strong>
      <p>{withLocalTime(rejection.message, rejection.until)}.</p>
      {muted ? (
        <p>
          {rejection.until ? (
            <>You can act again from <When iso={rejection.until} />.</>
          ) : (
            'The mute has no end date; a moderator can lift it.'
          )}{' '}
          You can appeal it under <Link to="/settings">Settings, Account standing</Link>.
        </p>
      ) : null}
      {rejection.text ? <p className="muted small">Not sent to the table: “{rejection.text}”</p> : null}
      {onDismiss ? <Button variant="ghost" onClick={onDismiss}>Dismiss</Button> : null}
    </div>
  );
}
